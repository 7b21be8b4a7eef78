// engine/message: a finding's text with its placeholders filled in, in
// English and Japanese. A "{...}" left in a message is a bug users would see.
#include "catch.hpp"

#include "../support.hpp"
#include "engine_support.hpp"

#include <mailports/clientconf/format.hpp>
#include <mailports/engine/check.hpp>
#include <mailports/engine/recommend.hpp>
#include <mailports/providers/services.hpp>
#include <mailports/rules/builtin.hpp>
#include <mailports/rules/relay_codes.hpp>

#include <algorithm>
#include <set>
#include <string>

using namespace mailports;
using core::Lang;
using core::Proto;
using core::Role;
using core::TlsMode;
using test::contains;
using test::judge;

namespace {

// The probe's codes, and the optional one it raises for an unknown greeting.
std::vector<std::string_view> probe_and_optional_codes()
{
  std::vector<std::string_view> out(std::begin(rules::codes::probe_codes), std::end(rules::codes::probe_codes));
  out.push_back(rules::codes::probe_unknown_protocol);
  out.insert(out.end(), std::begin(rules::codes::diagnose_codes), std::end(rules::codes::diagnose_codes));
  return out;
}

std::string render_first(const engine::CheckResult& result, Lang lang)
{
  REQUIRE_FALSE(result.findings.empty());
  return engine::render_message(result, result.findings.front(), lang, rules::builtin_table());
}

} // namespace

TEST_CASE("render_message fills {port} in English and Japanese", "[engine][message]")
{
  const auto result = judge(Proto::smtp, 587, TlsMode::implicit);
  const auto en = render_first(result, Lang::en);
  INFO(en);
  CHECK(en.rfind("Port 587 starts in plaintext", 0) == 0);
  CHECK(contains(en, "Use STARTTLS on port 587"));

  const auto ja = render_first(result, Lang::ja);
  INFO(ja);
  CHECK(ja.rfind("ポート番号 587 は平文で接続してから", 0) == 0);
  CHECK(contains(ja, "ポート 587 では STARTTLS"));
}

TEST_CASE("render_message fills {best_port} with the first recommendation", "[engine][message]")
{
  SECTION("an unknown SMTP port points to 465")
  {
    const auto result = judge(Proto::smtp, 12345, TlsMode::starttls);
    const auto en = render_first(result, Lang::en);
    INFO(en);
    CHECK(en
          == "Port 12345 is not a standard SMTP port and mailports has no rule for it. Use it "
             "only if your provider documents it; the standard choice is port 465.");
    const auto ja = render_first(result, Lang::ja);
    INFO(ja);
    CHECK(contains(ja, "標準はポート番号 465 です。"));
  }
  SECTION("the relay port for a client points to 465")
  {
    const auto result = judge(Proto::smtp, 25, TlsMode::starttls, Role::client);
    CHECK(contains(render_first(result, Lang::en), "Mail clients should use port 465."));
  }
  SECTION("a client port for relay points to 25")
  {
    const auto result = judge(Proto::smtp, 587, TlsMode::starttls, Role::relay);
    CHECK(render_first(result, Lang::en)
          == "Port 587 (submission) is for mail clients, not for relay between servers. "
             "Server-to-server mail uses port 25.");
  }
}

TEST_CASE("render_message fills {tls} with the mode's label in the language",
          "[engine][message]")
{
  const auto result = judge(Proto::imap, 993, TlsMode::starttls);
  const auto en = render_first(result, Lang::en);
  INFO(en);
  CHECK(contains(en, "A client set to STARTTLS (required) waits"));
  const auto ja = render_first(result, Lang::ja);
  INFO(ja);
  CHECK(contains(ja, "STARTTLS（必須） に設定したメールソフト"));
}

TEST_CASE("render_message fills {service} and the other protocol's names", "[engine][message]")
{
  SECTION("a web port")
  {
    const auto result = judge(Proto::imap, 443, TlsMode::implicit);
    CHECK(render_first(result, Lang::en).rfind("Port 443 is https, not a mail port.", 0) == 0);
    CHECK(contains(render_first(result, Lang::en), "Use port 993."));
  }
  SECTION("another protocol's port, in Japanese")
  {
    const auto result = judge(Proto::smtp, 995, TlsMode::implicit);
    const auto ja = render_first(result, Lang::ja);
    INFO(ja);
    CHECK(ja.rfind("ポート番号 995 は POP3 用の pop3s で、SMTP のポートではありません。", 0) == 0);
    CHECK(contains(ja, "SMTP にはポート番号 465 を使ってください。"));
  }
}

namespace {

std::size_t count_of(std::string_view text, char c)
{
  return static_cast<std::size_t>(std::count(text.begin(), text.end(), c));
}

// Renders every finding check raises for every setting of `table` (every
// protocol, both roles, every port of the table and one it lacks, every
// mode, stated or not), and every probe finding in the same context, as
// `probe` adds them. Returns the codes rendered.
std::set<std::string_view> render_all(const rules::Table& table, int& rendered)
{
  std::set<std::uint16_t> ports{12345};
  for (const auto& entry : table.entries) {
    ports.insert(entry.port);
  }
  for (const auto typo : test::ports({578, 456, 9933, 905})) { // port-typo: one typo from a standard port
    ports.insert(typo);
  }
  std::set<std::string_view> codes;
  for (const auto proto : core::k_protos) {
    for (const auto role : core::k_roles) {
      if (!engine::has_choices(table, proto, role)) {
        continue; // check and check --batch refuse these (IMAP and POP3 relay)
      }
      for (const auto port : ports) {
        for (const auto tls : core::k_tls_modes) {
          for (const bool stated : {true, false}) {
            engine::Query query{proto, port, tls, role, stated};
            // The reading notes: a protocol taken from the port, the word TLS.
            query.proto_inferred = stated;
            query.tls_word_ambiguous = stated;
            auto result = engine::check(table, query);
            for (const auto code : probe_and_optional_codes()) {
              engine::Finding probe_finding;
              probe_finding.def = table.finding(code);
              REQUIRE(probe_finding.def != nullptr);
              result.findings.push_back(probe_finding);
            }
            for (const auto& finding : result.findings) {
              codes.insert(finding.def->code);
              for (const auto lang : {Lang::en, Lang::ja}) {
                const auto raw = finding.def->message.in(lang);
                const auto message = engine::render_message(result, finding, lang, table);
                INFO(core::to_string(proto) << " " << port << " " << core::to_string(tls) << " "
                                            << core::to_string(role) << " "
                                            << finding.def->code << ": " << message);
                CHECK(message.find('{') == std::string::npos);
                CHECK(message.find('}') == std::string::npos);
                // "?" is what render_message shows for a value it lacks.
                CHECK(count_of(message, '?') == count_of(raw, '?'));
                CHECK_FALSE(message.empty());
                ++rendered;
              }
            }
          }
        }
      }
    }
  }
  return codes;
}

} // namespace

static bool is_discover_code(std::string_view code)
{
  const auto in = [code](std::span<const std::string_view> list) {
    return std::find(list.begin(), list.end(), code) != list.end();
  };
  return in(rules::codes::discover_codes) || in(rules::codes::autoconfig_problem_codes)
         || in(rules::codes::relay_codes) // rendered by render_note, swept in discover/relay_test.cpp
         || clientconf::is_client_code(code); // rendered by clientconf::render, swept in its tests
}

static bool used_by_services(std::string_view code)
{
  const auto& entries = providers::builtin_services().entries;
  return std::any_of(entries.begin(), entries.end(), [code](const providers::Service& s) {
    return std::find(s.codes.begin(), s.codes.end(), code) != s.codes.end();
  });
}

TEST_CASE("every finding renders without a placeholder or a ? left, for every setting",
          "[engine][message]")
{
  const auto& table = rules::builtin_table();
  int rendered = 0;
  auto codes = render_all(table, rendered);
  // The built-in table lists every mode of its ports, so tls-mode-not-spoken
  // needs a table without one.
  auto document = test::rules_document();
  auto& entries = document["entries"];
  entries.erase(std::find_if(entries.begin(), entries.end(), [](const auto& e) {
    return e["port"] == 2525 && e["tls"] == "opportunistic";
  }));
  const auto reduced = test::load_document(document);
  REQUIRE(reduced.has_value());
  codes.merge(render_all(reduced->table(), rendered));

  for (const auto& def : table.findings) {
    INFO(def.code);
    // discover's findings are rendered by discover::render_note, and swept
    // in tests/unit/mailports/discover/merge_test.cpp.
    if (is_discover_code(def.code)) {
      continue;
    }
    // The provider codes come from engine::advise, not check: rendered in
    // tests/unit/mailports/engine/provider_test.cpp and cli/output/provider_test.cpp.
    if (std::find(std::begin(rules::codes::provider_codes), std::end(rules::codes::provider_codes), def.code)
        != std::end(rules::codes::provider_codes)) {
      continue;
    }
    // services.json's codes are notes printed as they are (no placeholders):
    // checked in tests/unit/mailports/providers/services_test.cpp.
    if (used_by_services(def.code)) {
      continue;
    }
    CHECK(codes.count(def.code) == 1); // the sweep reached every code in the table
  }
  CHECK(rendered > 5000);
}

TEST_CASE("a protocol without settings for the role has no port to name", "[engine][message]")
{
  // Why check and check --batch refuse IMAP and POP3 relay: {best_port}
  // would have nothing to say.
  const auto result = judge(Proto::imap, 993, TlsMode::implicit, Role::relay);
  CHECK_FALSE(result.best_port.has_value());
  CHECK_FALSE(engine::has_choices(rules::builtin_table(), Proto::imap, Role::relay));
  CHECK_FALSE(engine::has_choices(rules::builtin_table(), Proto::pop3, Role::relay));
}

TEST_CASE("render_message never shows a missing value as ?", "[engine][message]")
{
  // "?" is what render_message shows for a value it does not have; no
  // finding message in the table contains a "?" of its own.
  // Every 2525 entry has "service": null. Regression test: users once read
  // "Port 2525 (?) is for mail clients, ..." and "Port 2525 is ?, a port for
  // SMTP, not POP3. ..." (fixed in 01532a5: the port is "unregistered").
  const auto relay = judge(Proto::smtp, 2525, TlsMode::starttls, Role::relay);
  REQUIRE(test::codes_of(relay) == test::Codes{"non-standard-port", "client-port-for-relay"});
  for (const auto lang : {Lang::en, Lang::ja}) {
    const auto message =
      engine::render_message(relay, relay.findings[1], lang, rules::builtin_table());
    INFO(message);
    CHECK(message.find('?') == std::string::npos);
  }
  CHECK(engine::render_message(relay, relay.findings[1], Lang::en, rules::builtin_table())
          .rfind("Port 2525 (unregistered) is for mail clients", 0)
        == 0);

  const auto other = judge(Proto::pop3, 2525, TlsMode::starttls);
  REQUIRE(test::codes_of(other) == test::Codes{"port-of-other-protocol"});
  for (const auto lang : {Lang::en, Lang::ja}) {
    const auto message = render_first(other, lang);
    INFO(message);
    CHECK(message.find('?') == std::string::npos);
  }
  CHECK(render_first(other, Lang::en).rfind("Port 2525 is unregistered, a port for SMTP", 0) == 0);
  CHECK(contains(render_first(other, Lang::ja), "SMTP 用の 未登録 で"));
}

TEST_CASE("render_message shows a message with a broken placeholder as it is",
          "[engine][message]")
{
  // A hand-built definition that skipped the loader's placeholder check must
  // not throw out of the renderer.
  const rules::FindingDef def{"hand-built", core::Severity::warning, {}, {"Port {nope}", "{"}, std::nullopt};
  engine::CheckResult result;
  result.query = engine::Query{Proto::smtp, 587, TlsMode::starttls, Role::client, true};
  engine::Finding finding;
  finding.def = &def;
  CHECK(engine::render_message(result, finding, Lang::en, rules::builtin_table())
        == "Port {nope}");
  CHECK(engine::render_message(result, finding, Lang::ja, rules::builtin_table()) == "{");
}
