// clientconf/formats/fetchmail: .fetchmailrc read as fetchmail's lexer and
// grammar read it, written with ssl or sslproto and sslcertck always stated.
#include "catch.hpp"

#include "corpus.hpp"

#include "mailports/clientconf/formats/formats.hpp"

using namespace mailports;
using namespace mailports::clientconf;
using mailports::test::CodeLine;

namespace {

const Format& unit = formats::fetchmail;

ReadOptions version(std::string_view text)
{
  ReadOptions options;
  options.version.version = *parse_version(text);
  return options;
}

Parsed read_ok(std::string_view text, const ReadOptions& options = version("6.4.37"))
{
  auto parsed = unit.read(text, options);
  INFO(text);
  REQUIRE(parsed.has_value());
  return std::move(*parsed);
}

SyntaxError read_error(std::string_view text)
{
  auto parsed = unit.read(text, version("6.4.37"));
  INFO(text);
  REQUIRE_FALSE(parsed.has_value());
  return parsed.error();
}

Endpoint endpoint(const Parsed& parsed, std::size_t account = 0)
{
  REQUIRE(parsed.accounts.size() > account);
  REQUIRE(parsed.accounts[account].endpoints.size() == 1);
  return parsed.accounts[account].endpoints[0];
}

bool has_code(const std::vector<ClientFinding>& findings, std::string_view code)
{
  return std::any_of(findings.begin(), findings.end(), [code](const ClientFinding& f) { return f.code == code; });
}

} // namespace

TEST_CASE("fetchmail: the lint corpus gives the expected findings on the expected lines", "[clientconf][fetchmail]")
{
  CHECK(test::check_corpus(unit, version("6.4.37")) >= 9);
}

TEST_CASE("fetchmail: ssl, sslproto and neither decide the TLS mode; the port follows ssl", "[clientconf][fetchmail]")
{
  const auto ssl = endpoint(read_ok("poll pop.example.com proto pop3 user joe ssl\n"));
  CHECK(ssl.proto == core::Proto::pop3);
  CHECK(ssl.tls == core::TlsMode::implicit);
  CHECK(ssl.port == 995);
  CHECK_FALSE(ssl.port_stated);
  CHECK(ssl.host == "pop.example.com");
  CHECK(ssl.setting == "poll");
  CHECK(ssl.where == Location{1, 6});
  CHECK(ssl.user == "joe");

  const auto required = endpoint(read_ok("poll imap.example.com protocol IMAP user joe sslproto tls1.2+\n"));
  CHECK(required.tls == core::TlsMode::starttls);
  CHECK(required.port == 143);

  const auto off = endpoint(read_ok("poll imap.example.com protocol IMAP user joe sslproto ''\n"));
  CHECK(off.tls == core::TlsMode::none);

  const auto neither = endpoint(read_ok("poll imap.example.com protocol IMAP user joe\n"));
  CHECK(neither.tls == core::TlsMode::opportunistic);
  CHECK_FALSE(neither.tls_stated);

  const auto service = endpoint(read_ok("poll h proto imap service imaps user joe ssl\n"));
  CHECK(service.port == 993);
  CHECK(service.port_stated);

  const auto via = endpoint(read_ok("skip label via mail.example.com proto pop3 port 995 user joe ssl\n"));
  CHECK(via.host == "mail.example.com");
  CHECK(via.setting == "via");
  CHECK(via.port == 995);

  // No protocol is `auto`: IMAP first, POP3 on a POP3 port.
  CHECK(endpoint(read_ok("poll h user joe ssl\n")).proto == core::Proto::imap);
  CHECK(endpoint(read_ok("poll h port 995 user joe ssl\n")).proto == core::Proto::pop3);
  // POP2, ETRN, ODMR: not judged.
  CHECK(read_ok("poll h proto etrn\n").accounts.at(0).endpoints.empty());
}

TEST_CASE("fetchmail: defaults apply to the entries after them; entries override", "[clientconf][fetchmail]")
{
  const auto parsed = read_ok("set daemon 300\nset logfile \"poll x\"\n"
                              "defaults proto pop3 user \"joe\" ssl sslcertck\n"
                              "poll a.example\npoll b.example port 110 user bob sslproto tls1.2+\n");
  REQUIRE(parsed.accounts.size() == 2);
  CHECK(endpoint(parsed, 0).tls == core::TlsMode::implicit);
  CHECK(endpoint(parsed, 0).port == 995);
  CHECK(endpoint(parsed, 0).user == "joe");
  CHECK(endpoint(parsed, 1).port == 110);
  CHECK(endpoint(parsed, 1).user == "bob");
  // ssl from the defaults still wins over sslproto: implicit TLS on 110.
  CHECK(endpoint(parsed, 1).tls == core::TlsMode::implicit);
}

TEST_CASE("fetchmail: each client mistake has its code on its line", "[clientconf][fetchmail]")
{
  SECTION("port 995 without ssl")
  {
    const auto e = endpoint(read_ok("poll pop.example.com\n  proto pop3\n  port 995\n  user joe\n"));
    REQUIRE(has_code(e.findings, "fetchmail-port-without-ssl"));
    CHECK(e.findings[0].where == Location{3, 3});
    CHECK(e.findings[0].value == "995");
    CHECK(e.tls == core::TlsMode::opportunistic);
  }
  SECTION("no sslcertck, and fetchmail before 6.4 without sslcertck")
  {
    const auto e = endpoint(read_ok("poll h proto imap port 993 user joe ssl\n  no sslcertck\n"));
    REQUIRE(e.findings.size() == 1);
    CHECK(e.findings[0].code == "fetchmail-certcheck-off");
    CHECK(e.findings[0].where.line == 2);
    const auto old = read_ok("poll h proto imap port 993 user joe ssl\n", version("6.3.26"));
    CHECK(has_code(endpoint(old).findings, "fetchmail-certcheck-off"));
    CHECK(endpoint(read_ok("poll h proto imap port 993 user joe ssl\n")).findings.empty());
  }
  SECTION("ssl with sslproto ''")
  {
    const auto e = endpoint(read_ok("poll h proto pop3 port 995 user joe ssl sslproto ''\n"));
    CHECK(has_code(e.findings, "fetchmail-ssl-sslproto-empty"));
    CHECK(e.tls == core::TlsMode::implicit);
  }
  SECTION("ssl on 110 is what the engine judges")
  {
    CHECK(test::lint_findings(read_ok("poll h proto pop3 port 110 user joe ssl\n"))
          == std::vector<CodeLine>{{"implicit-on-starttls-port", 1}});
  }
}

TEST_CASE("fetchmail: a stored password is a finding that never holds it", "[clientconf][fetchmail]")
{
  const std::string secret = "Tr0ub4dor&3-xyz";
  const auto parsed = read_ok("defaults pass \"" + secret + "-d\"\n"
                              "poll h proto imap port 993\n  user joe there with password \"" + secret +
                              "\" is joe here\n  ssl\n"
                              "poll i proto pop3 port 995 user x pass " + secret + "-u ssl\n"
                              "poll j proto pop3 port 995 esmtppassword " + secret + "-e user x ssl\n");
  REQUIRE(parsed.findings.size() == 1);
  CHECK(parsed.findings[0].code == "config-password-stored");
  CHECK(parsed.findings[0].where.line == 1);
  REQUIRE(parsed.accounts.size() == 3);
  for (std::size_t i = 0; i < 3; ++i) {
    REQUIRE(parsed.accounts[i].findings.size() == 1);
    CHECK(parsed.accounts[i].findings[0].code == "config-password-stored");
  }
  CHECK(parsed.accounts[0].findings[0].where.line == 3);
  CHECK_FALSE(test::contains(test::everything_shown(parsed), secret));
  // `auth password` names a method, not a password.
  CHECK(read_ok("poll h proto imap auth password user joe ssl\n").accounts[0].findings.empty());
}

TEST_CASE("fetchmail: bad input", "[clientconf][fetchmail]")
{
  CHECK(read_error(std::string("poll h\0", 7)).kind == SyntaxError::Kind::binary);
  CHECK(read_error(std::string(k_max_config_bytes + 1, ' ')).kind == SyntaxError::Kind::too_large);
  SECTION("CRLF and a BOM read as the plain file")
  {
    const auto plain = read_ok("poll h\nproto pop3\nport 995\nuser joe\nssl\n");
    const auto crlf = read_ok("\xEF\xBB\xBFpoll h\r\nproto pop3\r\nport 995\r\nuser joe\r\nssl\r\n");
    CHECK(test::lint_findings(plain) == test::lint_findings(crlf));
    CHECK(endpoint(crlf).host == "h");
  }
  SECTION("quotes: across lines, escapes, and one never closed is a character")
  {
    CHECK(endpoint(read_ok("poll h proto imap user \"jo\\x65\" ssl\n")).user == "joe");
    CHECK(endpoint(read_ok("poll h proto imap user 'a\nb' ssl\n")).user == "a\nb");
    const auto parsed = read_ok("poll h proto imap user \"joe\nssl\n");
    CHECK(endpoint(parsed).user == "\"joe");
  }
  SECTION("noise words, punctuation and comments")
  {
    const auto e = endpoint(read_ok("# poll x\npoll h with proto pop3, port 995; # port 110\n"
                                     "  user \"joe\" there has options ssl and wants sslcertck\n"));
    CHECK(e.port == 995);
    CHECK(e.tls == core::TlsMode::implicit);
    CHECK(e.findings.empty());
  }
  SECTION("unknown keywords are skipped")
  {
    CHECK(endpoint(read_ok("poll h proto pop3 port 995 frobnicate user joe ssl fetchall keep\n")).port == 995);
  }
  SECTION("what fetchmail refuses: line:column and the bad token")
  {
    auto e = read_error("poll h proto pop3\n  port 99999\n");
    CHECK(e.kind == SyntaxError::Kind::bad_syntax);
    CHECK(e.where == Location{2, 8});
    CHECK(test::contains(e.detail, "99999"));
    CHECK(read_error("poll h proto smtp\n").where == Location{1, 14});
    CHECK(read_error("user joe\n").where == Location{1, 1});
    CHECK(read_error("poll h proto pop3 ssl user joe\n").where == Location{1, 23});
    CHECK(read_error("poll h proto pop3 user joe port 995\n").where == Location{1, 28});
    CHECK(read_error("poll\n").where.line == 1);
  }
}

TEST_CASE("fetchmail: the writer states protocol, port, TLS and sslcertck, and no password",
          "[clientconf][fetchmail]")
{
  SECTION("POP3 STARTTLS on 110")
  {
    const auto text = unit.write(test::plan_for(core::Proto::pop3, "pop.example.com", 110, core::TlsMode::starttls, unit));
    REQUIRE(text.has_value());
    CHECK(test::contains(*text, "poll \"pop.example.com\"\n    protocol POP3\n    port 110\n"));
    CHECK(test::contains(*text, "    user \"joe\"\n"));
    CHECK(test::contains(*text, "    sslproto tls1.2+\n"));
    CHECK(test::contains(*text, "    sslcertck\n"));
    CHECK(test::contains(*text, "machine pop.example.com login joe password ..."));
    CHECK_FALSE(test::contains(*text, "\n    ssl\n"));
    CHECK_FALSE(test::contains(*text, "    pass"));
  }
  SECTION("IMAP implicit TLS on 993")
  {
    const auto text = unit.write(test::plan_for(core::Proto::imap, "imap.example.com", 993, core::TlsMode::implicit, unit));
    REQUIRE(text.has_value());
    CHECK(test::contains(*text, "    protocol IMAP\n    port 993\n"));
    CHECK(test::contains(*text, "\n    ssl\n"));
    CHECK_FALSE(test::contains(*text, "sslproto"));
  }
  SECTION("before 6.4.0 there is no tls1.2+")
  {
    const auto text = unit.write(test::plan_for(core::Proto::pop3, "h", 110, core::TlsMode::starttls, unit,
                                                core::Lang::en, "6.3.26"));
    CHECK(test::contains(*text, "    sslproto tls1\n"));
    CHECK(test::contains(*text, "# Syntax for fetchmail 6.3.26 (--client-version)."));
  }
  SECTION("Japanese comments")
  {
    auto plan = test::plan_for(core::Proto::pop3, "h", 995, core::TlsMode::implicit, unit, core::Lang::ja);
    plan.incoming[0].warnings.push_back("警告の文");
    const auto text = unit.write(plan);
    CHECK(test::contains(*text, "# 警告の文\npoll \"h\"\n"));
    CHECK(test::contains(*text, "    # 暗黙的 TLS (`ssl`)"));
    CHECK_FALSE(test::contains(*text, "Implicit TLS"));
  }
  SECTION("a quote or backslash in the user name survives")
  {
    auto plan = test::plan_for(core::Proto::imap, "h", 993, core::TlsMode::implicit, unit);
    plan.user = "jo\"e\\x";
    const auto text = unit.write(plan);
    CHECK(endpoint(read_ok(*text)).user == "jo\"e\\x");
  }
  SECTION("no incoming server, nothing to write")
  {
    const auto text = unit.write(test::plan_for(core::Proto::smtp, "h", 465, core::TlsMode::implicit, unit));
    REQUIRE_FALSE(text.has_value());
    CHECK(text.error().kind == WriteError::Kind::needs_incoming);
  }
}

TEST_CASE("fetchmail: what the writer writes reads back as the plan's server, with no client finding",
          "[clientconf][fetchmail]")
{
  const std::tuple<core::Proto, std::uint16_t, core::TlsMode> settings[] = {
    {core::Proto::pop3, 995, core::TlsMode::implicit},
    {core::Proto::pop3, 110, core::TlsMode::starttls},
    {core::Proto::imap, 993, core::TlsMode::implicit},
    {core::Proto::imap, 143, core::TlsMode::starttls}};
  for (const auto* v : {"6.4.37", "6.3.26"}) {
    for (const auto lang : {core::Lang::en, core::Lang::ja}) {
      for (const auto& [proto, port, tls] : settings) {
        INFO(port << " " << v);
        const auto text = unit.write(test::plan_for(proto, "mail.example.com", port, tls, unit, lang, v));
        REQUIRE(text.has_value());
        const auto parsed = read_ok(*text, version(v));
        const auto e = endpoint(parsed);
        CHECK(e.proto == proto);
        CHECK(e.host == "mail.example.com");
        CHECK(e.port == port);
        CHECK(e.port_stated);
        CHECK(e.tls == tls);
        CHECK(e.user == "joe");
        CHECK(e.findings.empty());
        CHECK(parsed.accounts[0].findings.empty());
        CHECK(judge(rules::builtin_table(), parsed).verdict != core::Verdict::error);
      }
    }
  }
}

TEST_CASE("fetchmail: file names and content say fetchmail", "[clientconf][fetchmail]")
{
  CHECK(detect_format("/home/joe/.fetchmailrc", "") == &unit);
  CHECK(detect_format("fetchmailrc", "") == &unit);
  CHECK(unit.sniff("poll pop.example.com proto pop3 user joe\n") > 0);
  CHECK(unit.sniff("account a\nhost h\n") == 0);
}
