#include <mailports/providers/catalog.hpp>

#include <mailports/rules/json_parse.hpp>
#include <mailports/util/json_check.hpp>

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
                {"source", "url"});
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

Provider provider_of(const json& def, const std::string& here)
{
  expect_fields(def, here, {"id", "file", "name", "short_name", "domains", "docs", "oauth2",
                            "incoming", "outgoing", "notes"});
  Provider p;
  p.id = expect_string(def["id"], json_child(here, "id"));
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
    expect_fields(def["notes"][i], note_ptr, {"source", "text"});
    p.notes.push_back(Note{expect_string(def["notes"][i]["source"], json_child(note_ptr, "source")),
                           expect_string(def["notes"][i]["text"], json_child(note_ptr, "text"))});
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

core::Result<Catalog> load_providers(std::string_view json_text, std::string_view origin)
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
      catalog.providers.push_back(provider_of(list[i], json_child("/providers", i)));
    }
    return catalog;
  } catch (const util::JsonInvalid& invalid) {
    return core::Error{std::string(origin) + ": " + invalid.message};
  }
}

} // namespace mailports::providers
