#include "idna.hpp"

#include <idn2.h>

#include <mailports/util/dynlib.hpp>

#include <type_traits>

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
    const auto opened = util::open_library("libidn2.so.0");
    if (opened.handle == nullptr) {
      l.error = opened.error;
      return l;
    }
    l.to_ascii = util::find_function<std::remove_pointer_t<decltype(l.to_ascii)>>(opened, "idn2_to_ascii_8z");
    l.free = util::find_function<std::remove_pointer_t<decltype(l.free)>>(opened, "idn2_free");
    l.strerror = util::find_function<std::remove_pointer_t<decltype(l.strerror)>>(opened, "idn2_strerror");
    if (l.to_ascii == nullptr || l.free == nullptr || l.strerror == nullptr) {
      l.error = "libidn2.so.0 lacks idn2_to_ascii_8z";
      l.to_ascii = nullptr;
    }
    return l;
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
