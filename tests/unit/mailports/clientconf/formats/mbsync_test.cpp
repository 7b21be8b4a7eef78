// clientconf/formats/mbsync: isync's mbsyncrc, read for lint and written by config.
#include "catch.hpp"

#include "client_format_support.hpp"

#include <mailports/clientconf/format.hpp>
#include <mailports/clientconf/lint.hpp>
#include <mailports/rules/builtin.hpp>

#include <algorithm>
#include <set>
#include <string>

using namespace mailports;
using namespace mailports::clientconf;

namespace {

const Format& format()
{
  const auto* f = find_format("mbsync");
  REQUIRE(f != nullptr);
  return *f;
}

ReadOptions version(std::string_view text)
{
  ReadOptions options;
  options.version.version = *parse_version(text);
  options.version.origin = VersionChoice::Origin::option;
  return options;
}

Parsed read_ok(std::string_view text, std::string_view v = "1.4.4")
{
  auto result = format().read(text, version(v));
  if (!result) {
    FAIL("syntax error: " << result.error().detail << " at " << result.error().where.line);
  }
  return *result;
}

WritePlan plan(std::string_view client_version, core::TlsMode tls = core::TlsMode::implicit,
               std::uint16_t port = 993)
{
  WritePlan p;
  p.account = "work";
  p.user = "taro@example.com";
  p.generator = "mailports test";
  p.version.version = *parse_version(client_version);
  p.version.origin = VersionChoice::Origin::option;
  p.incoming.push_back(WriteServer{core::Proto::imap, "imap.example.com", port, tls, {}});
  p.outgoing.push_back(WriteServer{core::Proto::smtp, "smtp.example.com", 465, core::TlsMode::implicit, {}});
  return p;
}

bool has(std::string_view text, std::string_view part)
{
  return text.find(part) != std::string_view::npos;
}

} // namespace

using test::all_findings;
using test::codes_of;
using test::everything_shown;

TEST_CASE("mbsync: the writer picks SSLType or TLSType by isync version", "[clientconf][mbsync]")
{
  const auto old = format().write(plan("1.4.4"));
  REQUIRE(old.has_value());
  INFO(*old);
  CHECK(has(*old, "\nIMAPAccount work\nHost imap.example.com\nPort 993\nUser taro@example.com\n"));
  CHECK(has(*old, "\nSSLType IMAPS\n"));
  CHECK(has(*old, "\nSSLVersions TLSv1.2 TLSv1.3\n"));
  CHECK_FALSE(has(*old, "TLSType"));
  CHECK(has(*old, "\nPassCmd \"secret-tool lookup host 'imap.example.com' user 'taro@example.com'\"\n"));
  CHECK(has(*old, "\nFar :work-remote:\nNear :work-local:\n"));
  CHECK_FALSE(has(*old, "\nPass "));

  const auto current = format().write(plan("1.5.1"));
  REQUIRE(current.has_value());
  CHECK(has(*current, "\nTLSType IMAPS\n"));
  CHECK_FALSE(has(*current, "SSLType"));
  CHECK_FALSE(has(*current, "SSLVersions"));

  const auto ancient = format().write(plan("1.3.0", core::TlsMode::starttls, 143));
  REQUIRE(ancient.has_value());
  CHECK(has(*ancient, "\nSSLType STARTTLS\n"));
  CHECK(has(*ancient, "\nSSLVersions TLSv1.2\n"));
  CHECK(has(*ancient, "\nMaster :work-remote:\nSlave :work-local:\n"));
}

TEST_CASE("mbsync: the writer comments in the plan's language, and each warning above its server",
          "[clientconf][mbsync]")
{
  auto p = plan("1.4.4");
  p.incoming.front().warnings.push_back("a warning\non two lines");
  p.lang = core::Lang::ja;
  const auto text = format().write(p);
  REQUIRE(text.has_value());
  INFO(*text);
  CHECK(has(*text, "# a warning\n# on two lines\nHost imap.example.com\n"));
  CHECK(has(*text, "パスワード"));
  CHECK_FALSE(has(*text, "mbsync runs this command"));
  // Every line is a comment, blank or a setting: no untranslated English comment.
  std::size_t pos = 0;
  while (pos < text->size()) {
    const auto end = text->find('\n', pos);
    const auto line = std::string_view(*text).substr(pos, end - pos);
    if (line.starts_with("# ") && line.find("mailports") == std::string_view::npos
        && line.find("secret-tool") == std::string_view::npos && line.find("User LOGIN") == std::string_view::npos
        && line.find("a warning") == std::string_view::npos && line.find("two lines") == std::string_view::npos) {
      const bool ascii_only = std::all_of(line.begin(), line.end(), [](char c) { return (c & 0x80) == 0; });
      CHECK_FALSE(ascii_only);
    }
    pos = end + 1;
  }
}

TEST_CASE("mbsync: no IMAP server, no config; a missing user is said, not invented", "[clientconf][mbsync]")
{
  auto p = plan("1.4.4");
  p.incoming.front().proto = core::Proto::pop3;
  const auto refused = format().write(p);
  REQUIRE_FALSE(refused.has_value());
  CHECK(refused.error().kind == WriteError::Kind::needs_imap);

  auto nouser = plan("1.4.4");
  nouser.user.clear();
  nouser.account = "my work; rm -rf";
  const auto text = format().write(nouser);
  REQUIRE(text.has_value());
  CHECK(has(*text, "\n# User LOGIN\n"));
  CHECK(has(*text, "IMAPAccount my-work--rm--rf\n"));
  const auto parsed = read_ok(*text);
  REQUIRE(parsed.accounts.size() == 1);
  CHECK(parsed.accounts[0].endpoints[0].user.empty());
}

TEST_CASE("mbsync: generate then read gives the plan's server back, with no error", "[clientconf][mbsync]")
{
  for (const auto* v : {"1.3.0", "1.4.4", "1.5.1"}) {
    for (const auto tls : {core::TlsMode::implicit, core::TlsMode::starttls}) {
      const std::uint16_t port = tls == core::TlsMode::implicit ? 993 : 143;
      auto p = plan(v, tls, port);
      p.user = "user with \"quotes\" and \\";
      const auto text = format().write(p);
      REQUIRE(text.has_value());
      const auto parsed = read_ok(*text, v);
      INFO(v << "\n" << *text);
      REQUIRE(parsed.accounts.size() == 1);
      CHECK(parsed.accounts[0].name == "work");
      REQUIRE(parsed.accounts[0].endpoints.size() == 1);
      const auto& e = parsed.accounts[0].endpoints[0];
      CHECK(e.proto == core::Proto::imap);
      CHECK(e.host == "imap.example.com");
      CHECK(e.port == port);
      CHECK(e.port_stated);
      CHECK(e.tls == tls);
      CHECK(e.tls_stated);
      CHECK(e.user == p.user);
      CHECK(e.findings.empty());
      CHECK(parsed.accounts[0].findings.empty());
      // 993 is the recommended setting; 143 with STARTTLS may draw a warning, never an error.
      const auto judged = judge(rules::builtin_table(), parsed);
      CHECK(judged.verdict == (tls == core::TlsMode::implicit ? core::Verdict::ok : judged.verdict));
      CHECK(judged.verdict != core::Verdict::error);
    }
  }
}

TEST_CASE("mbsync: defaults are isync's: STARTTLS, port 143, or 993 for IMAPS", "[clientconf][mbsync]")
{
  auto parsed = read_ok("IMAPAccount a\nHost mail.example.com\nUser u\n");
  REQUIRE(parsed.accounts.size() == 1);
  auto e = parsed.accounts[0].endpoints.at(0);
  CHECK(e.port == 143);
  CHECK_FALSE(e.port_stated);
  CHECK(e.tls == core::TlsMode::starttls);
  CHECK_FALSE(e.tls_stated);
  CHECK(e.setting == "Host");
  CHECK(e.where == Location{2, 1});

  parsed = read_ok("imapstore s\n  host \"imaps:mail.example.com\"\n");
  e = parsed.accounts.at(0).endpoints.at(0);
  CHECK(e.host == "mail.example.com");
  CHECK(e.port == 993);
  CHECK(e.tls == core::TlsMode::implicit);

  parsed = read_ok("IMAPStore s\nHost h\nsslTYPE imaps\n");
  CHECK(parsed.accounts.at(0).endpoints.at(0).port == 993);

  // "RequireSSL no" is ignored: still STARTTLS.
  parsed = read_ok("IMAPStore s\nHost h\nRequireSSL no\n");
  e = parsed.accounts.at(0).endpoints.at(0);
  CHECK(e.tls == core::TlsMode::starttls);
  REQUIRE(e.findings.size() == 1);
  CHECK(e.findings[0].code == "mbsync-deprecated-ssl-option");
  CHECK(e.findings[0].where.line == 3);
}

TEST_CASE("mbsync: sections end at a blank line; comments and '#' inside values are isync's",
          "[clientconf][mbsync]")
{
  // A comment does not end the section; a blank (or blank-only) line does.
  auto parsed = read_ok("IMAPAccount a\nHost h\n# note\n  # indented\nPort 993\nSSLType IMAPS\n");
  CHECK(parsed.accounts.at(0).endpoints.at(0).port == 993);
  parsed = read_ok("IMAPAccount a\nHost h\n   \nPort 993\n");
  CHECK(parsed.accounts.at(0).endpoints.at(0).port == 143);
  // '#' and a lone ' are literal in mbsync (only double quotes quote).
  parsed = read_ok("IMAPAccount a\nHost h\nUser it's#me\n");
  CHECK(parsed.accounts.at(0).endpoints.at(0).user == "it's#me");
  // A store naming an account is that account, not a second one.
  parsed = read_ok("IMAPAccount a\nHost h\n\nIMAPStore s\nAccount a\n\nMaildirStore l\nPath ~/m/\n");
  CHECK(parsed.accounts.size() == 1);
}

TEST_CASE("mbsync: each mistake has its finding and line", "[clientconf][mbsync]")
{
  SECTION("TLSType before 1.5, SSLType from 1.5")
  {
    const auto text = "IMAPAccount a\nHost h\nTLSType IMAPS\n";
    CHECK(codes_of(read_ok(text, "1.4.4")).count("mbsync-tlstype-unsupported") == 1);
    CHECK(codes_of(read_ok(text, "1.5.1")).count("mbsync-tlstype-unsupported") == 0);
    const auto old = "IMAPAccount a\nHost h\nSSLType IMAPS\n";
    CHECK(codes_of(read_ok(old, "1.5.1")).count("mbsync-ssltype-renamed") == 1);
    CHECK(codes_of(read_ok(old, "1.4.4")).count("mbsync-ssltype-renamed") == 0);
  }
  SECTION("deprecated options, alone and mixed with SSLType")
  {
    const auto parsed = read_ok("IMAPAccount a\nHost h\nUseIMAPS yes\n");
    const auto& e = parsed.accounts.at(0).endpoints.at(0);
    CHECK(e.tls == core::TlsMode::implicit);
    CHECK(e.port == 993);
    CHECK(codes_of(parsed).count("mbsync-deprecated-ssl-option") == 1);
    const auto mixed = read_ok("IMAPAccount a\nHost h\nSSLType IMAPS\nUseTLSv1 no\n");
    CHECK(all_findings(mixed).count({"mbsync-ssl-options-conflict", 4}) == 1);
  }
  SECTION("TLS 1.0 and 1.1 allowed, in either syntax")
  {
    CHECK(codes_of(read_ok("IMAPAccount a\nHost h\nSSLVersions TLSv1.1 TLSv1.2\n")).count("mbsync-old-tls-versions")
          == 1);
    CHECK(codes_of(read_ok("IMAPAccount a\nHost h\nTLSVersions +1.0\n", "1.5.1")).count("mbsync-old-tls-versions")
          == 1);
    CHECK(codes_of(read_ok("IMAPAccount a\nHost h\nTLSVersions -1.1 +1.3\n", "1.5.1"))
            .count("mbsync-old-tls-versions")
          == 0);
  }
  SECTION("STARTTLS on the implicit port is the engine's error")
  {
    const auto parsed = read_ok("IMAPAccount a\nHost h\nPort 993\nSSLType STARTTLS\n");
    CHECK(judge(rules::builtin_table(), parsed).verdict == core::Verdict::error);
  }
}

TEST_CASE("mbsync: a stored password is reported and never shown", "[clientconf][mbsync]")
{
  const std::string secret = "S3cr3t-Pa55word";
  const auto parsed = read_ok("IMAPAccount a\nHost h\nUser u\nPass \"" + secret + "\"\n\nIMAPStore s\nHost h2\nPass "
                              + secret + "x\n");
  REQUIRE(parsed.accounts.size() == 2);
  for (const auto& account : parsed.accounts) {
    REQUIRE(account.findings.size() == 1);
    CHECK(account.findings[0].code == "config-password-stored");
    CHECK(account.findings[0].setting == "Pass");
  }
  CHECK(parsed.accounts[0].findings[0].where.line == 4);
  CHECK(parsed.accounts[1].findings[0].where.line == 8);
  CHECK_FALSE(has(everything_shown(parsed), secret));
}

TEST_CASE("mbsync: bad input", "[clientconf][mbsync]")
{
  CHECK(format().read(std::string("IMAPAccount a\n\0", 15), {}).error().kind == SyntaxError::Kind::binary);
  CHECK(format().read(std::string(k_max_config_bytes + 1, '#'), {}).error().kind == SyntaxError::Kind::too_large);
  const auto quote = format().read("IMAPAccount a\nHost h\nPass \"abc\n", {});
  REQUIRE_FALSE(quote.has_value());
  CHECK(quote.error().kind == SyntaxError::Kind::unterminated_quote);
  CHECK(quote.error().where == Location{3, 6});
  CHECK_FALSE(has(quote.error().detail, "abc"));
  const auto type = format().read("IMAPAccount a\nHost h\nSSLType TLS\n", {});
  REQUIRE_FALSE(type.has_value());
  CHECK(type.error().where.line == 3);
  CHECK(type.error().detail == "SSLType TLS");
  CHECK_FALSE(format().read("IMAPAccount a\nHost h\nPort 99999\n", {}).has_value());
  // A Host without a name (found by fuzz_lint_mbsync) is no server.
  CHECK(read_ok("IMAPAccount a\nHost \nPort 993\n\nIMAPStore b\nHost imaps:\n").accounts.at(0).endpoints.empty());

  // CRLF and a BOM read as plain lines; unknown keys and an include-like line are ignored.
  const auto parsed = read_ok("\xEF\xBB\xBFIMAPAccount a\r\nHost h\r\nInclude ~/.other\r\nFrobnicate yes\r\nPort 993\r\n"
                              "SSLType IMAPS\r\n");
  REQUIRE(parsed.accounts.size() == 1);
  CHECK(parsed.accounts[0].name == "a");
  CHECK(parsed.accounts[0].endpoints.at(0).port == 993);
  CHECK(parsed.findings.empty());
  // The newest version is used when none is given.
  CHECK(codes_of(*format().read("IMAPAccount a\nHost h\nSSLType IMAPS\n", {})).count("mbsync-ssltype-renamed") == 1);
  // A huge but valid file is read.
  std::string big;
  while (big.size() < k_max_config_bytes - 100) {
    big += "IMAPAccount a\nHost h\nPort 993\nSSLType IMAPS\n\n";
  }
  CHECK(format().read(big, version("1.4.4")).has_value());
}

TEST_CASE("mbsync: file names and content pick the format", "[clientconf][mbsync]")
{
  CHECK(detect_format("/home/u/.mbsyncrc", "") == &format());
  CHECK(detect_format("isyncrc", "") == &format());
  CHECK(detect_format("conf", "IMAPAccount a\nHost h\n\nIMAPStore s\nAccount a\n") == &format());
  CHECK(format().sniff("set smtp_url = \"smtps://h\"\n") == 0);
}

TEST_CASE("mbsync: the lint corpus has the expected findings", "[clientconf][mbsync]")
{
  // The corpus is judged as Debian 12's isync 1.4.4 would read it.
  test::check_lint_corpus(format(), "mbsync", ".mbsyncrc", version("1.4.4"), 8);
}
