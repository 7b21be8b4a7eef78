#include <mailports/providers/catalog.hpp>

#include <mailports/rules/json_parse.hpp>
#include <mailports/util/json_check.hpp>

#include <algorithm>
#include <deque>
#include <string>
#include <vector>

namespace mailports::providers {

// Deques keep element addresses stable as they grow, so the views stay
// valid while the loader appends.
struct OwnedCatalog::Storage {
  std::deque<std::string> strings;
  std::deque<std::vector<std::string_view>> string_lists;
  std::deque<std::vector<Server>> server_lists;
  std::deque<std::vector<Note>> note_lists;
  std::vector<Provider> providers;
  std::vector<DomainRow> index;
};

namespace {

using nlohmann::json;
using util::expect_array;
using util::expect_fields;
using util::json_child;

// Reads the document into a Storage; one `*_of` per struct of the model.
class Reader {
public:
  explicit Reader(OwnedCatalog::Storage& storage) : m_storage(storage) {}

  std::string_view string_of(const json& value, const std::string& pointer)
  {
    return m_storage.strings.emplace_back(util::expect_string(value, pointer));
  }

  std::optional<std::string_view> optional_string(const json& value, const std::string& pointer)
  {
    if (value.is_null()) {
      return std::nullopt;
    }
    return string_of(value, pointer);
  }

  std::span<const std::string_view> string_list(const json& value, const std::string& pointer)
  {
    std::vector<std::string_view> out;
    for (std::size_t i = 0; i < expect_array(value, pointer).size(); ++i) {
      out.push_back(string_of(value[i], json_child(pointer, i)));
    }
    return m_storage.string_lists.emplace_back(std::move(out));
  }

  static std::optional<core::TlsMode> tls_of(const json& value, const std::string& pointer)
  {
    if (value.is_null()) {
      return std::nullopt;
    }
    const auto& text = util::expect_string(value, pointer);
    // ISPDB's three socket types, mapped by the importer; nothing else.
    const auto mode = core::parse_tls_mode(text);
    if (!mode || core::to_string(*mode) != text || *mode == core::TlsMode::opportunistic) {
      util::json_fail(pointer, "unknown TLS mode " + util::json_quoted(text)
                                 + "; expected none, starttls or implicit");
    }
    return mode;
  }

  Server server_of(const json& def, const std::string& here)
  {
    expect_fields(def, here, {"proto", "host", "port", "tls", "username", "auth",
                              "leave_messages_on_server"},
                  {"source", "url"});
    Server s;
    s.type = string_of(def["proto"], json_child(here, "proto"));
    s.proto = core::parse_proto(s.type);
    s.host = optional_string(def["host"], json_child(here, "host"));
    if (!def["port"].is_null()) {
      s.port = static_cast<std::uint16_t>(
        util::expect_integer(def["port"], json_child(here, "port"), 1, 65535));
    }
    s.tls = tls_of(def["tls"], json_child(here, "tls"));
    s.username = optional_string(def["username"], json_child(here, "username"));
    s.auth = string_list(def["auth"], json_child(here, "auth"));
    const auto& leave = def["leave_messages_on_server"];
    if (leave.is_boolean()) {
      s.leave_messages_on_server = leave.get<bool>();
    } else if (!leave.is_null()) {
      util::json_fail(json_child(here, "leave_messages_on_server"), "expected true, false or null");
    }
    if (def.contains("source")) {
      s.source = string_of(def["source"], json_child(here, "source"));
    }
    if (s.proto && (!s.host || !s.port)) {
      util::json_fail(here, "a " + std::string(s.type) + " server needs a host and a port");
    }
    return s;
  }

  std::span<const Server> servers_of(const json& list, const std::string& pointer)
  {
    std::vector<Server> out;
    for (std::size_t i = 0; i < expect_array(list, pointer).size(); ++i) {
      out.push_back(server_of(list[i], json_child(pointer, i)));
    }
    return m_storage.server_lists.emplace_back(std::move(out));
  }

  Note note_of(const json& def, const std::string& here)
  {
    expect_fields(def, here, {"source", "text"});
    return Note{string_of(def["source"], json_child(here, "source")),
                string_of(def["text"], json_child(here, "text"))};
  }

  std::span<const Note> notes_of(const json& list, const std::string& pointer)
  {
    std::vector<Note> out;
    for (std::size_t i = 0; i < expect_array(list, pointer).size(); ++i) {
      out.push_back(note_of(list[i], json_child(pointer, i)));
    }
    return m_storage.note_lists.emplace_back(std::move(out));
  }

  Provider provider_of(const json& def, const std::string& here)
  {
    expect_fields(def, here, {"id", "file", "name", "short_name", "domains", "docs", "oauth2",
                              "incoming", "outgoing", "notes"});
    Provider p;
    p.id = string_of(def["id"], json_child(here, "id"));
    p.file = string_of(def["file"], json_child(here, "file"));
    p.name = string_of(def["name"], json_child(here, "name"));
    p.domains = string_list(def["domains"], json_child(here, "domains"));
    if (p.domains.empty()) {
      util::json_fail(json_child(here, "domains"), "expected at least one domain");
    }
    p.docs = string_list(def["docs"], json_child(here, "docs"));
    if (!def["oauth2"].is_boolean()) {
      util::json_fail(json_child(here, "oauth2"), "expected true or false");
    }
    p.oauth2 = def["oauth2"].get<bool>();
    p.incoming = servers_of(def["incoming"], json_child(here, "incoming"));
    p.outgoing = servers_of(def["outgoing"], json_child(here, "outgoing"));
    p.notes = notes_of(def["notes"], json_child(here, "notes"));
    return p;
  }

  Source source_of(const json& src, const std::string& here)
  {
    expect_fields(src, here, {"name", "repository", "commit", "date", "license"}, {"note"});
    return Source{string_of(src["name"], json_child(here, "name")),
                  string_of(src["repository"], json_child(here, "repository")),
                  string_of(src["commit"], json_child(here, "commit")),
                  string_of(src["date"], json_child(here, "date")),
                  string_of(src["license"], json_child(here, "license"))};
  }

private:
  OwnedCatalog::Storage& m_storage;
};

// Every (domain, provider) pair, sorted by domain and then by file order,
// so the first row for a domain is the provider a scan would find first.
std::vector<DomainRow> index_of(std::span<const Provider> providers)
{
  std::vector<DomainRow> rows;
  for (std::size_t i = 0; i < providers.size(); ++i) {
    for (const auto domain : providers[i].domains) {
      rows.push_back(DomainRow{domain, static_cast<std::uint32_t>(i)});
    }
  }
  std::sort(rows.begin(), rows.end(), [](const DomainRow& a, const DomainRow& b) {
    return a.domain != b.domain ? a.domain < b.domain : a.provider < b.provider;
  });
  return rows;
}

} // namespace

const Provider* Catalog::find(std::string_view domain) const noexcept
{
  const auto it = std::lower_bound(index.begin(), index.end(), domain,
                                   [](const DomainRow& row, std::string_view d) { return row.domain < d; });
  if (it == index.end() || it->domain != domain || it->provider >= providers.size()) {
    return nullptr;
  }
  return &providers[it->provider];
}

core::Result<OwnedCatalog> load_providers(std::string_view json_text, std::string_view origin)
{
  auto document = rules::parse_json_strict(json_text);
  if (!document) {
    return core::Error{std::string(origin) + ":" + document.error().message};
  }
  try {
    const json& doc = *document;
    expect_fields(doc, "", {"schema_version", "source", "providers"});
    if (doc["schema_version"] != 1) {
      util::json_fail("/schema_version", "expected 1, got " + doc["schema_version"].dump());
    }
    auto storage = std::make_shared<OwnedCatalog::Storage>();
    Reader reader(*storage);
    Catalog catalog;
    catalog.source = reader.source_of(doc["source"], "/source");
    const auto& list = expect_array(doc["providers"], "/providers");
    for (std::size_t i = 0; i < list.size(); ++i) {
      storage->providers.push_back(reader.provider_of(list[i], json_child("/providers", i)));
    }
    storage->index = index_of(storage->providers);
    catalog.providers = storage->providers;
    catalog.index = storage->index;
    return OwnedCatalog(std::move(storage), catalog);
  } catch (const util::JsonInvalid& invalid) {
    return core::Error{std::string(origin) + ": " + invalid.message};
  }
}

} // namespace mailports::providers
