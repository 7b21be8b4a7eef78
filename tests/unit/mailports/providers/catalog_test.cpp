// providers/catalog: the provider settings generated from the Thunderbird
// ISPDB, as compiled in, and the loader's validation of a providers file.
#include "catch.hpp"

#include "../support.hpp"
#include "same_catalog.hpp"

#include <mailports/providers/address.hpp>
#include <mailports/providers/catalog.hpp>
#include <mailports/providers/packed.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <set>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>

using mailports::providers::builtin_providers_commit;
using mailports::providers::builtin_catalog;
using mailports::providers::Catalog;
using mailports::providers::load_providers;
using mailports::test::contains;
using nlohmann::json;

namespace {

const Catalog& builtin()
{
  return builtin_catalog();
}

// data/providers.json as the run-time loader reads it (--providers FILE).
const Catalog& from_disk()
{
  static const auto loaded = [] {
    auto result = load_providers(mailports::test::slurp(std::string(MAILPORTS_SOURCE_DIR)
                                                        + "/data/providers.json"),
                                 "providers.json");
    if (!result) {
      throw std::runtime_error(result.error().message);
    }
    return std::move(result).value();
  }();
  return loaded.catalog();
}

json server(const std::string& proto, const std::string& host, int port, const std::string& tls)
{
  return json{{"proto", proto},
              {"host", host},
              {"port", port},
              {"tls", tls},
              {"username", "%EMAILADDRESS%"},
              {"auth", json::array({"password-cleartext"})},
              {"leave_messages_on_server", nullptr}};
}

// A small, valid providers document the error cases break one thing in.
json valid_document()
{
  json provider{{"id", "example.net"},
                {"file", "example.net.xml"},
                {"name", "Example Mail"},
                {"short_name", nullptr},
                {"domains", json::array({"example.net", "example.org"})},
                {"docs", json::array()},
                {"oauth2", false},
                {"incoming", json::array({server("imap", "imap.example.net", 993, "implicit")})},
                {"outgoing", json::array({server("smtp", "smtp.example.net", 465, "implicit")})},
                {"notes", json::array()}};
  return json{{"schema_version", 1},
              {"source",
               {{"name", "Test data"},
                {"repository", "https://example.invalid/ispdb"},
                {"commit", std::string(40, '0')},
                {"date", "2026-11-25"},
                {"license", "MPL-2.0"},
                {"note", "unit test"}}},
              {"providers", json::array({provider})}};
}

std::string load_error(const std::string& text, const std::string& origin = "p.json")
{
  const auto result = load_providers(text, origin);
  REQUIRE_FALSE(result.has_value());
  return result.error().message;
}

std::string load_error(const json& document)
{
  return load_error(document.dump(1));
}

bool is_lower_hex(std::string_view text)
{
  return std::all_of(text.begin(), text.end(),
                     [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

} // namespace

TEST_CASE("the built-in providers load", "[providers][catalog]")
{
  const auto& loaded = builtin();
  CHECK(loaded.providers.size() == 163);
  CHECK(loaded.source.name == "Thunderbird ISPDB");
  CHECK(loaded.source.license == "MPL-2.0");
}

TEST_CASE("builtin_providers_commit is the source commit of the embedded data",
          "[providers][catalog]")
{
  const auto commit = builtin_providers_commit();
  CHECK(commit.size() == 40);
  CHECK(is_lower_hex(commit));
  CHECK(commit == builtin().source.commit);
}

TEST_CASE("the embedded data is data/providers.json", "[providers][catalog]")
{
  const auto on_disk = mailports::test::slurp(std::string(MAILPORTS_SOURCE_DIR)
                                              + "/data/providers.json");
  REQUIRE(!on_disk.empty());
  mailports::test::check_same_catalog(builtin(), from_disk());
}

TEST_CASE("find_builtin unpacks the provider Catalog::find finds", "[providers][catalog]")
{
  using mailports::providers::find_builtin;
  for (const auto& row : builtin().index) {
    INFO("domain: " << row.domain);
    const auto* one = find_builtin(row.domain);
    REQUIRE(one != nullptr);
    CHECK(mailports::test::detail::same(*one, *builtin().find(row.domain)));
  }
  for (const std::string_view absent : {"", "example.invalid", "gmail.co", "gmail.comm", "zzzz"}) {
    CHECK(find_builtin(absent) == nullptr);
    CHECK(builtin().find(absent) == nullptr);
  }
  CHECK(mailports::test::detail::same(mailports::providers::builtin_source(), from_disk().source));
}

TEST_CASE("the packed form holds every field of what the loader read", "[providers][catalog]")
{
  // A catalog with every optional set and unset, packed and read back.
  const auto loaded = load_providers(valid_document().dump(), "p.json");
  REQUIRE(loaded.has_value());
  const auto image = mailports::providers::packed::pack(loaded->catalog());
  mailports::providers::packed::Lists lists;
  mailports::providers::Provider back;
  const auto at = mailports::providers::packed::u32_at(
    image, mailports::providers::packed::k_header + (loaded->catalog().index.size() * mailports::providers::packed::k_row));
  mailports::providers::packed::Reader(image, at, lists).read(back);
  CHECK(mailports::test::detail::same(back, loaded->catalog().providers[0]));
}

TEST_CASE("Catalog::find matches a domain exactly", "[providers][catalog]")
{
  const auto& catalog = builtin();
  const auto* gmail = catalog.find("gmail.com");
  REQUIRE(gmail != nullptr);
  CHECK(gmail->file == "googlemail.com.xml");
  CHECK(gmail->id == "googlemail.com");

  SECTION("another domain of the same provider finds the same entry")
  {
    CHECK(catalog.find("googlemail.com") == gmail);
  }
  SECTION("no parent-domain fallback")
  {
    CHECK(catalog.find("mail.gmail.com") == nullptr);
  }
  SECTION("no suffix or prefix match")
  {
    CHECK(catalog.find("gmail.co") == nullptr);
    CHECK(catalog.find("xgmail.com") == nullptr);
    CHECK(catalog.find("") == nullptr);
  }
  SECTION("find expects normalized input")
  {
    CHECK(catalog.find("GMAIL.COM") == nullptr);
    CHECK(catalog.find("gmail.com.") == nullptr);
    const auto normalized = mailports::providers::normalize_domain("GMAIL.COM.");
    REQUIRE(normalized.has_value());
    CHECK(catalog.find(*normalized) == gmail);
  }
}

TEST_CASE("Catalog::find finds providers by any of their domains", "[providers][catalog]")
{
  const auto& catalog = builtin();
  const auto* outlook = catalog.find("outlook.com");
  REQUIRE(outlook != nullptr);
  CHECK(outlook->file == "hotmail.com.xml");
  CHECK(catalog.find("hotmail.com") == outlook);

  const auto* icloud = catalog.find("icloud.com");
  REQUIRE(icloud != nullptr);
  CHECK(icloud->file == "me.com.xml");

  const auto* office = catalog.find("office365.com");
  REQUIRE(office != nullptr);
  CHECK(office->file == "office365.com.xml");

  // Every listed domain finds a provider that lists it.
  for (const auto& provider : catalog.providers) {
    for (const auto& domain : provider.domains) {
      INFO(provider.file << ": " << domain);
      const auto* found = catalog.find(domain);
      REQUIRE(found != nullptr);
      CHECK(std::find(found->domains.begin(), found->domains.end(), domain)
            != found->domains.end());
    }
  }
}

TEST_CASE("the built-in servers carry what the loader promises", "[providers][catalog]")
{
  for (const auto& provider : builtin().providers) {
    for (const auto* list : {&provider.incoming, &provider.outgoing}) {
      for (const auto& s : *list) {
        INFO(provider.file << ": " << s.type);
        if (s.proto) {
          CHECK(s.host.has_value());
          CHECK(s.port.has_value());
        }
      }
    }
  }
  // Types mailports does not judge are kept with no proto.
  const auto* office = builtin().find("office365.com");
  REQUIRE(office != nullptr);
  const auto ews = std::find_if(office->incoming.begin(), office->incoming.end(),
                                [](const auto& s) { return s.type == "ews"; });
  REQUIRE(ews != office->incoming.end());
  CHECK_FALSE(ews->proto.has_value());
  CHECK_FALSE(ews->host.has_value());
  CHECK_FALSE(ews->port.has_value());
}

TEST_CASE("a small valid document loads field by field", "[providers][catalog]")
{
  const auto loaded = load_providers(valid_document().dump(), "p.json");
  if (!loaded) {
    FAIL(loaded.error().message);
  }
  REQUIRE(loaded->catalog().providers.size() == 1);
  const auto& p = loaded->catalog().providers[0];
  CHECK(p.id == "example.net");
  CHECK(p.domains.size() == 2);
  REQUIRE(p.incoming.size() == 1);
  CHECK(p.incoming[0].type == "imap");
  CHECK(p.incoming[0].proto == mailports::core::Proto::imap);
  CHECK(p.incoming[0].port == std::uint16_t{993});
  CHECK(p.incoming[0].tls == mailports::core::TlsMode::implicit);
  CHECK(p.incoming[0].username == std::string("%EMAILADDRESS%"));
  CHECK(loaded->catalog().find("example.org") == &p);
}

TEST_CASE("load_providers: a syntax error names line and column", "[providers][catalog]")
{
  const auto message = load_error("{\n  \"schema_version\": 1,\n  oops\n}", "bad.json");
  INFO(message);
  CHECK(message.rfind("bad.json:3:3:", 0) == 0);
}

TEST_CASE("load_providers: a duplicate key is an error", "[providers][catalog]")
{
  auto text = valid_document().dump();
  text.insert(1, "\"schema_version\": 1, ");
  const auto message = load_error(text);
  INFO(message);
  CHECK(contains(message, "/schema_version"));
  CHECK(contains(message, "duplicate"));
}

TEST_CASE("load_providers: errors start with the origin and name the JSON pointer",
          "[providers][catalog]")
{
  auto doc = valid_document();
  SECTION("the origin comes first")
  {
    doc["schema_version"] = 2;
    const auto message = load_error(doc.dump(), "custom/providers.json");
    INFO(message);
    CHECK(message.rfind("custom/providers.json: ", 0) == 0);
  }
  SECTION("a port given as a string")
  {
    doc["providers"][0]["incoming"][0]["port"] = "993";
    const auto message = load_error(doc);
    INFO(message);
    CHECK(contains(message, "/providers/0/incoming/0/port"));
    CHECK(contains(message, "integer"));
  }
  SECTION("a port out of range")
  {
    doc["providers"][0]["outgoing"][0]["port"] = 65536;
    const auto message = load_error(doc);
    INFO(message);
    CHECK(contains(message, "/providers/0/outgoing/0/port"));
  }
  SECTION("an unknown field in a provider")
  {
    doc["providers"][0]["colour"] = "blue";
    const auto message = load_error(doc);
    INFO(message);
    CHECK(contains(message, "/providers/0/colour"));
    CHECK(contains(message, "unknown field"));
  }
  SECTION("an unknown field in a server")
  {
    doc["providers"][0]["incoming"][0]["ssl"] = true;
    const auto message = load_error(doc);
    INFO(message);
    CHECK(contains(message, "/providers/0/incoming/0/ssl"));
    CHECK(contains(message, "unknown field"));
  }
  SECTION("a TLS alias instead of the canonical name")
  {
    doc["providers"][0]["incoming"][0]["tls"] = "ssl";
    const auto message = load_error(doc);
    INFO(message);
    CHECK(contains(message, "/providers/0/incoming/0/tls"));
    CHECK(contains(message, "ssl"));
  }
  SECTION("a canonical TLS name in another case")
  {
    doc["providers"][0]["incoming"][0]["tls"] = "Implicit";
    const auto message = load_error(doc);
    INFO(message);
    CHECK(contains(message, "/providers/0/incoming/0/tls"));
  }
  SECTION("no domains field")
  {
    doc["providers"][0].erase("domains");
    const auto message = load_error(doc);
    INFO(message);
    CHECK(contains(message, "/providers/0"));
    CHECK(contains(message, "domains"));
    CHECK(contains(message, "missing"));
  }
  SECTION("an empty domains list")
  {
    doc["providers"][0]["domains"] = json::array();
    const auto message = load_error(doc);
    INFO(message);
    CHECK(contains(message, "/providers/0/domains"));
  }
  SECTION("schema_version 3")
  {
    doc["schema_version"] = 3;
    const auto message = load_error(doc);
    INFO(message);
    CHECK(contains(message, "/schema_version"));
    CHECK(contains(message, "3"));
  }
  SECTION("schema_version 2 without its keys")
  {
    doc["schema_version"] = 2;
    const auto message = load_error(doc);
    INFO(message);
    CHECK(contains(message, "/providers/0"));
    CHECK(contains(message, "ispdb_id"));
  }
  SECTION("an imap server without a host")
  {
    doc["providers"][0]["incoming"][0]["host"] = nullptr;
    const auto message = load_error(doc);
    INFO(message);
    CHECK(contains(message, "/providers/0/incoming/0"));
    CHECK(contains(message, "host"));
  }
  SECTION("an smtp server without a port")
  {
    doc["providers"][0]["outgoing"][0]["port"] = nullptr;
    const auto message = load_error(doc);
    INFO(message);
    CHECK(contains(message, "/providers/0/outgoing/0"));
  }
  SECTION("oauth2 not a boolean")
  {
    doc["providers"][0]["oauth2"] = "no";
    const auto message = load_error(doc);
    INFO(message);
    CHECK(contains(message, "/providers/0/oauth2"));
  }
  SECTION("an error in the second provider names index 1")
  {
    auto second = doc["providers"][0];
    second["incoming"][0]["port"] = 0;
    doc["providers"].push_back(second);
    const auto message = load_error(doc);
    INFO(message);
    CHECK(contains(message, "/providers/1/incoming/0/port"));
  }
}

TEST_CASE("load_providers accepts a server type it does not judge without host or port",
          "[providers][catalog]")
{
  auto doc = valid_document();
  doc["providers"][0]["incoming"].push_back(json{{"proto", "ews"},
                                                 {"host", nullptr},
                                                 {"port", nullptr},
                                                 {"tls", nullptr},
                                                 {"username", "%EMAILADDRESS%"},
                                                 {"auth", json::array()},
                                                 {"leave_messages_on_server", nullptr},
                                                 {"url", "https://example.net/ews"}});
  const auto loaded = load_providers(doc.dump(), "p.json");
  if (!loaded) {
    FAIL(loaded.error().message);
  }
  REQUIRE(!loaded->catalog().providers.empty());
  const auto& incoming = loaded->catalog().providers[0].incoming;
  REQUIRE(incoming.size() == 2);
  CHECK(incoming[1].type == "ews");
  CHECK_FALSE(incoming[1].proto.has_value());
  CHECK_FALSE(incoming[1].host.has_value());
}

namespace {

// valid_document() as schema 2: unique ids, ISPDB's id, documentation,
// enable, auth facts, and notes with a URL and Japanese.
json v2_document()
{
  auto doc = valid_document();
  doc["schema_version"] = 2;
  auto& p = doc["providers"][0];
  p["ispdb_id"] = "example.com";
  p["docs"] = json::array({"https://help.example.net/imap"});
  p["documentation"] = json::array(
    {json{{"url", "https://help.example.net/imap"},
          {"descriptions", json::array({json{{"lang", "en"}, {"text", "IMAP settings"}},
                                        json{{"lang", "de"}, {"text", "IMAP-Einstellungen"}}})}}});
  p["enable"] = json{{"url", "https://example.net/settings"},
                     {"instructions", json::array({json{{"lang", "en"}, {"text", "Allow IMAP first."}}})}};
  p["auth_facts"] = json{{"kind", "app-password"},
                         {"where", {{"en", "Security > App passwords"}, {"ja", "セキュリティ > アプリ パスワード"}}},
                         {"url", "https://help.example.net/app-passwords"},
                         {"checked", "2026-12-01"},
                         {"verified", true}};
  p["notes"] = json::array({json{{"source", "Example help"},
                                 {"url", "https://help.example.net/smtp"},
                                 {"text", "English"},
                                 {"text_ja", "日本語"}}});
  p["incoming"].push_back(server("pop3", "pop.%EMAILDOMAIN%", 995, "implicit"));
  p["incoming"][1]["unverified"] = true;
  return doc;
}

} // namespace

TEST_CASE("schema 2: ispdb_id, documentation, enable, auth facts, notes in two languages",
          "[providers][catalog]")
{
  const auto loaded = load_providers(v2_document().dump(), "v2.json");
  if (!loaded) {
    FAIL(loaded.error().message);
  }
  const auto& p = loaded->catalog().providers[0];
  CHECK(p.id == "example.net");
  CHECK(p.ispdb_id == "example.com");
  REQUIRE(p.documentation.size() == 1);
  CHECK(p.documentation[0].url == "https://help.example.net/imap");
  REQUIRE(p.documentation[0].descriptions.size() == 2);
  CHECK(p.documentation[0].descriptions[1].lang == "de");
  REQUIRE(p.enable.has_value());
  CHECK(p.enable->url == "https://example.net/settings");
  REQUIRE(p.enable->instructions.size() == 1);
  CHECK(p.enable->instructions[0].text == "Allow IMAP first.");
  REQUIRE(p.auth_facts.has_value());
  CHECK(p.auth_facts->kind == mailports::providers::AuthKind::app_password);
  CHECK(mailports::providers::to_string(p.auth_facts->kind) == "app-password");
  CHECK(p.auth_facts->where_ja == "セキュリティ > アプリ パスワード");
  CHECK(p.auth_facts->checked == "2026-12-01");
  CHECK(p.auth_facts->verified);
  REQUIRE(p.notes.size() == 1);
  CHECK(p.notes[0].url == "https://help.example.net/smtp");
  CHECK(p.notes[0].text_ja == "日本語");
  CHECK_FALSE(p.incoming[0].unverified);
  CHECK(p.incoming[1].unverified);
}

TEST_CASE("schema 1 still loads, with ispdb_id = id and nothing new", "[providers][catalog]")
{
  const auto loaded = load_providers(valid_document().dump(), "v1.json");
  REQUIRE(loaded.has_value());
  const auto& p = loaded->catalog().providers[0];
  CHECK(p.ispdb_id == p.id);
  CHECK_FALSE(p.auth_facts.has_value());
  CHECK_FALSE(p.enable.has_value());
  CHECK(p.documentation.empty());
}

TEST_CASE("schema 2: bad new fields are errors naming the pointer", "[providers][catalog]")
{
  auto doc = v2_document();
  SECTION("an unknown auth kind")
  {
    doc["providers"][0]["auth_facts"]["kind"] = "magic";
    const auto message = load_error(doc);
    CHECK(contains(message, "/providers/0/auth_facts/kind"));
    CHECK(contains(message, "magic"));
  }
  SECTION("auth facts without Japanese")
  {
    doc["providers"][0]["auth_facts"]["where"].erase("ja");
    CHECK(contains(load_error(doc), "/providers/0/auth_facts/where"));
  }
  SECTION("a note without a URL")
  {
    doc["providers"][0]["notes"][0].erase("url");
    CHECK(contains(load_error(doc), "/providers/0/notes/0"));
  }
  SECTION("a documentation URL that is not one")
  {
    doc["providers"][0]["documentation"][0]["url"] = "help page";
    CHECK(contains(load_error(doc), "/providers/0/documentation/0/url"));
  }
  SECTION("unverified: false is not how to say it")
  {
    doc["providers"][0]["incoming"][0]["unverified"] = false;
    CHECK(contains(load_error(doc), "/providers/0/incoming/0/unverified"));
  }
  SECTION("two providers with one id")
  {
    auto twin = doc["providers"][0];
    twin["domains"] = json::array({"twin.example"});
    doc["providers"].push_back(twin);
    const auto message = load_error(doc);
    CHECK(contains(message, "/providers/1/id"));
    CHECK(contains(message, "/providers/0"));
  }
}

TEST_CASE("Catalog::find_by_host: published host names, templates filled with each domain",
          "[providers][catalog]")
{
  const auto loaded = load_providers(v2_document().dump(), "v2.json");
  REQUIRE(loaded.has_value());
  CHECK(loaded->catalog().find_by_host("imap.example.net").size() == 1);
  CHECK(loaded->catalog().find_by_host("pop.example.org").size() == 1); // pop.%EMAILDOMAIN%, second domain
  CHECK(loaded->catalog().find_by_host("pop.example.com").empty());     // not one of its domains
  CHECK(loaded->catalog().find_by_host("example.net").empty());
  // Google's own file first (the catalog's order), then a university that uses it.
  const auto gmail = builtin().find_by_host("smtp.gmail.com");
  REQUIRE(gmail.size() == 2);
  CHECK(gmail[0]->file == "googlemail.com.xml");
  CHECK(gmail[1]->file == "umich.edu.xml");
}

TEST_CASE("Catalog::find_by_server_domain: fastmail.com reaches messagingengine.com",
          "[providers][catalog]")
{
  REQUIRE(builtin().find("fastmail.com") == nullptr); // the premise: not one of ISPDB's domains
  const auto found = builtin().find_by_server_domain("fastmail.com");
  REQUIRE(found.size() == 1);
  CHECK(found[0]->file == "messagingengine.com.xml");
  CHECK(builtin().find_by_server_domain("astmail.com").empty()); // a label boundary, not a suffix
}

TEST_CASE("the built-in ids are unique; ISPDB's shared zoho.com id is kept as ispdb_id",
          "[providers][catalog]")
{
  std::set<std::string> ids;
  int zoho = 0;
  for (const auto& p : builtin().providers) {
    CHECK(ids.insert(std::string(p.id)).second);
    zoho += p.ispdb_id == "zoho.com" ? 1 : 0;
  }
  CHECK(zoho == 6);
}
