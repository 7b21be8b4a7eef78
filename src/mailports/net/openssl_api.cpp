#include "openssl_api.hpp"

#include <dlfcn.h>

namespace mailports::net::ossl {

namespace {

struct Loaded {
  Api api;
  std::string error;
};

Loaded load()
{
  Loaded out;
  void* handle = ::dlopen("libssl.so.3", RTLD_NOW | RTLD_LOCAL);
  if (handle == nullptr) {
    const char* why = ::dlerror();
    out.error = why != nullptr ? why : "libssl.so.3 not found";
    return out;
  }
  // dlsym on libssl's handle also finds libcrypto's symbols (its dependency).
  // POSIX guarantees that dlsym's void* converts to a function pointer.
#define MAILPORTS_OPENSSL_LOAD(name)                                                               \
  out.api.name = reinterpret_cast<decltype(out.api.name)>(::dlsym(handle, #name));                 \
  if (out.api.name == nullptr) {                                                                   \
    out.error = "libssl.so.3 lacks " #name;                                                        \
    return out;                                                                                    \
  }
  MAILPORTS_OPENSSL_FUNCTIONS(MAILPORTS_OPENSSL_LOAD)
#undef MAILPORTS_OPENSSL_LOAD
  return out; // the handle stays open for the life of the process
}

} // namespace

const Api* api(std::string& why)
{
  static const Loaded loaded = load(); // thread-safe initialization
  if (!loaded.error.empty()) {
    why = loaded.error;
    return nullptr;
  }
  return &loaded.api;
}

std::string last_error(const Api& api)
{
  const unsigned long code = api.ERR_get_error();
  api.ERR_clear_error();
  if (code == 0) {
    return {};
  }
  char buffer[256];
  api.ERR_error_string_n(code, buffer, sizeof buffer);
  // "error:0A00010B:SSL routines::wrong version number": keep the reason.
  std::string text = buffer;
  const auto colon = text.rfind(':');
  return colon == std::string::npos ? text : text.substr(colon + 1);
}

} // namespace mailports::net::ossl
