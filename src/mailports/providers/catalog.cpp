#include <mailports/providers/catalog.hpp>

#include <mailports/rules/json_parse.hpp>
#include <mailports/util/json_check.hpp>
#include <mailports/util/text.hpp>

namespace mailports::providers {

namespace {

using nlohmann::json;
using util::expect_array;
using util::expect_fields;
using util::expect_string;
using util::json_child;

std::optional<std::string> optional_string(const json& value, const std::string& pointer)
{
  if (value.is_null()) {
    return std::nullopt;
  }
  return expect_string(value, pointer);
}

std::vector<std::string> string_list(const json& value, const std::string& pointer)
{
  std::vector<std::string> out;
  for (std::size_t i = 0; i < expect_array(value, pointer).size(); ++i) {
    out.push_back(expect_string(value[i], json_child(pointer, i)));
  }
  return out;
}

std::optional<core::TlsMode> tls_of(const json& value, const std::string& pointer)
{
  if (value.is_null()) {
    return std::nullopt;
  }
  const auto& text = expect_string(value, pointer);
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
  s.type = expect_string(def["proto"], json_child(here, "proto"));
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
    s.source = expect_string(def["source"], json_child(here, "source"));
  }
  if (def.contains("unverified")) {
    if (def["unverified"] != true) {
      util::json_fail(json_child(here, "unverified"), "expected true (or no key)");
    }
    s.unverified = true;
  }
  if (s.proto && (!s.host || !s.port)) {
    util::json_fail(here, "a " + s.type + " server needs a host and a port");
  }
  return s;
}

std::vector<Server> servers_of(const json& list, const std::string& pointer)
{
  std::vector<Server> out;
  for (std::size_t i = 0; i < expect_array(list, pointer).size(); ++i) {
    out.push_back(server_of(list[i], json_child(pointer, i)));
  }
  return out;
}

std::string https_url(const json& value, const std::string& pointer)
{
  auto url = expect_string(value, pointer);
  if (url.rfind("https://", 0) != 0 && url.rfind("http://", 0) != 0) {
    util::json_fail(pointer, "expected an http(s):// URL, got " + util::json_quoted(url));
  }
  return url;
}

std::vector<LangText> lang_texts(const json& list, const std::string& pointer)
{
  std::vector<LangText> out;
  for (std::size_t i = 0; i < expect_array(list, pointer).size(); ++i) {
    const auto here = json_child(pointer, i);
    expect_fields(list[i], here, {"lang", "text"});
    out.push_back(LangText{expect_string(list[i]["lang"], json_child(here, "lang")),
                           expect_string(list[i]["text"], json_child(here, "text"))});
  }
  return out;
}

std::vector<Documentation> documentation_of(const json& list, const std::string& pointer)
{
  std::vector<Documentation> out;
  for (std::size_t i = 0; i < expect_array(list, pointer).size(); ++i) {
    const auto here = json_child(pointer, i);
    expect_fields(list[i], here, {"url", "descriptions"});
    out.push_back(Documentation{https_url(list[i]["url"], json_child(here, "url")),
                                lang_texts(list[i]["descriptions"], json_child(here, "descriptions"))});
  }
  return out;
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
  e.instructions = lang_texts(def["instructions"], json_child(here, "instructions"));
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
  const auto& kind = expect_string(def["kind"], kind_ptr);
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
  f.where_en = expect_string(def["where"]["en"], json_child(where_ptr, "en"));
  f.where_ja = expect_string(def["where"]["ja"], json_child(where_ptr, "ja"));
  f.url = https_url(def["url"], json_child(here, "url"));
  f.checked = expect_string(def["checked"], json_child(here, "checked"));
  if (!def["verified"].is_boolean()) {
    util::json_fail(json_child(here, "verified"), "expected true or false");
  }
  f.verified = def["verified"].get<bool>();
  return f;
}

// Schema 2 added ispdb_id, documentation, enable, auth_facts and the notes' url
// and text_ja; a file of schema 1 (tests, --providers files) has none of them.
Provider provider_of(const json& def, const std::string& here, int schema)
{
  if (schema >= 2) {
    expect_fields(def, here, {"id", "ispdb_id", "file", "name", "short_name", "domains", "docs",
                              "documentation", "enable", "auth_facts", "oauth2", "incoming",
                              "outgoing", "notes"});
  } else {
    expect_fields(def, here, {"id", "file", "name", "short_name", "domains", "docs", "oauth2",
                              "incoming", "outgoing", "notes"});
  }
  Provider p;
  p.id = expect_string(def["id"], json_child(here, "id"));
  p.ispdb_id = schema >= 2 ? expect_string(def["ispdb_id"], json_child(here, "ispdb_id")) : p.id;
  if (schema >= 2) {
    p.documentation = documentation_of(def["documentation"], json_child(here, "documentation"));
    p.enable = enable_of(def["enable"], json_child(here, "enable"));
    p.auth_facts = auth_facts_of(def["auth_facts"], json_child(here, "auth_facts"));
  }
  p.file = expect_string(def["file"], json_child(here, "file"));
  p.name = expect_string(def["name"], json_child(here, "name"));
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
  const auto notes_ptr = json_child(here, "notes");
  for (std::size_t i = 0; i < expect_array(def["notes"], notes_ptr).size(); ++i) {
    const auto note_ptr = json_child(notes_ptr, i);
    const auto& note = def["notes"][i];
    if (schema >= 2) {
      expect_fields(note, note_ptr, {"source", "url", "text", "text_ja"});
    } else {
      expect_fields(note, note_ptr, {"source", "text"});
    }
    Note n{expect_string(note["source"], json_child(note_ptr, "source")),
           expect_string(note["text"], json_child(note_ptr, "text")), {}, {}};
    if (schema >= 2) {
      n.url = https_url(note["url"], json_child(note_ptr, "url"));
      n.text_ja = expect_string(note["text_ja"], json_child(note_ptr, "text_ja"));
    }
    p.notes.push_back(std::move(n));
  }
  return p;
}

} // namespace

const Provider* Catalog::find(std::string_view domain) const noexcept
{
  for (const auto& provider : providers) {
    for (const auto& d : provider.domains) {
      if (d == domain) {
        return &provider;
      }
    }
  }
  return nullptr;
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

namespace {

template <typename Each>
void each_host(const Provider& p, Each&& each)
{
  for (const auto* list : {&p.incoming, &p.outgoing}) {
    for (const auto& s : *list) {
      if (!s.host) {
        continue;
      }
      if (s.host->find('%') == std::string::npos) {
        each(*s.host);
        continue;
      }
      for (const auto& d : p.domains) {
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

core::Result<Catalog> load_providers(std::string_view json_text, std::string_view origin)
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
    Catalog catalog;
    const auto& src = doc["source"];
    expect_fields(src, "/source", {"name", "repository", "commit", "date", "license"}, {"note"});
    catalog.source = Source{expect_string(src["name"], "/source/name"),
                            expect_string(src["repository"], "/source/repository"),
                            expect_string(src["commit"], "/source/commit"),
                            expect_string(src["date"], "/source/date"),
                            expect_string(src["license"], "/source/license")};
    const auto& list = expect_array(doc["providers"], "/providers");
    for (std::size_t i = 0; i < list.size(); ++i) {
      catalog.providers.push_back(provider_of(list[i], json_child("/providers", i), schema));
    }
    // Schema 2 promises unique ids (the CLI and scripts key on them).
    for (std::size_t i = 0; schema >= 2 && i < catalog.providers.size(); ++i) {
      for (std::size_t j = 0; j < i; ++j) {
        if (catalog.providers[i].id == catalog.providers[j].id) {
          util::json_fail(json_child(json_child("/providers", i), "id"),
                          "id " + util::json_quoted(catalog.providers[i].id) + " is also used by "
                            + json_child("/providers", j));
        }
      }
    }
    return catalog;
  } catch (const util::JsonInvalid& invalid) {
    return core::Error{std::string(origin) + ": " + invalid.message};
  }
}

} // namespace mailports::providers
