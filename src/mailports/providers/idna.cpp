#include "idna.hpp"

#include <idn2.h>

#include <dlfcn.h>

namespace mailports::providers::idna {

namespace {

struct Library {
  decltype(&idn2_to_ascii_8z) to_ascii = nullptr;
  decltype(&idn2_free) free = nullptr;
  decltype(&idn2_strerror) strerror = nullptr;
  std::string error;
};

const Library& library()
{
  static const Library lib = [] {
    Library l;
    void* handle = ::dlopen("libidn2.so.0", RTLD_LAZY | RTLD_LOCAL);
    if (handle == nullptr) {
      const char* why = ::dlerror();
      l.error = why != nullptr ? why : "libidn2.so.0 not found";
      return l;
    }
    // dlsym returns void*; POSIX guarantees it converts to a function pointer.
    l.to_ascii = reinterpret_cast<decltype(l.to_ascii)>(::dlsym(handle, "idn2_to_ascii_8z"));
    l.free = reinterpret_cast<decltype(l.free)>(::dlsym(handle, "idn2_free"));
    l.strerror = reinterpret_cast<decltype(l.strerror)>(::dlsym(handle, "idn2_strerror"));
    if (l.to_ascii == nullptr || l.free == nullptr || l.strerror == nullptr) {
      l.error = "libidn2.so.0 lacks idn2_to_ascii_8z";
      l.to_ascii = nullptr;
    }
    return l; // the handle stays open for the life of the process
  }();
  return lib;
}

} // namespace

Outcome to_ascii(const std::string& name)
{
  const auto& lib = library();
  if (lib.to_ascii == nullptr) {
    return Outcome{Status::unavailable, {}, lib.error};
  }
  char* converted = nullptr;
  const int rc = lib.to_ascii(name.c_str(), &converted, IDN2_NFC_INPUT | IDN2_NONTRANSITIONAL);
  Outcome out;
  if (rc == IDN2_OK) {
    out = Outcome{Status::ok, converted, {}};
  } else if (rc == IDN2_TOO_BIG_DOMAIN || rc == IDN2_TOO_BIG_LABEL) {
    out = Outcome{Status::too_long, {}, lib.strerror(rc)};
  } else {
    out = Outcome{Status::invalid, {}, lib.strerror(rc)};
  }
  if (converted != nullptr) {
    lib.free(converted);
  }
  return out;
}

} // namespace mailports::providers::idna
