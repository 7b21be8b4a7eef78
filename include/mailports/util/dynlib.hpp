// Shared libraries opened with dlopen on first use. Linking libidn2,
// libunistring or libssl costs every start-up more than a whole `check`
// (tests/bench/README.md); only the commands that need them load them.
#pragma once

#include <string>

namespace mailports::util {

struct Library {
  void* handle = nullptr; // stays open for the life of the process
  std::string error;      // why it could not be opened, when handle is null
};

// dlopen(soname, RTLD_LAZY | RTLD_LOCAL), with dlerror's words on failure.
Library open_library(const char* soname);

// The function `name` of `library`, or nullptr.
void* find_symbol(const Library& library, const char* name);

// find_symbol cast to the function's type (POSIX guarantees dlsym's void*
// converts to a function pointer).
template <typename Function>
Function* find_function(const Library& library, const char* name)
{
  return reinterpret_cast<Function*>(find_symbol(library, name));
}

} // namespace mailports::util
