#include <mailports/util/dynlib.hpp>

#include <dlfcn.h>

namespace mailports::util {

Library open_library(const char* soname)
{
  Library library;
  library.handle = ::dlopen(soname, RTLD_LAZY | RTLD_LOCAL);
  if (library.handle == nullptr) {
    const char* why = ::dlerror();
    library.error = why != nullptr ? why : std::string(soname) + " not found";
  }
  return library;
}

void* find_symbol(const Library& library, const char* name)
{
  return library.handle != nullptr ? ::dlsym(library.handle, name) : nullptr;
}

} // namespace mailports::util
