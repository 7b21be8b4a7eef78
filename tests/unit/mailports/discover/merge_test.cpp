// discover/merge: sources joined into servers, disagreement, plain HTTP,
// ordering and verdicts, and every discover finding rendered from the table.
#include "catch.hpp"

#include <mailports/discover/merge.hpp>
#include <mailports/rules/builtin.hpp>

#include <algorithm>
#include <string>

using mailports::core::Proto;
using mailports::core::TlsMode;
using mailports::core::Verdict;
using namespace mailports::discover;
namespace codes = mailports::rules::codes;

namespace {

FoundServer server(Proto proto, std::string host, std::uint16_t port, TlsMode tls)
{
  FoundServer s;
  s.proto = proto;
  s.host = std::move(host);
  s.port = port;
  s.tls = tls;
  return s;
}

SourceReport source(SourceKind kind, std::string name, std::vector<FoundServer> in, std::vector<FoundServer> out = {})
{
  SourceReport r;
  r.kind = kind;
  r.name = std::move(name);
  r.status = in.empty() && out.empty() ? SourceStatus::not_found : SourceStatus::found;
  r.incoming = std::move(in);
  r.outgoing = std::move(out);
  return r;
}

bool has_note(const MergedServer& m, std::string_view code)
{
  return std::any_of(m.notes.begin(), m.notes.end(), [code](const Note& n) { return n.code == code; });
}

const auto& table = mailports::rules::builtin_table();

} // namespace

TEST_CASE("a server named by two sources appears once, with both", "[discover][merge]")
{
  const std::vector<SourceReport> reports{
    source(SourceKind::autoconfig, "https://autoconfig.example.test/mail/config-v1.1.xml",
           {server(Proto::imap, "imap.example.test", 993, TlsMode::implicit)}),
    source(SourceKind::srv, "_imaps._tcp.example.test", {server(Proto::imap, "imap.example.test", 993, TlsMode::implicit)})};
  const auto d = merge(table, reports);
  REQUIRE(d.incoming.size() == 1);
  CHECK(d.incoming[0].sources == std::vector<std::size_t>{0, 1});
  CHECK_FALSE(has_note(d.incoming[0], codes::sources_disagree));
  CHECK(d.verdict == Verdict::ok);
}

TEST_CASE("sources that share no server for a protocol disagree, on both servers", "[discover][merge]")
{
  const std::vector<SourceReport> reports{
    source(SourceKind::autoconfig, "https://a", {server(Proto::imap, "imap.example.test", 993, TlsMode::implicit)}),
    source(SourceKind::srv, "_imap._tcp.example.test", {server(Proto::imap, "imap.example.test", 143, TlsMode::starttls)})};
  const auto d = merge(table, reports);
  REQUIRE(d.incoming.size() == 2);
  CHECK(d.incoming[0].server.port == 993); // implicit TLS first
  for (const auto& m : d.incoming) {
    CHECK(has_note(m, codes::sources_disagree));
  }
  const auto& note = d.incoming[0].notes.front();
  CHECK(note.value == "autoconfig https://a: IMAP imap.example.test:993");
  CHECK(note.value_tls == TlsMode::implicit);
  CHECK(note.other == "srv _imap._tcp.example.test: IMAP imap.example.test:143");
  CHECK(note.other_tls == TlsMode::starttls);
  CHECK(d.verdict == Verdict::warning);
}

TEST_CASE("_submissions and _submission are two offers, not a disagreement", "[discover][merge]")
{
  const std::vector<SourceReport> reports{
    source(SourceKind::srv, "_submissions._tcp.example.test", {},
           {server(Proto::smtp, "mail.example.test", 465, TlsMode::implicit)}),
    source(SourceKind::srv, "_submission._tcp.example.test", {},
           {server(Proto::smtp, "mail.example.test", 587, TlsMode::starttls)})};
  const auto d = merge(table, reports);
  REQUIRE(d.outgoing.size() == 2);
  CHECK_FALSE(has_note(d.outgoing[0], codes::sources_disagree));
  CHECK_FALSE(has_note(d.outgoing[1], codes::sources_disagree));
}

TEST_CASE("a source that overlaps the first is not a disagreement, guesses are never compared", "[discover][merge]")
{
  const std::vector<SourceReport> reports{
    source(SourceKind::ispdb, "example.test",
           {server(Proto::imap, "imap.example.test", 993, TlsMode::implicit),
            server(Proto::imap, "imap.example.test", 143, TlsMode::starttls)}),
    source(SourceKind::autoconfig, "https://a", {server(Proto::imap, "imap.example.test", 143, TlsMode::starttls)}),
    source(SourceKind::guess, "mail.example.test", {server(Proto::imap, "mail.example.test", 993, TlsMode::implicit)})};
  const auto d = merge(table, reports);
  for (const auto& m : d.incoming) {
    CHECK_FALSE(has_note(m, codes::sources_disagree));
  }
}

TEST_CASE("plain HTTP alone is unauthenticated; with HTTPS as well it is not", "[discover][merge]")
{
  auto plain = source(SourceKind::autoconfig, "http://autoconfig.example.test/x",
                      {server(Proto::imap, "imap.example.test", 993, TlsMode::implicit)});
  plain.over_http = true;
  std::vector<SourceReport> reports{plain};
  mark_plain_http(reports);
  REQUIRE(reports[0].notes.size() == 1);
  CHECK(reports[0].notes[0].code == codes::autoconfig_http_only);
  const auto d = merge(table, reports);
  CHECK(has_note(d.incoming[0], codes::autoconfig_http_only));
  CHECK(d.verdict == Verdict::warning);

  std::vector<SourceReport> both{source(SourceKind::autoconfig, "https://autoconfig.example.test/x",
                                        {server(Proto::imap, "imap.example.test", 993, TlsMode::implicit)}),
                                 plain};
  mark_plain_http(both);
  CHECK(both[1].notes.empty());
  CHECK_FALSE(has_note(merge(table, both).incoming[0], codes::autoconfig_http_only));
}

TEST_CASE("servers are judged by the rules and ordered like recommend", "[discover][merge]")
{
  const std::vector<SourceReport> reports{source(
    SourceKind::autoconfig, "https://a",
    {server(Proto::pop3, "pop.example.test", 995, TlsMode::implicit),
     server(Proto::imap, "imap.example.test", 143, TlsMode::starttls),
     server(Proto::imap, "imap.example.test", 993, TlsMode::implicit)},
    {server(Proto::smtp, "smtp.example.test", 587, TlsMode::implicit)})};
  const auto d = merge(table, reports);
  REQUIRE(d.incoming.size() == 3);
  CHECK(d.incoming[0].server.port == 993);
  CHECK(d.incoming[1].server.port == 995);
  CHECK(d.incoming[2].server.port == 143);
  // Implicit TLS on 587: the engine's error, as check gives it.
  CHECK(d.outgoing[0].check.verdict == Verdict::error);
  CHECK(d.verdict == Verdict::error);
}

TEST_CASE("every discover finding renders from the table with its values", "[discover][merge]")
{
  std::vector<std::string_view> all(std::begin(codes::discover_codes), std::end(codes::discover_codes));
  all.insert(all.end(), std::begin(codes::autoconfig_problem_codes), std::end(codes::autoconfig_problem_codes));
  for (const auto code : all) {
    const auto* def = table.finding(code);
    INFO(code);
    REQUIRE(def != nullptr);
    for (const auto lang : {mailports::core::Lang::en, mailports::core::Lang::ja}) {
      const auto text = render_note(table, *def, Note{code, "VALUE", "OTHER", {}, {}}, lang);
      CHECK(text.find('{') == std::string::npos);
      CHECK(text.find('?') == std::string::npos);
      CHECK(text.find("VALUE") != std::string::npos);
    }
  }
}
