// clientconf/formats/neomutt: muttrc/neomuttrc, read for lint and written by config.
#include "catch.hpp"

#include "client_format_support.hpp"

#include <algorithm>
#include <string>

using namespace mailports;
using namespace mailports::clientconf;
using test::all_findings;
using test::codes_of;
using test::everything_shown;

namespace {

const Format& format()
{
  const auto* f = find_format("neomutt");
  REQUIRE(f != nullptr);
  return *f;
}

Parsed read_ok(std::string_view text)
{
  auto result = format().read(text, {});
  if (!result) {
    FAIL("syntax error: " << result.error().detail << " at " << result.error().where.line);
  }
  return *result;
}

const Endpoint& endpoint(const Parsed& parsed, core::Proto proto)
{
  REQUIRE(parsed.accounts.size() == 1);
  const auto& endpoints = parsed.accounts[0].endpoints;
  const auto it = std::find_if(endpoints.begin(), endpoints.end(), [&](const Endpoint& e) { return e.proto == proto; });
  REQUIRE(it != endpoints.end());
  return *it;
}

WritePlan plan(core::TlsMode smtp_tls = core::TlsMode::implicit, std::uint16_t smtp_port = 465)
{
  WritePlan p;
  p.account = "work";
  p.user = "taro@example.com";
  p.address = "taro@example.com";
  p.generator = "mailports test";
  p.version.version = *parse_version("20220429");
  p.version.origin = VersionChoice::Origin::installed;
  p.outgoing.push_back(WriteServer{core::Proto::smtp, "smtp.example.com", smtp_port, smtp_tls, {}});
  p.incoming.push_back(WriteServer{core::Proto::imap, "imap.example.com", 993, core::TlsMode::implicit, {}});
  return p;
}

bool has(std::string_view text, std::string_view part)
{
  return text.find(part) != std::string_view::npos;
}

} // namespace

TEST_CASE("neomutt: the writer always writes the port, TLS settings and no password", "[clientconf][neomutt]")
{
  const auto text = format().write(plan());
  REQUIRE(text.has_value());
  INFO(*text);
  CHECK(has(*text, "\nset smtp_url = 'smtps://taro%40example.com@smtp.example.com:465/'\n"));
  CHECK(has(*text, "\nset folder = 'imaps://taro%40example.com@imap.example.com:993/'\n"));
  CHECK(has(*text, "\nset spoolfile = '+INBOX'\n"));
  CHECK(has(*text, "\nset ssl_force_tls = yes\nset ssl_starttls = yes\nset ssl_verify_host = yes\n"));
  CHECK(has(*text, "\n# set smtp_pass = \"`secret-tool lookup host 'smtp.example.com' user 'taro@example.com'`\"\n"));
  CHECK(has(*text, "\nset from = 'taro@example.com'\n"));

  const auto starttls = format().write(plan(core::TlsMode::starttls, 587));
  REQUIRE(starttls.has_value());
  CHECK(has(*starttls, "set smtp_url = 'smtp://taro%40example.com@smtp.example.com:587/'\n"));

  auto pop = plan();
  pop.incoming.front() = WriteServer{core::Proto::pop3, "pop.example.com", 995, core::TlsMode::implicit, {}};
  const auto pop_text = format().write(pop);
  REQUIRE(pop_text.has_value());
  CHECK(has(*pop_text, "\nset spoolfile = 'pops://taro%40example.com@pop.example.com:995/'\n"));

  auto no_user = plan();
  no_user.user.clear();
  const auto anonymous = format().write(no_user);
  REQUIRE(anonymous.has_value());
  CHECK(has(*anonymous, "\nset smtp_url = 'smtps://smtp.example.com:465/'\n"));
  CHECK(has(*anonymous, "# No login name was given"));

  auto no_smtp = plan();
  no_smtp.outgoing.clear();
  REQUIRE_FALSE(format().write(no_smtp).has_value());
  CHECK(format().write(no_smtp).error().kind == WriteError::Kind::needs_outgoing);
}

TEST_CASE("neomutt: comments follow the plan's language; warnings sit above their server", "[clientconf][neomutt]")
{
  auto p = plan();
  p.lang = core::Lang::ja;
  p.outgoing.front().warnings.push_back("注意: テスト");
  const auto text = format().write(p);
  REQUIRE(text.has_value());
  INFO(*text);
  CHECK(has(*text, "# 注意: テスト\n# 送信: ポート 465 に 暗黙的 TLS で接続します"));
  CHECK(has(*text, "パスワードは書いていません"));
  CHECK_FALSE(has(*text, "No password is written"));
}

TEST_CASE("neomutt: generate then read gives the plan's servers back, with no error", "[clientconf][neomutt]")
{
  struct Case {
    core::TlsMode tls;
    std::uint16_t port;
  };
  for (const auto c : {Case{core::TlsMode::implicit, 465}, Case{core::TlsMode::starttls, 587}}) {
    auto p = plan(c.tls, c.port);
    p.user = "o'brien@example.com";
    const auto text = format().write(p);
    REQUIRE(text.has_value());
    INFO(*text);
    const auto parsed = read_ok(*text);
    const auto& smtp = endpoint(parsed, core::Proto::smtp);
    CHECK(smtp.host == "smtp.example.com");
    CHECK(smtp.port == c.port);
    CHECK(smtp.port_stated);
    CHECK(smtp.tls == c.tls);
    CHECK(smtp.user == p.user);
    CHECK(smtp.setting == "smtp_url");
    const auto& imap = endpoint(parsed, core::Proto::imap);
    CHECK(imap.host == "imap.example.com");
    CHECK(imap.port == 993);
    CHECK(imap.tls == core::TlsMode::implicit);
    CHECK(parsed.accounts[0].endpoints.size() == 2);
    CHECK(codes_of(parsed).count("neomutt-smtp-port-default") == 0);
    CHECK(parsed.accounts[0].findings.empty());
    CHECK(parsed.findings.empty());
    CHECK(judge(rules::builtin_table(), parsed).verdict != core::Verdict::error);
  }
}

TEST_CASE("neomutt: URLs and TLS switches read as NeoMutt reads them", "[clientconf][neomutt]")
{
  // No port: the system's default for the scheme; smtp:// is 25.
  auto parsed = read_ok("set smtp_url=smtp://h/ folder=imaps://u@i/\n");
  CHECK(endpoint(parsed, core::Proto::smtp).port == 25);
  CHECK_FALSE(endpoint(parsed, core::Proto::smtp).port_stated);
  CHECK(endpoint(parsed, core::Proto::smtp).tls == core::TlsMode::starttls); // ssl_force_tls defaults to yes
  CHECK(endpoint(parsed, core::Proto::imap).port == 993);
  CHECK(endpoint(parsed, core::Proto::imap).user == "u");
  CHECK(all_findings(parsed).count({"neomutt-smtp-port-default", 1}) == 1);

  parsed = read_ok("set nossl_force_tls\nset smtp_url = 'smtp://h:587'\n");
  CHECK(endpoint(parsed, core::Proto::smtp).tls == core::TlsMode::opportunistic);
  parsed = read_ok("unset ssl_force_tls ssl_starttls\nset smtp_url = \"smtp://h:587\"\n");
  CHECK(endpoint(parsed, core::Proto::smtp).tls == core::TlsMode::none);
  parsed = read_ok("set ssl_force_tls=no\nset ssl_starttls=no ; set ssl_force_tls\nset smtp_url = smtp://h:587\n");
  CHECK(endpoint(parsed, core::Proto::smtp).tls == core::TlsMode::starttls);
  CHECK(all_findings(parsed).count({"neomutt-starttls-overridden", 2}) == 1);

  // The last setting wins; a local folder is no server; pop:// is POP3.
  parsed = read_ok("set folder = imaps://a/\nset folder = ~/Mail\nset spool_file = pops://p/\n"
                   "set smtp_url = smtps://s/ # comment\n");
  CHECK(parsed.accounts.at(0).endpoints.size() == 2);
  CHECK(endpoint(parsed, core::Proto::pop3).port == 995);
  CHECK(endpoint(parsed, core::Proto::pop3).where == Location{3, 5});
  CHECK(endpoint(parsed, core::Proto::smtp).port == 465);

  // A continued line is one command.
  parsed = read_ok("set smtp_url = \\\n  smtps://s:465/\n");
  CHECK(endpoint(parsed, core::Proto::smtp).where.line == 1);
  // IPv6 and an encoded user.
  parsed = read_ok("set smtp_url = 'smtps://a%40b@[2001:db8::1]:465/'\n");
  CHECK(endpoint(parsed, core::Proto::smtp).host == "[2001:db8::1]");
  CHECK(endpoint(parsed, core::Proto::smtp).user == "a@b");
}

TEST_CASE("neomutt: each mistake has its finding and line", "[clientconf][neomutt]")
{
  CHECK(all_findings(read_ok("set ssl_verify_host = no\n")).count({"neomutt-cert-check-off", 1}) == 1);
  CHECK(all_findings(read_ok("\nunset ssl_verify_dates\n")).count({"neomutt-cert-check-off", 2}) == 1);
  CHECK(all_findings(read_ok("set ssl_verify_host = yes\n")).empty());
  CHECK(all_findings(read_ok("source ~/.muttrc.local\n")).count({"config-include-not-followed", 1}) == 1);
  const auto starttls_465 = read_ok("set smtp_url = 'smtp://h:465/'\n");
  CHECK(judge(rules::builtin_table(), starttls_465).verdict == core::Verdict::error);
}

TEST_CASE("neomutt: a stored password is reported and never shown", "[clientconf][neomutt]")
{
  const std::string secret = "Pa55-w0rd-xyz";
  const auto parsed = read_ok("set smtp_pass = '" + secret + "'\nset imap_pass=" + secret
                              + "\nset folder = imaps://me:" + secret + "@imap.example.com/\n"
                              + "account-hook . 'set pop_pass=\"" + secret + "\"'\n"
                              + "set smtp_pass = \"`pass show " + secret + "`\"\n");
  const auto found = all_findings(parsed);
  CHECK(found.count({"config-password-stored", 1}) == 1);
  CHECK(found.count({"config-password-stored", 2}) == 1);
  CHECK(found.count({"config-password-stored", 3}) == 1);
  CHECK(found.count({"config-password-stored", 4}) == 1);
  CHECK(found.count({"config-password-stored", 5}) == 0); // a command, not a password
  CHECK_FALSE(has(everything_shown(parsed), secret));
}

TEST_CASE("neomutt: bad input", "[clientconf][neomutt]")
{
  CHECK(format().read(std::string("set a\0", 6), {}).error().kind == SyntaxError::Kind::binary);
  CHECK(format().read(std::string(k_max_config_bytes + 1, ' '), {}).error().kind == SyntaxError::Kind::too_large);
  // NeoMutt reads an unclosed quote to the end of the line: a warning, not an error.
  const auto parsed = read_ok("set smtp_url = \"smtps://h:465/\nset from = x\n");
  CHECK(endpoint(parsed, core::Proto::smtp).port == 465);
  CHECK(all_findings(parsed).count({"neomutt-unterminated-quote", 1}) == 1);
  // CRLF, a BOM, unknown commands and variables.
  const auto crlf = read_ok("\xEF\xBB\xBFset frobnicate = 1\r\nmy_hdr X-Foo: bar\r\nset smtp_url = smtps://h:465/\r\n");
  CHECK(endpoint(crlf, core::Proto::smtp).host == "h");
  CHECK(all_findings(crlf).empty());
  // Nothing to connect to: no account.
  CHECK(read_ok("# only a comment\n").accounts.empty());
  CHECK(read_ok("set smtp_url = smtps://h:99999/\n").accounts.empty());
}

TEST_CASE("neomutt: file names and content pick the format", "[clientconf][neomutt]")
{
  CHECK(detect_format("/home/u/.muttrc", "") == &format());
  CHECK(detect_format("work.muttrc", "") == &format());
  CHECK(detect_format("neomuttrc", "") == &format());
  CHECK(detect_format("x.conf", "set smtp_url = \"smtps://h\"\nset folder = \"imaps://h\"\n") == &format());
  CHECK(format().sniff("IMAPAccount a\nHost h\n") == 0);
}

TEST_CASE("neomutt: the lint corpus has the expected findings", "[clientconf][neomutt]")
{
  test::check_lint_corpus(format(), "neomutt", ".muttrc", {}, 10);
}
