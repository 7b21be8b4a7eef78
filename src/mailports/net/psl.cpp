#include <mailports/net/psl.hpp>

#include <libpsl.h>

#include <mailports/util/dynlib.hpp>

#include <type_traits>

namespace mailports::net {

namespace {

struct Library {
  const psl_ctx_t* context = nullptr; // kept for the life of the process
  decltype(&psl_registrable_domain) registrable = nullptr;
  std::string_view source = "unavailable";
  std::string error;
};

template <typename Pointer>
void find(const util::Library& opened, Pointer& pointer, const char* name)
{
  pointer = util::find_function<std::remove_pointer_t<Pointer>>(opened, name);
}

// Thread-safe: a function-local static, and the context is only read after.
const Library& library()
{
  static const Library lib = [] {
    Library l;
    const auto opened = util::open_library("libpsl.so.5");
    if (opened.handle == nullptr) {
      l.error = "the Public Suffix List is unavailable: " + opened.error;
      return l;
    }
    decltype(&psl_latest) latest = nullptr;
    decltype(&psl_builtin) builtin = nullptr;
    find(opened, latest, "psl_latest");
    find(opened, builtin, "psl_builtin");
    find(opened, l.registrable, "psl_registrable_domain");
    if (l.registrable == nullptr || (latest == nullptr && builtin == nullptr)) {
      l.error = "the Public Suffix List is unavailable: libpsl.so.5 lacks psl_registrable_domain";
      l.registrable = nullptr;
      return l;
    }
    // psl_latest(NULL): the distribution's list (the publicsuffix package)
    // when it is newer than the built-in one, else the built-in one.
    if (latest != nullptr) {
      l.context = latest(nullptr);
      l.source = "latest";
    }
    if (l.context == nullptr && builtin != nullptr) {
      l.context = builtin();
      l.source = "built-in";
    }
    if (l.context == nullptr) {
      l.error = "the Public Suffix List is unavailable: libpsl has no list to load";
      l.registrable = nullptr;
      l.source = "unavailable";
    }
    return l;
  }();
  return lib;
}

} // namespace

core::Result<std::optional<std::string>> registrable_domain(std::string_view host)
{
  const auto& lib = library();
  if (lib.registrable == nullptr) {
    return core::Error{lib.error};
  }
  // libpsl wants lower case; the caller's name may end in the root's dot.
  std::string name;
  name.reserve(host.size());
  for (const char c : host) {
    if (c == '\0') {
      return std::optional<std::string>{};
    }
    name += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  }
  if (!name.empty() && name.back() == '.') {
    name.pop_back();
  }
  if (name.empty()) {
    return std::optional<std::string>{};
  }
  const char* found = lib.registrable(lib.context, name.c_str());
  if (found == nullptr) {
    return std::optional<std::string>{};
  }
  return std::optional<std::string>{std::string(found)};
}

std::string_view public_suffix_list_source()
{
  return library().source;
}

} // namespace mailports::net
