// engine/check: the verdict, findings and suggestions for one setting, on the
// built-in table. Each case is a real mail setting and what a user should hear.
#include "catch.hpp"

#include "../support.hpp"
#include "engine_support.hpp"

#include <mailports/engine/check.hpp>
#include <mailports/rules/builtin.hpp>

#include <algorithm>
#include <utility>

using namespace mailports;
using core::Proto;
using core::Role;
using core::TlsMode;
using core::Verdict;
using test::Codes;
using test::codes_of;
using test::contains;
using test::judge;

namespace {

struct Port {
  std::uint16_t port;
  TlsMode tls;
  bool operator==(const Port&) const = default;
};

std::vector<Port> suggestions_of(const engine::CheckResult& result)
{
  std::vector<Port> out;
  for (const auto& s : result.suggestions) {
    out.push_back({s.port, s.tls});
  }
  return out;
}

} // namespace

TEST_CASE("implicit TLS on the STARTTLS port 587 is an error", "[engine][check]")
{
  const auto result = judge(Proto::smtp, 587, TlsMode::implicit);
  CHECK(result.verdict == Verdict::error);
  CHECK(codes_of(result) == Codes{"implicit-on-starttls-port"});
  REQUIRE(result.entry != nullptr);
  CHECK(result.entry->status == core::Status::mismatch);
  // First the right mode on the same port, then the best setting overall.
  const auto suggestions = suggestions_of(result);
  REQUIRE(suggestions.size() >= 2);
  CHECK(suggestions[0] == Port{587, TlsMode::starttls});
  CHECK(suggestions[1] == Port{465, TlsMode::implicit});
  CHECK(suggestions.size() <= 3);
}

TEST_CASE("STARTTLS or cleartext on the implicit-TLS port 465 is an error", "[engine][check]")
{
  SECTION("starttls")
  {
    const auto result = judge(Proto::smtp, 465, TlsMode::starttls);
    CHECK(result.verdict == Verdict::error);
    CHECK(codes_of(result) == Codes{"starttls-on-implicit-port"});
    REQUIRE_FALSE(result.suggestions.empty());
    CHECK(suggestions_of(result)[0] == Port{465, TlsMode::implicit});
  }
  SECTION("none: the port mismatch and the cleartext password")
  {
    const auto result = judge(Proto::smtp, 465, TlsMode::none);
    CHECK(result.verdict == Verdict::error);
    CHECK(codes_of(result) == Codes{"starttls-on-implicit-port", "cleartext-credentials"});
  }
}

TEST_CASE("the recommended settings pass", "[engine][check]")
{
  SECTION("465 implicit: no findings at all")
  {
    const auto result = judge(Proto::smtp, 465, TlsMode::implicit);
    CHECK(result.verdict == Verdict::ok);
    CHECK(result.findings.empty());
    CHECK(result.suggestions.empty());
    CHECK(result.best_port == std::uint16_t{465});
  }
  SECTION("587 starttls: ok, with one info")
  {
    const auto result = judge(Proto::smtp, 587, TlsMode::starttls);
    CHECK(result.verdict == Verdict::ok);
    CHECK(codes_of(result) == Codes{"implicit-tls-preferred"});
    CHECK(result.findings.front().def->severity == core::Severity::info);
    CHECK(result.suggestions.empty());
  }
  SECTION("993 implicit for IMAP")
  {
    const auto result = judge(Proto::imap, 993, TlsMode::implicit);
    CHECK(result.verdict == Verdict::ok);
    CHECK(result.findings.empty());
  }
  SECTION("995 implicit for POP3")
  {
    const auto result = judge(Proto::pop3, 995, TlsMode::implicit);
    CHECK(result.verdict == Verdict::ok);
    CHECK(result.findings.empty());
  }
}

TEST_CASE("port 25 is for relay, not for mail clients", "[engine][check]")
{
  SECTION("client with STARTTLS: warned off the relay port")
  {
    const auto result = judge(Proto::smtp, 25, TlsMode::starttls, Role::client);
    CHECK(result.verdict == Verdict::warning);
    CHECK(codes_of(result) == Codes{"relay-port-for-client"});
    REQUIRE_FALSE(result.suggestions.empty());
    CHECK(suggestions_of(result)[0] == Port{465, TlsMode::implicit});
  }
  SECTION("client: the mail clients' row, not a relay row, with the client's status")
  {
    for (const auto tls : {TlsMode::none, TlsMode::starttls, TlsMode::opportunistic}) {
      const auto result = judge(Proto::smtp, 25, tls, Role::client);
      REQUIRE(result.entry != nullptr);
      CHECK(result.entry->role == Role::client);
      CHECK(result.entry->status == core::Status::discouraged);
      CHECK(contains(std::string(result.entry->summary.en), "OP25B"));
      CHECK(contains(std::string(result.entry->summary.ja), "OP25B"));
    }
    CHECK(codes_of(judge(Proto::smtp, 25, TlsMode::none, Role::client))
          == Codes{"cleartext-credentials", "relay-port-for-client"});
  }
  SECTION("client with implicit TLS: the port does not speak it, whatever the role")
  {
    const auto result = judge(Proto::smtp, 25, TlsMode::implicit, Role::client);
    CHECK(result.verdict == Verdict::error);
    // The row serves both roles; relay-port-for-client speaks to clients only.
    CHECK(codes_of(result) == Codes{"implicit-on-starttls-port", "relay-port-for-client"});
    CHECK(result.entry->status == core::Status::mismatch);
    CHECK(codes_of(judge(Proto::smtp, 25, TlsMode::implicit, Role::relay))
          == Codes{"implicit-on-starttls-port"});
  }
  SECTION("relay with STARTTLS required: a public MX must not require it (RFC 3207 §4)")
  {
    const auto result = judge(Proto::smtp, 25, TlsMode::starttls, Role::relay);
    CHECK(result.verdict == Verdict::warning);
    CHECK(codes_of(result) == Codes{"relay-starttls-required"});
    CHECK(suggestions_of(result) == std::vector<Port>{{25, TlsMode::opportunistic}});
  }
  SECTION("relay with opportunistic STARTTLS, the norm between servers")
  {
    const auto result = judge(Proto::smtp, 25, TlsMode::opportunistic, Role::relay);
    CHECK(result.verdict == Verdict::ok);
    CHECK(codes_of(result) == Codes{"relay-opportunistic"});
    CHECK(result.entry->status == core::Status::recommended);
  }
  SECTION("relay without TLS")
  {
    const auto result = judge(Proto::smtp, 25, TlsMode::none, Role::relay);
    CHECK(result.verdict == Verdict::warning);
    CHECK(codes_of(result) == Codes{"cleartext-relay"});
    CHECK(suggestions_of(result) == std::vector<Port>{{25, TlsMode::opportunistic}});
  }
}

TEST_CASE("without a row for the role, another role's row judges and says so", "[engine][check]")
{
  // A table without the mail clients' row on 25: only the implicit row
  // (any role) is left for clients there.
  auto document = test::rules_document();
  auto& entries = document["entries"];
  entries.erase(std::find_if(entries.begin(), entries.end(), [](const auto& e) {
    return e["port"] == 25 && e["role"] == "client";
  }));
  const auto loaded = test::load_document(document);
  REQUIRE(loaded.has_value());
  const auto result = engine::check(loaded->table(),
                                    engine::Query{Proto::smtp, 25, TlsMode::starttls, Role::client});
  REQUIRE(result.entry != nullptr);
  CHECK(result.entry->role == Role::relay);
  // relay-starttls-required speaks to relays: not raised for a client.
  CHECK(codes_of(result) == Codes{"relay-port-for-client"});
}

TEST_CASE("a client port used for relay is flagged, without the clients' own advice",
          "[engine][check]")
{
  const auto result = judge(Proto::smtp, 587, TlsMode::starttls, Role::relay);
  CHECK(result.verdict == Verdict::warning);
  // implicit-tls-preferred speaks to mail clients ("role": "client").
  CHECK(codes_of(result) == Codes{"client-port-for-relay"});
  CHECK(result.best_port == std::uint16_t{25});
  CHECK(codes_of(judge(Proto::imap, 143, TlsMode::starttls, Role::relay))
        == Codes{"client-port-for-relay"});
}

TEST_CASE("never try instead a setting check would warn about", "[engine][check]")
{
  SECTION("2525, the port being checked, is not suggested again")
  {
    const auto result = judge(Proto::smtp, 2525, TlsMode::starttls);
    CHECK(suggestions_of(result)
          == std::vector<Port>{{465, TlsMode::implicit}, {587, TlsMode::starttls}});
  }
  SECTION("every suggestion for every setting passes check")
  {
    const auto ports = test::ports({25, 80, 110, 143, 443, 465, 587, 588, 993, 995, 2525, 12345});
    int suggested = 0;
    for (const auto proto : core::k_protos) {
      for (const auto role : core::k_roles) {
        for (const auto port : ports) {
          for (const auto tls : core::k_tls_modes) {
            const auto result = judge(proto, port, tls, role);
            for (const auto& s : result.suggestions) {
              INFO(core::to_string(proto) << " " << port << " " << core::to_string(tls) << " "
                                          << core::to_string(role) << " -> " << s.port << " "
                                          << core::to_string(s.tls));
              CHECK_FALSE((s.port == port && s.tls == tls));
              CHECK(judge(proto, s.port, s.tls, role).verdict == Verdict::ok);
              ++suggested;
            }
          }
        }
      }
    }
    CHECK(suggested > 100);
  }
}

TEST_CASE("a cleartext client is an error on every protocol", "[engine][check]")
{
  for (const auto proto : core::k_protos) {
    for (const std::uint16_t port : test::ports({25, 110, 143, 587, 993, 2525, 12345})) {
      INFO(core::to_string(proto) << " " << port);
      const auto result = judge(proto, port, TlsMode::none);
      CHECK(result.verdict == Verdict::error);
      const auto codes = codes_of(result);
      CHECK(std::find(codes.begin(), codes.end(), "cleartext-credentials") != codes.end());
    }
  }
}

TEST_CASE("an opportunistic client is warned about STARTTLS stripping", "[engine][check]")
{
  for (const auto& [proto, port] : {std::pair{Proto::smtp, std::uint16_t{587}},
                                    std::pair{Proto::imap, std::uint16_t{143}},
                                    std::pair{Proto::pop3, std::uint16_t{110}}}) {
    INFO(core::to_string(proto) << " " << port);
    const auto result = judge(proto, port, TlsMode::opportunistic);
    CHECK(result.verdict == Verdict::warning);
    const auto codes = codes_of(result);
    CHECK(std::find(codes.begin(), codes.end(), "starttls-downgrade") != codes.end());
  }
}

TEST_CASE("STARTTLS where an implicit-TLS port exists is a warning", "[engine][check]")
{
  SECTION("IMAP 143")
  {
    const auto result = judge(Proto::imap, 143, TlsMode::starttls);
    CHECK(result.verdict == Verdict::warning);
    CHECK(codes_of(result) == Codes{"implicit-port-available"});
    REQUIRE(result.suggestions.size() == 1);
    CHECK(suggestions_of(result)[0] == Port{993, TlsMode::implicit});
  }
  SECTION("POP3 110")
  {
    const auto result = judge(Proto::pop3, 110, TlsMode::starttls);
    CHECK(result.verdict == Verdict::warning);
    CHECK(codes_of(result) == Codes{"implicit-port-available"});
    REQUIRE(result.suggestions.size() == 1);
    CHECK(suggestions_of(result)[0] == Port{995, TlsMode::implicit});
  }
}

TEST_CASE("a port of another mail protocol is an error", "[engine][check]")
{
  SECTION("IMAP on the POP3S port 995")
  {
    const auto result = judge(Proto::imap, 995, TlsMode::implicit);
    CHECK(result.verdict == Verdict::error);
    CHECK(codes_of(result) == Codes{"port-of-other-protocol"});
    CHECK(result.entry == nullptr);
    REQUIRE(result.findings.size() == 1);
    CHECK(result.findings[0].other_proto == Proto::pop3);
    CHECK(result.findings[0].other_service == std::string_view("pop3s"));
    const auto message = engine::render_message(result, result.findings[0], core::Lang::en,
                                                rules::builtin_table());
    INFO(message);
    CHECK(test::contains(message, "POP3"));
    CHECK(test::contains(message, "pop3s"));
    CHECK(test::contains(message, "port 993"));
  }
  SECTION("SMTP on the IMAPS port 993")
  {
    const auto result = judge(Proto::smtp, 993, TlsMode::implicit);
    CHECK(result.verdict == Verdict::error);
    CHECK(codes_of(result) == Codes{"port-of-other-protocol"});
    CHECK(result.findings[0].other_proto == Proto::imap);
  }
  SECTION("POP3 on the submission port 587")
  {
    const auto result = judge(Proto::pop3, 587, TlsMode::starttls);
    CHECK(codes_of(result) == Codes{"port-of-other-protocol"});
    CHECK(result.findings[0].other_proto == Proto::smtp);
  }
}

TEST_CASE("web ports and 588 are not mail ports, whatever the protocol", "[engine][check]")
{
  for (const auto proto : core::k_protos) {
    for (const std::uint16_t port : test::ports({80, 443, 588})) {
      for (const auto tls : {TlsMode::starttls, TlsMode::implicit}) {
        INFO(core::to_string(proto) << " " << port << " " << core::to_string(tls));
        const auto result = judge(proto, port, tls);
        CHECK(result.verdict == Verdict::warning);
        CHECK(codes_of(result) == Codes{"not-a-mail-port"});
        REQUIRE(result.entry != nullptr);
        CHECK(result.entry->status == core::Status::not_mail_port);
      }
    }
  }
}

TEST_CASE("non-standard and unknown ports are warnings", "[engine][check]")
{
  SECTION("2525 with STARTTLS")
  {
    const auto result = judge(Proto::smtp, 2525, TlsMode::starttls);
    CHECK(result.verdict == Verdict::warning);
    CHECK(codes_of(result) == Codes{"non-standard-port"});
  }
  SECTION("a port nobody uses for mail")
  {
    const auto result = judge(Proto::smtp, 12345, TlsMode::implicit);
    CHECK(result.verdict == Verdict::warning);
    CHECK(codes_of(result) == Codes{"unknown-port"});
    CHECK(result.entry == nullptr);
    REQUIRE_FALSE(result.suggestions.empty());
    CHECK(suggestions_of(result)[0] == Port{465, TlsMode::implicit});
  }
  SECTION("an unknown port for IMAP")
  {
    const auto result = judge(Proto::imap, 12345, TlsMode::implicit);
    CHECK(codes_of(result) == Codes{"unknown-port"});
    CHECK(result.best_port == std::uint16_t{993});
  }
}

TEST_CASE("a TLS mode the URL did not state is a warning", "[engine][check]")
{
  const auto result =
    judge(Proto::smtp, 587, TlsMode::starttls, Role::client, /*tls_stated=*/false);
  CHECK(result.verdict == Verdict::warning);
  // The warning goes first: findings are sorted worst first.
  CHECK(codes_of(result) == Codes{"tls-mode-unstated", "implicit-tls-preferred"});
}

TEST_CASE("findings are sorted worst first and the verdict is the worst", "[engine][check]")
{
  // Raised in the order warning (port), error (mode): sorting swaps them.
  const auto result = judge(Proto::smtp, 25, TlsMode::none, Role::client);
  CHECK(codes_of(result) == Codes{"cleartext-credentials", "relay-port-for-client"});
  CHECK(result.verdict == Verdict::error);

  for (const auto proto : core::k_protos) {
    for (const std::uint16_t port : test::ports({25, 110, 143, 443, 465, 587, 993, 995, 2525, 12345})) {
      for (const auto tls : core::k_tls_modes) {
        for (const auto role : core::k_roles) {
          const auto r = judge(proto, port, tls, role, port % 2 == 0);
          for (std::size_t i = 1; i < r.findings.size(); ++i) {
            CHECK(r.findings[i - 1].def->severity >= r.findings[i].def->severity);
          }
          const auto expected = r.findings.empty()
                                  ? Verdict::ok
                                  : core::verdict_of(r.findings.front().def->severity);
          CHECK(r.verdict == expected);
          // Suggestions never repeat the query and never exceed three.
          CHECK(r.suggestions.size() <= 3);
          for (const auto& s : r.suggestions) {
            CHECK_FALSE((s.port == port && s.tls == tls));
          }
        }
      }
    }
  }
}

TEST_CASE("a port without the asked mode raises tls-mode-not-spoken", "[engine][check]")
{
  // The built-in table lists every mode for its ports, so drop one.
  auto document = test::rules_document();
  auto& entries = document["entries"];
  entries.erase(std::find_if(entries.begin(), entries.end(), [](const auto& e) {
    return e["port"] == 2525 && e["tls"] == "opportunistic";
  }));
  const auto loaded = test::load_document(document);
  REQUIRE(loaded.has_value());
  const auto& table = loaded->table();

  const auto result =
    engine::check(table, engine::Query{Proto::smtp, 2525, TlsMode::opportunistic, Role::client});
  REQUIRE_FALSE(result.findings.empty());
  CHECK(result.findings[0].def->code == "tls-mode-not-spoken");
  CHECK(result.verdict == Verdict::error);
  CHECK(result.entry == nullptr);
  CHECK(result.findings[0].modes
        == std::vector<TlsMode>{TlsMode::starttls, TlsMode::implicit, TlsMode::none});
  const auto message =
    engine::render_message(result, result.findings[0], core::Lang::en, table);
  CHECK(message
        == "Port 2525 is not used with STARTTLS if available (opportunistic); it is used with: "
           "STARTTLS (required), implicit TLS (SSL/TLS), none (cleartext).");
}

TEST_CASE("a likely port typo gets a port-typo note beside unknown-port", "[engine][check]")
{
  const auto result = judge(Proto::smtp, 578, TlsMode::starttls);
  CHECK(codes_of(result) == Codes{"unknown-port", "port-typo"});
  REQUIRE(result.findings.size() == 2);
  CHECK(result.findings[1].likely_port == 587);
  CHECK(engine::render_message(result, result.findings[1], core::Lang::en, rules::builtin_table())
          .starts_with("Did you mean port 587?"));
  CHECK(codes_of(judge(Proto::smtp, 8025, TlsMode::starttls)) == Codes{"unknown-port"});
}

TEST_CASE("how the user's words were read is said, never silent", "[engine][check]")
{
  engine::Query q{Proto::smtp, 587, TlsMode::implicit, Role::client, true};
  q.proto_inferred = true;
  q.tls_word_ambiguous = true;
  const auto result = engine::check(rules::builtin_table(), q);
  const auto codes = codes_of(result);
  CHECK(std::find(codes.begin(), codes.end(), "proto-inferred") != codes.end());
  CHECK(std::find(codes.begin(), codes.end(), "tls-word-ambiguous") != codes.end());
  // Notes, not problems: the verdict is what the setting earns.
  CHECK(result.verdict == Verdict::error);
  CHECK(codes.front() == "implicit-on-starttls-port");
  const auto plain = codes_of(judge(Proto::smtp, 587, TlsMode::implicit));
  CHECK(std::find(plain.begin(), plain.end(), "proto-inferred") == plain.end());
}
