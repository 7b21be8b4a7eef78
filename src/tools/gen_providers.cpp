// Build-time generator: data/providers.json -> C++ constant data for
// providers::builtin_catalog(). It validates with the run-time loader (the
// one --providers FILE uses) and writes what that loader built, domain
// index included, so the built-in catalog costs no parsing at start-up and
// both paths accept exactly the same files.
//
// One `emit` per struct of include/mailports/providers/catalog.hpp, in the
// struct's field order (designated initializers: the compiler rejects a
// wrong order); `value()` writes any field type, lists included. To add a
// field: declare it in the struct, read it in the loader, add its line to
// the struct's `emit` here and raise the count in its static_assert.
#include "emit.hpp"

#include <mailports/providers/catalog.hpp>
#include <mailports/util/file.hpp>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <iostream>
#include <string>
#include <type_traits>

namespace {

using namespace mailports;
using namespace mailports::providers;

// Number of fields of an aggregate (members that are not aggregates
// themselves), so a field added to a struct without its line in `emit`
// fails the build here instead of dropping out of the built-in data.
struct AnyField {
  template <typename T>
  operator T() const; // NOLINT(google-explicit-constructor): never defined, only for requires
};

template <typename T, typename... Fields>
constexpr std::size_t field_count()
{
  if constexpr (requires { T{Fields{}..., AnyField{}}; }) {
    return field_count<T, Fields..., AnyField>();
  } else {
    return sizeof...(Fields);
  }
}

// Appends, not "literal" + std::string: GCC 12 at -O3 warns falsely
// (-Wrestrict) on that.
template <typename... Parts>
std::string cat(const Parts&... parts)
{
  std::string out;
  (out += ... += parts);
  return out;
}

class Emitter {
public:
  // Scalars.
  static std::string value(std::string_view s)
  {
    std::string out = "\"";
    out += tools::escape_for_literal(s);
    out += "\"sv";
    return out;
  }
  static std::string value(bool b) { return b ? "true" : "false"; }
  static std::string value(std::uint16_t n) { return std::to_string(n); }
  static std::string value(std::uint32_t n) { return cat(std::to_string(n), "U"); }
  static std::string value(core::Proto p) { return cat("core::Proto::", core::to_string(p)); }
  static std::string value(core::TlsMode m) { return cat("core::TlsMode::", core::to_string(m)); }

  template <typename T>
  std::string value(const std::optional<T>& v)
  {
    return v ? value(*v) : std::string("std::nullopt");
  }

  // A list becomes a named constant array declared before its first use.
  template <typename T>
  std::string value(std::span<const T> list)
  {
    if (list.empty()) {
      return "{}";
    }
    std::string items;
    for (const auto& item : list) {
      items += cat("  ", value(item), ",\n");
    }
    const auto name = cat("a", std::to_string(m_count++));
    m_decls += cat("constexpr ", type_name<T>(), " ", name, "[] = {\n", items, "};\n");
    return name;
  }

  // Structs: one function each, fields in declaration order.
  std::string value(const Server& s)
  {
    static_assert(field_count<Server>() == 9, "providers::Server changed: update emit(Server)");
    return cat("{.type = ", value(s.type),
               ", .proto = ", value(s.proto),
               ", .host = ", value(s.host),
               ", .port = ", value(s.port),
               ", .tls = ", value(s.tls),
               ", .username = ", value(s.username),
               ", .auth = ", value(s.auth),
               ", .leave_messages_on_server = ", value(s.leave_messages_on_server),
               ", .source = ", value(s.source),
               "}");
  }

  std::string value(const Note& n)
  {
    static_assert(field_count<Note>() == 2, "providers::Note changed: update emit(Note)");
    return cat("{.source = ", value(n.source),
               ", .text = ", value(n.text),
               "}");
  }

  std::string value(const Provider& p)
  {
    static_assert(field_count<Provider>() == 9, "providers::Provider changed: update emit(Provider)");
    return cat("{.id = ", value(p.id),
               ", .file = ", value(p.file),
               ", .name = ", value(p.name),
               ", .domains = ", value(p.domains),
               ", .docs = ", value(p.docs),
               ", .oauth2 = ", value(p.oauth2),
               ", .incoming = ", value(p.incoming),
               ", .outgoing = ", value(p.outgoing),
               ", .notes = ", value(p.notes),
               "}");
  }

  std::string value(const Source& s)
  {
    static_assert(field_count<Source>() == 5, "providers::Source changed: update emit(Source)");
    return cat("{.name = ", value(s.name),
               ", .repository = ", value(s.repository),
               ", .commit = ", value(s.commit),
               ", .date = ", value(s.date),
               ", .license = ", value(s.license),
               "}");
  }

  std::string value(const DomainRow& r) { return cat("{", value(r.domain), ", ", value(r.provider), "}"); }

  std::string emit(const Catalog& c)
  {
    const auto source = value(c.source);
    const auto providers = value(c.providers);
    const auto index = value(c.index);
    return cat("// Generated by mailports-gen-providers from data/providers.json. Do not edit.\n"
               "#include <mailports/providers/catalog.hpp>\n\n"
               "#include <optional>\n#include <string_view>\n\n"
               "namespace mailports::providers {\nnamespace {\nusing namespace std::string_view_literals;\n",
               m_decls, "constexpr Catalog k_catalog{", source, ", ", providers, ", ", index,
               "};\n} // namespace\n\n"
               "const Catalog& builtin_catalog() noexcept\n{\n  return k_catalog;\n}\n\n"
               "std::string_view builtin_providers_commit() noexcept\n{\n  return k_catalog.source.commit;\n}\n\n"
               "} // namespace mailports::providers\n");
  }

private:
  template <typename T>
  static std::string type_name()
  {
    if constexpr (std::is_same_v<T, std::string_view>) {
      return "std::string_view";
    } else if constexpr (std::is_same_v<T, Server>) {
      return "Server";
    } else if constexpr (std::is_same_v<T, Note>) {
      return "Note";
    } else if constexpr (std::is_same_v<T, Provider>) {
      return "Provider";
    } else {
      static_assert(std::is_same_v<T, DomainRow>, "a new list type: name it here");
      return "DomainRow";
    }
  }

  std::string m_decls;
  int m_count = 0;
};

} // namespace

int main(int argc, char** argv)
{
  if (argc != 3) {
    std::cerr << "usage: mailports-gen-providers PROVIDERS.json OUTPUT.cpp\n";
    return 64;
  }
  const std::string input = argv[1];
  const std::filesystem::path output = argv[2];
  auto content = util::read_file(input, std::size_t{16} << 20U);
  if (!content) {
    std::cerr << "mailports-gen-providers: cannot read " << input << ": "
              << content.error().reason << "\n";
    return 66;
  }
  const auto loaded = providers::load_providers(*content, input);
  if (!loaded) {
    std::cerr << "mailports-gen-providers: " << loaded.error().message << "\n";
    return 65;
  }
  const auto& catalog = loaded->catalog();
  const auto commit = catalog.source.commit;
  if (!std::all_of(commit.begin(), commit.end(), [](char c) { return std::isxdigit(static_cast<unsigned char>(c)) != 0; })) {
    std::cerr << "mailports-gen-providers: " << input << ": /source/commit is not a hex commit id\n";
    return 65;
  }
  if (!tools::write_atomically(output, Emitter().emit(catalog))) {
    std::cerr << "mailports-gen-providers: cannot write " << output << "\n";
    return 73;
  }
  return 0;
}
