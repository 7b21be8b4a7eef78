// clientconf/formats/msmtp: msmtprc read as msmtp reads it, written so that
// nothing is left to msmtp's defaults and no password is in it.
#include "catch.hpp"

#include "corpus.hpp"

#include "mailports/clientconf/formats/formats.hpp"

using namespace mailports;
using namespace mailports::clientconf;
using mailports::test::CodeLine;

namespace {

const Format& unit = formats::msmtp;

Parsed read_ok(std::string_view text)
{
  auto parsed = unit.read(text, ReadOptions{});
  INFO(text);
  REQUIRE(parsed.has_value());
  return std::move(*parsed);
}

SyntaxError read_error(std::string_view text)
{
  auto parsed = unit.read(text, ReadOptions{});
  INFO(text);
  REQUIRE_FALSE(parsed.has_value());
  return parsed.error();
}

Endpoint only_endpoint(const Parsed& parsed, std::string_view account)
{
  const auto found = std::find_if(parsed.accounts.begin(), parsed.accounts.end(),
                                  [account](const Account& a) { return a.name == account; });
  REQUIRE(found != parsed.accounts.end());
  REQUIRE(found->endpoints.size() == 1);
  return found->endpoints.front();
}

bool has_code(const std::vector<ClientFinding>& findings, std::string_view code)
{
  return std::any_of(findings.begin(), findings.end(), [code](const ClientFinding& f) { return f.code == code; });
}

} // namespace

TEST_CASE("msmtp: the lint corpus gives the expected findings on the expected lines", "[clientconf][msmtp]")
{
  CHECK(test::check_corpus(unit, ReadOptions{}) >= 10);
}

TEST_CASE("msmtp: a missing port is 25, or 465 for TLS without STARTTLS", "[clientconf][msmtp]")
{
  const auto parsed = read_ok("account a\nhost smtp.example.com\ntls on\n\n"
                              "account b\nhost smtp.example.com\ntls on\ntls_starttls off\n");
  const auto a = only_endpoint(parsed, "a");
  CHECK(a.port == 25);
  CHECK_FALSE(a.port_stated);
  CHECK(a.tls == core::TlsMode::starttls);
  CHECK(a.host == "smtp.example.com");
  CHECK(a.setting == "host");
  CHECK(a.where == Location{2, 1});
  REQUIRE(has_code(a.findings, "msmtp-port-default"));
  CHECK(a.findings.front().value == "25");
  const auto b = only_endpoint(parsed, "b");
  CHECK(b.port == 465);
  CHECK(b.tls == core::TlsMode::implicit);
  CHECK_FALSE(has_code(b.findings, "msmtp-port-default"));
}

TEST_CASE("msmtp: defaults fill later accounts; `account X : B` takes what B states itself", "[clientconf][msmtp]")
{
  const auto parsed = read_ok("account early\nhost early.example\n"
                              "defaults\nport 587\ntls on\ntimeout 10\n"
                              "account base\nhost smtp.example.com\nport 465\ntls_starttls off\nuser joe\n"
                              "defaults\nport 2525\n"
                              "account child : base\n"
                              "account plain\nhost other.example\n");
  const auto early = only_endpoint(parsed, "early"); // before the defaults: msmtp's own
  CHECK(early.port == 25);
  CHECK(early.tls == core::TlsMode::none);
  CHECK_FALSE(early.tls_stated);
  CHECK(has_code(early.findings, "msmtp-tls-default"));
  const auto child = only_endpoint(parsed, "child");
  CHECK(child.host == "smtp.example.com");
  CHECK(child.port == 465);
  CHECK(child.tls == core::TlsMode::implicit);
  CHECK(child.user == "joe");
  CHECK(child.where.line == 8); // the line that named the host, in base
  CHECK_FALSE(has_code(child.findings, "msmtp-timeout-unset"));
  const auto plain = only_endpoint(parsed, "plain");
  CHECK(plain.port == 2525); // the defaults as they were when the account began
  CHECK(plain.port_stated);
  CHECK(plain.tls == core::TlsMode::starttls);
}

TEST_CASE("msmtp: settings before any account form the account \"default\"", "[clientconf][msmtp]")
{
  const auto parsed = read_ok("host mail.example\nport 587\ntls on\ntimeout 30\n");
  REQUIRE(parsed.accounts.size() == 1);
  CHECK(parsed.accounts[0].name == "default");
  CHECK(parsed.accounts[0].endpoints[0].port == 587);
  CHECK(parsed.accounts[0].endpoints[0].findings.empty());
}

TEST_CASE("msmtp: each client mistake has its code on its line", "[clientconf][msmtp]")
{
  SECTION("no timeout, and timeout off")
  {
    const auto parsed = read_ok("account a\nhost h\nport 465\ntls on\n\naccount b\nhost h\nport 587\ntls on\ntimeout off\n");
    const auto a = only_endpoint(parsed, "a");
    REQUIRE(has_code(a.findings, "msmtp-timeout-unset"));
    CHECK(a.findings.back().where.line == 1);
    const auto b = only_endpoint(parsed, "b");
    REQUIRE(b.findings.size() == 1);
    CHECK(b.findings[0].code == "msmtp-timeout-unset");
    CHECK(b.findings[0].where.line == 10);
  }
  SECTION("tls_certcheck off")
  {
    const auto parsed = read_ok("account a\nhost h\nport 587\ntls on\ntimeout 5\n  tls_certcheck off\n");
    const auto a = only_endpoint(parsed, "a");
    REQUIRE(a.findings.size() == 1);
    CHECK(a.findings[0].code == "msmtp-certcheck-off");
    CHECK(a.findings[0].where == Location{6, 3});
  }
  SECTION("an empty tls_trust_file, unless a fingerprint is pinned")
  {
    const auto empty = read_ok("account a\nhost h\nport 587\ntls on\ntimeout 5\ntls_trust_file\n");
    CHECK(has_code(only_endpoint(empty, "a").findings, "msmtp-trust-file-empty"));
    const auto pinned = read_ok("account a\nhost h\nport 587\ntls on\ntimeout 5\ntls_trust_file \"\"\n"
                                "tls_fingerprint 00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF:00:11:22:33\n");
    CHECK(only_endpoint(pinned, "a").findings.empty());
  }
  SECTION("tls off is cleartext, stated")
  {
    const auto a = only_endpoint(read_ok("account a\nhost h\nport 587\ntls off\ntimeout 5\n"), "a");
    CHECK(a.tls == core::TlsMode::none);
    CHECK(a.tls_stated);
    CHECK(a.findings.empty()); // the engine's cleartext-credentials says it
  }
  SECTION("STARTTLS on 465 is what the engine judges")
  {
    const auto parsed = read_ok("account a\nhost h\nport 465\ntls on\ntimeout 5\n");
    const auto found = test::lint_findings(parsed);
    CHECK(found == std::vector<CodeLine>{{"starttls-on-implicit-port", 2}});
  }
}

TEST_CASE("msmtp: a stored password is a finding that never holds it", "[clientconf][msmtp]")
{
  const std::string secret = "s3cr3t-Pa55word";
  const auto parsed = read_ok("defaults\ntls on\n\naccount a\nhost h\nport 465\ntls_starttls off\nuser joe\n"
                              "password \"" + secret + "\"\ntimeout 10\n"
                              "account b : a\n");
  for (const auto* name : {"a", "b"}) {
    const auto account = std::find_if(parsed.accounts.begin(), parsed.accounts.end(),
                                      [name](const Account& x) { return x.name == name; });
    REQUIRE(account != parsed.accounts.end());
    REQUIRE(account->findings.size() == 1);
    CHECK(account->findings[0].code == "config-password-stored");
    CHECK(account->findings[0].where.line == 9);
  }
  CHECK_FALSE(test::contains(test::everything_shown(parsed), secret));
  // An empty `password` unsets it; passwordeval is the right way.
  CHECK(read_ok("account a\nhost h\npassword\npasswordeval pass show x\n").accounts[0].findings.empty());
}

TEST_CASE("msmtp: bad input", "[clientconf][msmtp]")
{
  CHECK(read_error(std::string("account a\nhost h\0\n", 18)).kind == SyntaxError::Kind::binary);
  CHECK(read_error(std::string(k_max_config_bytes + 1, '#')).kind == SyntaxError::Kind::too_large);
  SECTION("CRLF and a BOM read as the plain file")
  {
    const auto plain = read_ok("account a\nhost h\nport 587\ntls on\n");
    const auto crlf = read_ok("\xEF\xBB\xBF" "account a\r\nhost h\r\nport 587\r\ntls on\r\n");
    CHECK(test::lint_findings(plain) == test::lint_findings(crlf));
    CHECK(only_endpoint(crlf, "a").host == "h");
  }
  SECTION("an unmatched quote is text to msmtp, and a trailing # is not a comment")
  {
    const auto parsed = read_ok("account a\nhost \"smtp.example.com\nuser joe # me\n");
    CHECK(only_endpoint(parsed, "a").host == "\"smtp.example.com");
    CHECK(only_endpoint(parsed, "a").user == "joe # me");
  }
  SECTION("eval is reported, never run, and its command not shown")
  {
    const auto parsed = read_ok("account a\neval pass show smtp-host\n");
    REQUIRE(parsed.findings.size() == 1);
    CHECK(parsed.findings[0].code == "config-include-not-followed");
    CHECK(parsed.findings[0].where.line == 2);
    CHECK_FALSE(test::contains(test::everything_shown(parsed), "smtp-host"));
  }
  SECTION("unknown commands are ignored")
  {
    CHECK(only_endpoint(read_ok("account a\nfrobnicate yes\nhost h\nport 587\ntls on\ntimeout 9\n"), "a")
            .findings.empty());
  }
  SECTION("what msmtp refuses: line:column and the bad value")
  {
    auto e = read_error("account a\nhost h\nport 99999\n");
    CHECK(e.kind == SyntaxError::Kind::bad_syntax);
    CHECK(e.where == Location{3, 1});
    CHECK(test::contains(e.detail, "99999"));
    CHECK(read_error("account a\naccount a\n").where.line == 2);
    CHECK(test::contains(read_error("account a : nowhere\n").detail, "nowhere"));
    CHECK(read_error("account a,b\n").where.line == 1);
    CHECK(read_error("defaults x\n").where.line == 1);
    CHECK(read_error("account a\ntls maybe\n").where.line == 2);
    CHECK(read_error("account a\ntimeout soon\n").where.line == 2);
    CHECK(read_error("account a\nhost\n").where.line == 2);
    const auto long_line = read_error("account a\nfrom " + std::string(600, 'x') + "\n");
    CHECK(long_line.where.line == 2);
    CHECK(long_line.detail.size() < 100);
  }
}

TEST_CASE("msmtp: the writer states port, TLS, verification and timeout, and no password", "[clientconf][msmtp]")
{
  SECTION("STARTTLS on 587")
  {
    const auto text = unit.write(test::plan_for(core::Proto::smtp, "smtp.example.com", 587, core::TlsMode::starttls, unit));
    REQUIRE(text.has_value());
    for (const auto* line : {"account work\n", "host smtp.example.com\n", "port 587\n", "tls on\n",
                             "tls_starttls on\n", "tls_certcheck on\n", "tls_trust_file system\n", "timeout 30\n",
                             "auth on\n", "user joe\n", "from joe@example.com\n", "account default : work\n"}) {
      CHECK(test::contains(*text, line));
    }
    CHECK(test::contains(*text, "\npasswordeval \"secret-tool lookup host 'smtp.example.com' service smtp user 'joe'\"\n"));
    CHECK_FALSE(test::contains(*text, "\npassword "));
    CHECK(test::contains(*text, "# Syntax for msmtp 1.8.28"));
  }
  SECTION("implicit TLS on 465")
  {
    const auto text = unit.write(test::plan_for(core::Proto::smtp, "smtp.example.com", 465, core::TlsMode::implicit, unit));
    REQUIRE(text.has_value());
    CHECK(test::contains(*text, "port 465\n"));
    CHECK(test::contains(*text, "tls on\ntls_starttls off\n"));
  }
  SECTION("before 1.8.3, a CA file instead of \"system\"")
  {
    const auto text = unit.write(test::plan_for(core::Proto::smtp, "h", 465, core::TlsMode::implicit, unit,
                                                core::Lang::en, "1.8.2"));
    REQUIRE(text.has_value());
    CHECK(test::contains(*text, "\ntls_trust_file /etc/ssl/certs/ca-certificates.crt\n"));
    CHECK_FALSE(test::contains(*text, "tls_trust_file system"));
  }
  SECTION("forced cleartext says so")
  {
    const auto text = unit.write(test::plan_for(core::Proto::smtp, "h", 587, core::TlsMode::none, unit));
    CHECK(test::contains(*text, "tls off\n"));
    CHECK(test::contains(*text, "# No TLS"));
  }
  SECTION("Japanese comments, the version asked for")
  {
    auto plan = test::plan_for(core::Proto::smtp, "smtp.example.com", 587, core::TlsMode::starttls, unit,
                               core::Lang::ja, "1.8.23");
    plan.outgoing[0].warnings.push_back("警告の文");
    const auto text = unit.write(plan);
    REQUIRE(text.has_value());
    CHECK(test::contains(*text, "# msmtp 1.8.23 の書式です (--client-version で指定)。"));
    CHECK(test::contains(*text, "# 警告の文\nhost smtp.example.com\n"));
    CHECK(test::contains(*text, "# STARTTLS (必須)"));
    CHECK_FALSE(test::contains(*text, "# STARTTLS, required"));
  }
  SECTION("a quote or blank in a value cannot break the file or the password command")
  {
    auto plan = test::plan_for(core::Proto::smtp, "h", 587, core::TlsMode::starttls, unit);
    plan.user = "o'brien ";
    plan.account = "my:acct";
    const auto text = unit.write(plan);
    REQUIRE(text.has_value());
    CHECK(test::contains(*text, "account my_acct\n"));
    CHECK(test::contains(*text, "user \"o'brien \"\n"));
    CHECK(test::contains(*text, "user 'o'\\''brien '\"\n"));
    CHECK(only_endpoint(read_ok(*text), "my_acct").user == "o'brien ");
  }
  SECTION("no SMTP server, nothing to write")
  {
    auto plan = test::plan_for(core::Proto::imap, "imap.example.com", 993, core::TlsMode::implicit, unit);
    const auto text = unit.write(plan);
    REQUIRE_FALSE(text.has_value());
    CHECK(text.error().kind == WriteError::Kind::needs_outgoing);
  }
}

TEST_CASE("msmtp: what the writer writes reads back as the plan's server, with no warning", "[clientconf][msmtp]")
{
  const std::pair<std::uint16_t, core::TlsMode> settings[] = {
    {465, core::TlsMode::implicit}, {587, core::TlsMode::starttls}, {2525, core::TlsMode::starttls}};
  for (const auto lang : {core::Lang::en, core::Lang::ja}) {
    for (const auto& [port, tls] : settings) {
      INFO(port);
      const auto text = unit.write(test::plan_for(core::Proto::smtp, "smtp.example.com", port, tls, unit, lang));
      REQUIRE(text.has_value());
      const auto parsed = read_ok(*text);
      REQUIRE(parsed.accounts.size() == 2); // "work" and "default : work"
      for (const auto& account : parsed.accounts) {
        const auto& e = account.endpoints.at(0);
        CHECK(e.host == "smtp.example.com");
        CHECK(e.port == port);
        CHECK(e.port_stated);
        CHECK(e.tls == tls);
        CHECK(e.user == "joe");
        CHECK(e.findings.empty());
        CHECK(account.findings.empty());
      }
      const auto judged = judge(rules::builtin_table(), parsed);
      CHECK(judged.verdict != core::Verdict::error);
    }
  }
}

TEST_CASE("msmtp: file names and content say msmtp", "[clientconf][msmtp]")
{
  CHECK(detect_format("/home/joe/.msmtprc", "") == &unit);
  CHECK(detect_format("msmtprc", "") == &unit);
  CHECK(detect_format("work.msmtprc", "") == &unit);
  CHECK(unit.sniff("account a\nhost h\ntls_starttls off\n") > 0);
  CHECK(unit.sniff("poll pop.example.com proto pop3\n") == 0);
  CHECK(unit.sniff(std::string("\0\0", 2)) == 0);
}
