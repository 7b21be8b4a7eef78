// engine/provider: a provider's published servers judged by the built-in
// rules and ordered best first, with one verdict for the provider.
#include "catch.hpp"

#include "engine_support.hpp"

#include <mailports/engine/provider.hpp>
#include <mailports/providers/catalog.hpp>
#include <mailports/rules/builtin.hpp>

#include <algorithm>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

using namespace mailports;
using core::Proto;
using core::TlsMode;
using core::Verdict;
using engine::advise;
using engine::JudgedServer;
using engine::ProviderAdvice;
using test::codes_of;

namespace {

const providers::Catalog& catalog()
{
  return providers::builtin_catalog();
}

const providers::Provider& provider_for(std::string_view domain)
{
  const auto* provider = catalog().find(domain);
  INFO("domain: " << domain);
  REQUIRE(provider != nullptr);
  return *provider;
}

ProviderAdvice advice_for(std::string_view domain)
{
  return advise(rules::builtin_table(), provider_for(domain));
}

struct Setting {
  Proto proto;
  std::uint16_t port;
  TlsMode tls;
  bool operator==(const Setting&) const = default;
};

std::ostream& operator<<(std::ostream& out, const Setting& s)
{
  return out << core::to_string(s.proto) << ' ' << s.port << ' ' << core::to_string(s.tls);
}

std::vector<Setting> settings_of(const std::vector<JudgedServer>& list)
{
  std::vector<Setting> out;
  for (const auto& judged : list) {
    REQUIRE(judged.server != nullptr);
    out.push_back({judged.server->proto.value(), judged.server->port.value(),
                   judged.server->tls.value()});
  }
  return out;
}

bool has_code(const JudgedServer& judged, std::string_view code)
{
  const auto codes = codes_of(judged.check);
  return std::find(codes.begin(), codes.end(), code) != codes.end();
}

providers::Server server(Proto proto, std::uint16_t port, TlsMode tls, std::string_view host = "mail")
{
  providers::Server s;
  s.type = core::to_string(proto);
  s.proto = proto;
  s.host = host;
  s.port = port;
  s.tls = tls;
  s.username = "%EMAILADDRESS%";
  return s;
}

// A provider whose server lists it owns (the model holds views).
struct TestProvider : providers::Provider {
  std::shared_ptr<const std::vector<providers::Server>> owned_incoming;
  std::shared_ptr<const std::vector<providers::Server>> owned_outgoing;
};

TestProvider provider(std::vector<providers::Server> incoming,
                      std::vector<providers::Server> outgoing = {})
{
  static constexpr std::string_view k_domains[] = {"example.test"};
  TestProvider p;
  p.owned_incoming = std::make_shared<const std::vector<providers::Server>>(std::move(incoming));
  p.owned_outgoing = std::make_shared<const std::vector<providers::Server>>(std::move(outgoing));
  p.id = "example.test";
  p.file = "example.test.xml";
  p.name = "Example";
  p.domains = k_domains;
  p.incoming = *p.owned_incoming;
  p.outgoing = *p.owned_outgoing;
  return p;
}

ProviderAdvice advise_builtin(const providers::Provider& p)
{
  return advise(rules::builtin_table(), p);
}

} // namespace

TEST_CASE("Gmail: IMAP before POP3, 465 before 587, verdict ok", "[providers][engine][provider]")
{
  const auto advice = advice_for("gmail.com");
  CHECK(settings_of(advice.incoming)
        == std::vector<Setting>{{Proto::imap, 993, TlsMode::implicit},
                                {Proto::pop3, 995, TlsMode::implicit}});
  CHECK(settings_of(advice.outgoing)
        == std::vector<Setting>{{Proto::smtp, 465, TlsMode::implicit},
                                {Proto::smtp, 587, TlsMode::starttls}});
  CHECK(advice.verdict == Verdict::ok);
  CHECK(advice.other.empty());

  REQUIRE(advice.outgoing.size() == 2);
  const auto& submission = advice.outgoing[1];
  CHECK(has_code(submission, "implicit-tls-preferred"));
  for (const auto& finding : submission.check.findings) {
    if (finding.def->code == "implicit-tls-preferred") {
      CHECK(finding.def->severity == core::Severity::info);
    }
  }
  CHECK(submission.check.verdict == Verdict::ok);
  CHECK_FALSE(has_code(advice.outgoing[0], "implicit-tls-preferred"));
}

TEST_CASE("advice points at the catalog's own servers", "[providers][engine][provider]")
{
  const auto& gmail = provider_for("gmail.com");
  const auto advice = advise(rules::builtin_table(), gmail);
  REQUIRE(advice.incoming.size() == 2);
  CHECK(advice.incoming[0].server == &gmail.incoming[0]);
  CHECK(advice.incoming[0].server->host == std::string("imap.gmail.com"));
  CHECK(advice.incoming[0].check.query.proto == Proto::imap);
  CHECK(advice.incoming[0].check.query.port == 993);
  CHECK(advice.incoming[0].check.query.role == core::Role::client);
}

TEST_CASE("outlook.com: 587 STARTTLS first, IMAP before POP3", "[providers][engine][provider]")
{
  const auto advice = advice_for("outlook.com");
  REQUIRE_FALSE(advice.outgoing.empty());
  CHECK(settings_of(advice.outgoing).front() == Setting{Proto::smtp, 587, TlsMode::starttls});

  const auto incoming = settings_of(advice.incoming);
  const auto imap = std::find(incoming.begin(), incoming.end(),
                              Setting{Proto::imap, 993, TlsMode::implicit});
  const auto pop3 = std::find(incoming.begin(), incoming.end(),
                              Setting{Proto::pop3, 995, TlsMode::implicit});
  REQUIRE(imap != incoming.end());
  REQUIRE(pop3 != incoming.end());
  CHECK(imap < pop3);
  CHECK(imap == incoming.begin());
  CHECK(advice.verdict == Verdict::ok);
}

TEST_CASE("yahoo.co.jp: the unsourced IMAP 993 after ISPDB's POP3 995",
          "[providers][engine][provider]")
{
  const auto& yahoo = provider_for("yahoo.co.jp");
  REQUIRE(yahoo.incoming.size() >= 2);
  REQUIRE(yahoo.incoming[0].proto == Proto::pop3);

  // No Yahoo! JAPAN page could be cited for its IMAP server (issue 15):
  // it is marked unverified and rated below the ISPDB entries.
  const auto advice = advise(rules::builtin_table(), yahoo);
  CHECK(settings_of(advice.incoming)
        == std::vector<Setting>{{Proto::pop3, 995, TlsMode::implicit},
                                {Proto::imap, 993, TlsMode::implicit}});
  CHECK(advice.incoming.back().server->unverified);
  CHECK(settings_of(advice.outgoing)
        == std::vector<Setting>{{Proto::smtp, 465, TlsMode::implicit}});
  CHECK(advice.verdict == Verdict::ok);
}

TEST_CASE("icloud.com: IMAP 993 and SMTP 587 STARTTLS", "[providers][engine][provider]")
{
  const auto advice = advice_for("icloud.com");
  CHECK(settings_of(advice.incoming)
        == std::vector<Setting>{{Proto::imap, 993, TlsMode::implicit}});
  CHECK(settings_of(advice.outgoing)
        == std::vector<Setting>{{Proto::smtp, 587, TlsMode::starttls}});
  CHECK(advice.verdict == Verdict::ok);
}

TEST_CASE("nifty.com publishes only cleartext: verdict error", "[providers][engine][provider]")
{
  const auto advice = advice_for("nifty.com");
  CHECK(advice.verdict == Verdict::error);
  REQUIRE_FALSE(advice.incoming.empty());
  const auto& first = advice.incoming.front();
  CHECK(first.server->tls == TlsMode::none);
  CHECK(first.check.verdict == Verdict::error);
  // nifty lists password-encrypted: the cleartext error says what that protects.
  CHECK(has_code(first, "auth-password-encrypted"));
  CHECK_FALSE(has_code(first, "cleartext-credentials"));
}

TEST_CASE("office365.com: ews, owa, graph and exchange go to other", "[providers][engine][provider]")
{
  const auto& office = provider_for("office365.com");
  REQUIRE(office.file == "office365.com.xml");
  const auto advice = advise(rules::builtin_table(), office);

  std::vector<std::string> other_types;
  for (const auto* s : advice.other) {
    REQUIRE(s != nullptr);
    other_types.emplace_back(s->type);
  }
  for (const std::string type : {"ews", "owa", "graph", "exchange"}) {
    INFO("type " << type);
    CHECK(std::count(other_types.begin(), other_types.end(), type) == 1);
  }
  for (const auto& judged : advice.incoming) {
    INFO("incoming type " << judged.server->type);
    CHECK(judged.server->proto.has_value());
  }
  CHECK(settings_of(advice.incoming)
        == std::vector<Setting>{{Proto::imap, 993, TlsMode::implicit},
                                {Proto::pop3, 995, TlsMode::implicit}});
  CHECK(settings_of(advice.outgoing)
        == std::vector<Setting>{{Proto::smtp, 587, TlsMode::starttls}});
  // Every published server is accounted for exactly once.
  CHECK(advice.incoming.size() + advice.outgoing.size() + advice.other.size()
        == office.incoming.size() + office.outgoing.size());
}

TEST_CASE("TLS is the primary key: POP3 995 implicit before IMAP 143 STARTTLS",
          "[providers][engine][provider]")
{
  const auto p = provider({server(Proto::imap, 143, TlsMode::starttls),
                           server(Proto::pop3, 995, TlsMode::implicit)});
  const auto advice = advise_builtin(p);
  CHECK(settings_of(advice.incoming)
        == std::vector<Setting>{{Proto::pop3, 995, TlsMode::implicit},
                                {Proto::imap, 143, TlsMode::starttls}});

  // Same result whichever order the file lists them in.
  const auto reversed = provider({server(Proto::pop3, 995, TlsMode::implicit),
                                  server(Proto::imap, 143, TlsMode::starttls)});
  CHECK(settings_of(advise_builtin(reversed).incoming) == settings_of(advice.incoming));
}

TEST_CASE("STARTTLS before cleartext, whatever the protocol", "[providers][engine][provider]")
{
  const auto p = provider({server(Proto::imap, 143, TlsMode::none),
                           server(Proto::pop3, 110, TlsMode::starttls)},
                          {server(Proto::smtp, 25, TlsMode::none),
                           server(Proto::smtp, 587, TlsMode::starttls),
                           server(Proto::smtp, 465, TlsMode::implicit)});
  const auto advice = advise_builtin(p);
  CHECK(settings_of(advice.incoming)
        == std::vector<Setting>{{Proto::pop3, 110, TlsMode::starttls},
                                {Proto::imap, 143, TlsMode::none}});
  CHECK(settings_of(advice.outgoing)
        == std::vector<Setting>{{Proto::smtp, 465, TlsMode::implicit},
                                {Proto::smtp, 587, TlsMode::starttls},
                                {Proto::smtp, 25, TlsMode::none}});
}

TEST_CASE("among equal TLS, IMAP before POP3", "[providers][engine][provider]")
{
  const auto p = provider({server(Proto::pop3, 995, TlsMode::implicit),
                           server(Proto::imap, 993, TlsMode::implicit)});
  const auto advice = advise_builtin(p);
  CHECK(settings_of(advice.incoming)
        == std::vector<Setting>{{Proto::imap, 993, TlsMode::implicit},
                                {Proto::pop3, 995, TlsMode::implicit}});
  CHECK(advice.verdict == Verdict::ok);
}

TEST_CASE("equal servers keep the provider's order", "[providers][engine][provider]")
{
  const auto p = provider({server(Proto::imap, 993, TlsMode::implicit, "first.example.test"),
                           server(Proto::imap, 993, TlsMode::implicit, "second.example.test"),
                           server(Proto::imap, 993, TlsMode::implicit, "third.example.test")},
                          {server(Proto::smtp, 465, TlsMode::implicit, "b.example.test"),
                           server(Proto::smtp, 465, TlsMode::implicit, "a.example.test")});
  const auto advice = advise_builtin(p);
  REQUIRE(advice.incoming.size() == 3);
  CHECK(advice.incoming[0].server == &p.incoming[0]);
  CHECK(advice.incoming[1].server == &p.incoming[1]);
  CHECK(advice.incoming[2].server == &p.incoming[2]);
  REQUIRE(advice.outgoing.size() == 2);
  CHECK(advice.outgoing[0].server->host == std::string("b.example.test"));
  CHECK(advice.outgoing[1].server->host == std::string("a.example.test"));
}

TEST_CASE("a judged protocol without a TLS mode goes to other", "[providers][engine][provider]")
{
  auto unknown_tls = server(Proto::imap, 993, TlsMode::implicit);
  unknown_tls.tls.reset();
  const auto p = provider({unknown_tls, server(Proto::pop3, 995, TlsMode::implicit)});
  const auto advice = advise_builtin(p);
  CHECK(settings_of(advice.incoming)
        == std::vector<Setting>{{Proto::pop3, 995, TlsMode::implicit}});
  REQUIRE(advice.other.size() == 1);
  CHECK(advice.other[0] == &p.incoming[0]);
}

TEST_CASE("the verdict is the worst of the first incoming and first outgoing",
          "[providers][engine][provider]")
{
  SECTION("a bad second server does not count")
  {
    const auto p = provider({server(Proto::imap, 993, TlsMode::implicit),
                             server(Proto::pop3, 110, TlsMode::none)},
                            {server(Proto::smtp, 465, TlsMode::implicit),
                             server(Proto::smtp, 25, TlsMode::none)});
    const auto advice = advise_builtin(p);
    REQUIRE(advice.incoming.size() == 2);
    REQUIRE(advice.outgoing.size() == 2);
    // The premise: the second servers really are judged bad.
    REQUIRE(advice.incoming[1].check.verdict == Verdict::error);
    REQUIRE(advice.outgoing[1].check.verdict == Verdict::error);
    CHECK(advice.verdict == Verdict::ok);
  }
  SECTION("a bad first incoming server counts")
  {
    const auto p = provider({server(Proto::pop3, 110, TlsMode::none)},
                            {server(Proto::smtp, 465, TlsMode::implicit)});
    const auto advice = advise_builtin(p);
    CHECK(advice.verdict == Verdict::error);
    CHECK(advice.verdict == advice.incoming.front().check.verdict);
  }
  SECTION("a bad first outgoing server counts")
  {
    const auto p = provider({server(Proto::imap, 993, TlsMode::implicit)},
                            {server(Proto::smtp, 25, TlsMode::none)});
    const auto advice = advise_builtin(p);
    CHECK(advice.outgoing.front().check.verdict == Verdict::error);
    CHECK(advice.verdict == Verdict::error);
  }
  SECTION("first means first after ordering, not first in the file")
  {
    // The file lists IMAP on POP3's port (an error) first; the good POP3
    // server sorts ahead of it, and the verdict reflects that one.
    const auto p = provider({server(Proto::imap, 995, TlsMode::implicit),
                             server(Proto::pop3, 995, TlsMode::implicit)},
                            {server(Proto::smtp, 465, TlsMode::implicit)});
    const auto advice = advise_builtin(p);
    REQUIRE(advice.incoming.size() == 2);
    CHECK(advice.incoming[0].server == &p.incoming[1]);
    CHECK(advice.incoming[0].check.verdict == Verdict::ok);
    CHECK(advice.incoming[1].check.verdict != Verdict::ok);
    CHECK(advice.verdict == advice.incoming[0].check.verdict);
  }
  SECTION("a better verdict sorts first whatever its mode")
  {
    // A sending service's implicit TLS on 2465 is a warning (unknown port);
    // its STARTTLS on 587 is ok and must not be ranked below it.
    const auto p = provider({server(Proto::imap, 993, TlsMode::implicit)},
                            {server(Proto::smtp, 2465, TlsMode::implicit),
                             server(Proto::smtp, 587, TlsMode::starttls)});
    const auto advice = advise_builtin(p);
    REQUIRE(advice.outgoing.size() == 2);
    CHECK(advice.outgoing[0].server == &p.outgoing[1]);
    CHECK(advice.outgoing[0].check.verdict == Verdict::ok);
    CHECK(advice.outgoing[1].check.verdict == Verdict::warning);
    CHECK(advice.verdict == Verdict::ok);
  }
  SECTION("the worse of the two firsts wins, a warning stays a warning")
  {
    // SMTP 2525 with STARTTLS is a non-standard fallback: a warning.
    const auto warn = advise_builtin(provider({server(Proto::imap, 993, TlsMode::implicit)},
                                              {server(Proto::smtp, 2525, TlsMode::starttls)}));
    CHECK(warn.incoming.front().check.verdict == Verdict::ok);
    CHECK(warn.outgoing.front().check.verdict == Verdict::warning);
    CHECK(warn.verdict == Verdict::warning);

    // IMAP 143 STARTTLS (warning) and cleartext SMTP 25 (error): error.
    const auto err = advise_builtin(provider({server(Proto::imap, 143, TlsMode::starttls)},
                                             {server(Proto::smtp, 25, TlsMode::none)}));
    CHECK(err.incoming.front().check.verdict == Verdict::warning);
    CHECK(err.verdict == Verdict::error);
  }
  SECTION("no servers at all: ok, nothing judged")
  {
    const auto advice = advise_builtin(provider({}));
    CHECK(advice.incoming.empty());
    CHECK(advice.outgoing.empty());
    CHECK(advice.other.empty());
    CHECK(advice.verdict == Verdict::ok);
  }
  SECTION("only servers mailports does not judge: ok")
  {
    providers::Server ews;
    ews.type = "ews";
    const auto p = provider({ews});
    const auto advice = advise_builtin(p);
    CHECK(advice.incoming.empty());
    REQUIRE(advice.other.size() == 1);
    CHECK(advice.other[0] == &p.incoming[0]);
    CHECK(advice.verdict == Verdict::ok);
  }
}

TEST_CASE("password-encrypted on cleartext: the same error, said right; plain password keeps the usual one",
          "[providers][engine][provider]")
{
  static constexpr std::string_view k_encrypted[] = {"password-encrypted"};
  static constexpr std::string_view k_cleartext[] = {"password-cleartext"};
  auto challenge = server(Proto::pop3, 110, TlsMode::none);
  challenge.auth = k_encrypted;
  auto plain = server(Proto::imap, 143, TlsMode::none);
  plain.auth = k_cleartext;
  auto tls = server(Proto::imap, 993, TlsMode::implicit);
  tls.auth = k_encrypted;
  const auto p = provider({challenge, plain, tls});
  const auto advice = advise_builtin(p);
  REQUIRE(advice.incoming.size() == 3);
  const auto find = [&](std::uint16_t port) {
    return *std::find_if(advice.incoming.begin(), advice.incoming.end(),
                         [port](const JudgedServer& j) { return j.server->port == port; });
  };
  CHECK(has_code(find(110), "auth-password-encrypted"));
  CHECK_FALSE(has_code(find(110), "cleartext-credentials"));
  CHECK(find(110).check.verdict == Verdict::error);
  CHECK(has_code(find(143), "cleartext-credentials"));
  CHECK_FALSE(has_code(find(993), "auth-password-encrypted"));
  // Its message renders in both languages (no placeholder left unfilled).
  const auto& result = find(110).check;
  for (const auto lang : {core::Lang::en, core::Lang::ja}) {
    const auto text = engine::render_message(result, result.findings.front(), lang, rules::builtin_table());
    CHECK(text.find("CRAM-MD5") != std::string::npos);
    CHECK(text.find('{') == std::string::npos);
  }
}

TEST_CASE("every server of a direction is an error: a way forward with the engine's alternatives",
          "[providers][engine][provider]")
{
  const auto p = provider({server(Proto::pop3, 110, TlsMode::none, "pop.example.test")},
                          {server(Proto::smtp, 587, TlsMode::none, "smtp.example.test")});
  const auto advice = advise_builtin(p); // keeps pointers into p
  REQUIRE(advice.incoming_way.has_value());
  REQUIRE(advice.outgoing_way.has_value());
  CHECK(advice.incoming_way->def->code == "provider-no-secure-server");
  CHECK(advice.incoming_way->server->host == "pop.example.test");
  // Only the engine's suggestions for the published protocol and port; nothing invented.
  const auto& in = advice.incoming_way->suggestions;
  REQUIRE_FALSE(in.empty());
  CHECK(in.front().port == 995);
  CHECK(in.front().tls == TlsMode::implicit);
  CHECK(in == advice.incoming.front().check.suggestions);
  CHECK(advice.outgoing_way->suggestions == advice.outgoing.front().check.suggestions);
}

TEST_CASE("one good server in a direction: no way forward there", "[providers][engine][provider]")
{
  const auto p = provider({server(Proto::pop3, 110, TlsMode::none), server(Proto::imap, 993, TlsMode::implicit)},
                          {server(Proto::smtp, 465, TlsMode::implicit)});
  const auto advice = advise_builtin(p);
  CHECK_FALSE(advice.incoming_way.has_value());
  CHECK_FALSE(advice.outgoing_way.has_value());
  CHECK_FALSE(advice_for("gmail.com").incoming_way.has_value());
  CHECK(advice_for("nifty.com").incoming_way.has_value());
  CHECK(advice_for("nifty.com").outgoing_way.has_value());
}

TEST_CASE("an unverified added server ranks after the published ones", "[providers][engine][provider]")
{
  auto added = server(Proto::imap, 993, TlsMode::implicit, "imap.example.test");
  added.unverified = true;
  const auto p = provider({added, server(Proto::pop3, 995, TlsMode::implicit)});
  const auto advice = advise_builtin(p);
  CHECK(settings_of(advice.incoming)
        == std::vector<Setting>{{Proto::pop3, 995, TlsMode::implicit}, {Proto::imap, 993, TlsMode::implicit}});
}

TEST_CASE("a published non-standard port gets no reading note: port-typo is about what a user typed",
          "[providers][engine][provider]")
{
  const auto p = provider({}, {server(Proto::smtp, 2465, TlsMode::implicit), server(Proto::smtp, 2587, TlsMode::starttls)});
  const auto advice = advise_builtin(p);
  REQUIRE(advice.outgoing.size() == 2);
  for (const auto& judged : advice.outgoing) {
    CHECK(has_code(judged, "unknown-port"));
    for (const auto code : rules::codes::reading_codes) {
      CHECK_FALSE(has_code(judged, code));
    }
  }
  // check itself still says it of a typed port.
  const auto typed = engine::check(rules::builtin_table(),
                                   engine::Query{Proto::smtp, 2465, TlsMode::implicit, core::Role::client, true});
  const auto codes = codes_of(typed);
  CHECK(std::find(codes.begin(), codes.end(), "port-typo") != codes.end());
}
