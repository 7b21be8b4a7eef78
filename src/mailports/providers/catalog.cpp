#include <mailports/providers/catalog.hpp>

#include <mailports/rules/json_parse.hpp>
#include <mailports/util/json_check.hpp>
#include <mailports/util/text.hpp>

#include <algorithm>
#include <deque>
#include <string>
#include <unordered_map>
#include <vector>

namespace mailports::providers {

// Deques keep element addresses stable as they grow, so the views stay
// valid while the loader appends.
struct OwnedCatalog::Storage {
  std::deque<std::string> strings;
  std::deque<std::vector<std::string_view>> string_lists;
  std::deque<std::vector<Server>> server_lists;
  std::deque<std::vector<Note>> note_lists;
  std::deque<std::vector<LangText>> lang_text_lists;
  std::deque<std::vector<Documentation>> documentation_lists;
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
  Reader(OwnedCatalog::Storage& storage, int schema) : m_storage(storage), m_schema(schema) {}

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

  std::string_view https_url(const json& value, const std::string& pointer)
  {
    const auto url = string_of(value, pointer);
    if (!url.starts_with("https://") && !url.starts_with("http://")) {
      util::json_fail(pointer, "expected an http(s):// URL, got " + util::json_quoted(std::string(url)));
    }
    return url;
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
                  {"source", "url", "unverified"});
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
    if (def.contains("unverified")) {
      if (def["unverified"] != true) {
        util::json_fail(json_child(here, "unverified"), "expected true (or no key)");
      }
      s.unverified = true;
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

  // Schema 2 added the notes' url and text_ja.
  Note note_of(const json& def, const std::string& here)
  {
    if (m_schema >= 2) {
      expect_fields(def, here, {"source", "url", "text", "text_ja"});
    } else {
      expect_fields(def, here, {"source", "text"});
    }
    Note n{string_of(def["source"], json_child(here, "source")),
           string_of(def["text"], json_child(here, "text")), {}, {}};
    if (m_schema >= 2) {
      n.url = https_url(def["url"], json_child(here, "url"));
      n.text_ja = string_of(def["text_ja"], json_child(here, "text_ja"));
    }
    return n;
  }

  std::span<const Note> notes_of(const json& list, const std::string& pointer)
  {
    std::vector<Note> out;
    for (std::size_t i = 0; i < expect_array(list, pointer).size(); ++i) {
      out.push_back(note_of(list[i], json_child(pointer, i)));
    }
    return m_storage.note_lists.emplace_back(std::move(out));
  }

  LangText lang_text_of(const json& def, const std::string& here)
  {
    expect_fields(def, here, {"lang", "text"});
    return LangText{string_of(def["lang"], json_child(here, "lang")),
                    string_of(def["text"], json_child(here, "text"))};
  }

  std::span<const LangText> lang_texts_of(const json& list, const std::string& pointer)
  {
    std::vector<LangText> out;
    for (std::size_t i = 0; i < expect_array(list, pointer).size(); ++i) {
      out.push_back(lang_text_of(list[i], json_child(pointer, i)));
    }
    return m_storage.lang_text_lists.emplace_back(std::move(out));
  }

  Documentation documentation_of(const json& def, const std::string& here)
  {
    expect_fields(def, here, {"url", "descriptions"});
    return Documentation{https_url(def["url"], json_child(here, "url")),
                         lang_texts_of(def["descriptions"], json_child(here, "descriptions"))};
  }

  std::span<const Documentation> documentations_of(const json& list, const std::string& pointer)
  {
    std::vector<Documentation> out;
    for (std::size_t i = 0; i < expect_array(list, pointer).size(); ++i) {
      out.push_back(documentation_of(list[i], json_child(pointer, i)));
    }
    return m_storage.documentation_lists.emplace_back(std::move(out));
  }

  std::optional<Enable> enable_of(const json& def, const std::string& here)
  {
    if (def.is_null()) {
      return std::nullopt;
    }
    expect_fields(def, here, {"url", "instructions"});
    Enable e;
    if (!def["url"].is_null()) {
      e.url = https_url(def["url"], json_child(here, "url"));
    }
    e.instructions = lang_texts_of(def["instructions"], json_child(here, "instructions"));
    return e;
  }

  std::optional<AuthFacts> auth_facts_of(const json& def, const std::string& here)
  {
    if (def.is_null()) {
      return std::nullopt;
    }
    expect_fields(def, here, {"kind", "where", "url", "checked", "verified"});
    AuthFacts f;
    const auto kind_ptr = json_child(here, "kind");
    const auto& kind = util::expect_string(def["kind"], kind_ptr);
    if (kind == "oauth2-only") {
      f.kind = AuthKind::oauth2_only;
    } else if (kind == "app-password") {
      f.kind = AuthKind::app_password;
    } else if (kind == "password") {
      f.kind = AuthKind::password;
    } else {
      util::json_fail(kind_ptr, "unknown kind " + util::json_quoted(kind)
                                  + "; expected oauth2-only, app-password or password");
    }
    const auto where_ptr = json_child(here, "where");
    expect_fields(def["where"], where_ptr, {"en", "ja"});
    f.where_en = string_of(def["where"]["en"], json_child(where_ptr, "en"));
    f.where_ja = string_of(def["where"]["ja"], json_child(where_ptr, "ja"));
    f.url = https_url(def["url"], json_child(here, "url"));
    f.checked = string_of(def["checked"], json_child(here, "checked"));
    if (!def["verified"].is_boolean()) {
      util::json_fail(json_child(here, "verified"), "expected true or false");
    }
    f.verified = def["verified"].get<bool>();
    return f;
  }

  // Schema 2 added ispdb_id, documentation, enable and auth_facts; a file of
  // schema 1 (tests, --providers files) has none of them.
  Provider provider_of(const json& def, const std::string& here)
  {
    if (m_schema >= 2) {
      expect_fields(def, here, {"id", "ispdb_id", "file", "name", "short_name", "domains", "docs",
                                "documentation", "enable", "auth_facts", "oauth2", "incoming",
                                "outgoing", "notes"});
    } else {
      expect_fields(def, here, {"id", "file", "name", "short_name", "domains", "docs", "oauth2",
                                "incoming", "outgoing", "notes"});
    }
    Provider p;
    p.id = string_of(def["id"], json_child(here, "id"));
    p.ispdb_id = m_schema >= 2 ? string_of(def["ispdb_id"], json_child(here, "ispdb_id")) : p.id;
    if (m_schema >= 2) {
      p.documentation = documentations_of(def["documentation"], json_child(here, "documentation"));
      p.enable = enable_of(def["enable"], json_child(here, "enable"));
      p.auth_facts = auth_facts_of(def["auth_facts"], json_child(here, "auth_facts"));
    }
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
  int m_schema;
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

template <typename Each>
void each_host(const Provider& p, Each&& each)
{
  for (const auto list : {p.incoming, p.outgoing}) {
    for (const auto& s : list) {
      if (!s.host) {
        continue;
      }
      if (s.host->find('%') == std::string_view::npos) {
        each(std::string(*s.host));
        continue;
      }
      for (const auto d : p.domains) {
        each(host_for_domain(*s.host, d));
      }
    }
  }
}

bool under(std::string_view host, std::string_view domain) noexcept
{
  return host == domain
         || (host.size() > domain.size() && host.ends_with(domain)
             && host[host.size() - domain.size() - 1] == '.');
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

std::string_view to_string(AuthKind kind) noexcept
{
  switch (kind) {
  case AuthKind::oauth2_only:
    return "oauth2-only";
  case AuthKind::app_password:
    return "app-password";
  case AuthKind::password:
    return "password";
  }
  return "password";
}

std::string host_for_domain(std::string_view templ, std::string_view domain)
{
  static constexpr std::string_view placeholder = "%EMAILDOMAIN%";
  std::string out(templ);
  for (auto at = out.find(placeholder); at != std::string::npos; at = out.find(placeholder, at + domain.size())) {
    out.replace(at, placeholder.size(), domain);
  }
  return out;
}

std::vector<const Provider*> Catalog::find_by_host(std::string_view host) const
{
  std::vector<const Provider*> out;
  for (const auto& p : providers) {
    bool hit = false;
    each_host(p, [&](const std::string& h) { hit = hit || util::to_lower(h) == host; });
    if (hit) {
      out.push_back(&p);
    }
  }
  return out;
}

std::vector<const Provider*> Catalog::find_by_server_domain(std::string_view domain) const
{
  std::vector<const Provider*> out;
  for (const auto& p : providers) {
    bool hit = false;
    each_host(p, [&](const std::string& h) { hit = hit || under(util::to_lower(h), domain); });
    if (hit) {
      out.push_back(&p);
    }
  }
  return out;
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
    if (doc["schema_version"] != 1 && doc["schema_version"] != 2) {
      util::json_fail("/schema_version", "expected 1 or 2, got " + doc["schema_version"].dump());
    }
    const int schema = doc["schema_version"].get<int>();
    auto storage = std::make_shared<OwnedCatalog::Storage>();
    Reader reader(*storage, schema);
    Catalog catalog;
    catalog.source = reader.source_of(doc["source"], "/source");
    const auto& list = expect_array(doc["providers"], "/providers");
    for (std::size_t i = 0; i < list.size(); ++i) {
      storage->providers.push_back(reader.provider_of(list[i], json_child("/providers", i)));
    }
    // Schema 2 promises unique ids (the CLI and scripts key on them).
    if (schema >= 2) {
      std::unordered_map<std::string_view, std::size_t> first;
      for (std::size_t i = 0; i < storage->providers.size(); ++i) {
        const auto [at, fresh] = first.emplace(storage->providers[i].id, i);
        if (!fresh) {
          util::json_fail(json_child(json_child("/providers", i), "id"),
                          "id " + util::json_quoted(std::string(storage->providers[i].id))
                            + " is also used by " + json_child("/providers", at->second));
        }
      }
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
