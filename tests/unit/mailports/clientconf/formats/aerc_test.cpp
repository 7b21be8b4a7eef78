// clientconf/formats/aerc: accounts.conf, read for lint and written by config.
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
  const auto* f = find_format("aerc");
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

Parsed read_ok(std::string_view text, std::string_view v = "0.20.0")
{
  auto result = format().read(text, version(v));
  if (!result) {
    FAIL("syntax error: " << result.error().detail << " at " << result.error().where.line);
  }
  return *result;
}

const Endpoint& endpoint(const Parsed& parsed, core::Proto proto, std::size_t account = 0)
{
  REQUIRE(parsed.accounts.size() > account);
  const auto& endpoints = parsed.accounts[account].endpoints;
  const auto it = std::find_if(endpoints.begin(), endpoints.end(), [&](const Endpoint& e) { return e.proto == proto; });
  REQUIRE(it != endpoints.end());
  return *it;
}

WritePlan plan(std::string_view client_version, core::TlsMode smtp_tls = core::TlsMode::implicit,
               std::uint16_t smtp_port = 465)
{
  WritePlan p;
  p.account = "Work";
  p.user = "taro@example.com";
  p.address = "Taro <taro@example.com>";
  p.generator = "mailports test";
  p.version.version = *parse_version(client_version);
  p.version.origin = VersionChoice::Origin::option;
  p.incoming.push_back(WriteServer{core::Proto::imap, "imap.example.com", 993, core::TlsMode::implicit, {}});
  p.outgoing.push_back(WriteServer{core::Proto::smtp, "smtp.example.com", smtp_port, smtp_tls, {}});
  return p;
}

bool has(std::string_view text, std::string_view part)
{
  return text.find(part) != std::string_view::npos;
}

} // namespace

TEST_CASE("aerc: the writer's smtp:// follows the version", "[clientconf][aerc]")
{
  const auto modern = format().write(plan("0.15.2", core::TlsMode::starttls, 587));
  REQUIRE(modern.has_value());
  INFO(*modern);
  CHECK(has(*modern, "\n[Work]\n"));
  CHECK(has(*modern, "\nsource = imaps://taro%40example.com@imap.example.com:993\n"));
  CHECK(has(*modern, "\nsource-cred-cmd = secret-tool lookup host 'imap.example.com' user 'taro@example.com'\n"));
  CHECK(has(*modern, "\noutgoing = smtp://taro%40example.com@smtp.example.com:587\n"));
  CHECK(has(*modern, "\noutgoing-cred-cmd = secret-tool lookup host 'smtp.example.com' user 'taro@example.com'\n"));
  CHECK(has(*modern, "\nfrom = Taro <taro@example.com>\n"));
  CHECK_FALSE(has(*modern, "smtp-starttls"));

  const auto old = format().write(plan("0.14.0", core::TlsMode::starttls, 587));
  REQUIRE(old.has_value());
  INFO(*old);
  CHECK(has(*old, "\noutgoing = smtp://taro%40example.com@smtp.example.com:587\n"));
  CHECK(has(*old, "\nsmtp-starttls = yes\n"));

  const auto implicit = format().write(plan("0.14.0"));
  REQUIRE(implicit.has_value());
  CHECK(has(*implicit, "\noutgoing = smtps://taro%40example.com@smtp.example.com:465\n"));
  CHECK_FALSE(has(*implicit, "smtp-starttls"));

  auto none = plan("0.20.0", core::TlsMode::none, 587);
  none.incoming.front().tls = core::TlsMode::none;
  none.incoming.front().port = 143;
  const auto cleartext = format().write(none);
  REQUIRE(cleartext.has_value());
  CHECK(has(*cleartext, "\nsource = imap+insecure://"));
  CHECK(has(*cleartext, "\noutgoing = smtp+insecure://"));

  auto pop_only = plan("0.20.0");
  pop_only.incoming.front().proto = core::Proto::pop3;
  REQUIRE_FALSE(format().write(pop_only).has_value());
  CHECK(format().write(pop_only).error().kind == WriteError::Kind::needs_imap);
}

TEST_CASE("aerc: comments in the plan's language; a missing address is said", "[clientconf][aerc]")
{
  auto p = plan("0.20.0");
  p.lang = core::Lang::ja;
  p.address.clear();
  p.incoming.front().warnings.push_back("受信の注意");
  const auto text = format().write(p);
  REQUIRE(text.has_value());
  INFO(*text);
  CHECK(has(*text, "# 受信の注意\n# 受信: ポート 993 に 暗黙的 TLS で接続します。証明書は検証されます。\nsource = "));
  CHECK(has(*text, "\n# from = NAME <ADDRESS>\n"));
  CHECK(has(*text, "差出人アドレス"));
}

TEST_CASE("aerc: generate then read gives the plan's servers back, with no error", "[clientconf][aerc]")
{
  struct Case {
    const char* version;
    core::TlsMode tls;
    std::uint16_t port;
  };
  for (const auto c : {Case{"0.14.0", core::TlsMode::starttls, 587}, Case{"0.14.0", core::TlsMode::implicit, 465},
                       Case{"0.20.0", core::TlsMode::starttls, 587}, Case{"0.20.0", core::TlsMode::implicit, 465}}) {
    auto p = plan(c.version, c.tls, c.port);
    p.user = "a;b#c@example.com";
    p.address = "A #1 <a@example.com>";
    const auto text = format().write(p);
    REQUIRE(text.has_value());
    INFO(c.version << "\n" << *text);
    const auto parsed = read_ok(*text, c.version);
    REQUIRE(parsed.accounts.size() == 1);
    CHECK(parsed.accounts[0].name == "Work");
    const auto& smtp = endpoint(parsed, core::Proto::smtp);
    CHECK(smtp.host == "smtp.example.com");
    CHECK(smtp.port == c.port);
    CHECK(smtp.tls == c.tls);
    CHECK(smtp.user == p.user);
    const auto& imap = endpoint(parsed, core::Proto::imap);
    CHECK(imap.port == 993);
    CHECK(imap.tls == core::TlsMode::implicit);
    CHECK(imap.user == p.user);
    CHECK(parsed.accounts[0].findings.empty());
    CHECK(smtp.findings.empty());
    CHECK(imap.findings.empty());
    CHECK(judge(rules::builtin_table(), parsed).verdict != core::Verdict::error);
  }
}

TEST_CASE("aerc: URLs read as aerc reads them, by version", "[clientconf][aerc]")
{
  const auto text = "[A]\nsource = imap://u@h\noutgoing = smtp://u@s\n\n[B]\nsource=imap+insecure://h\n"
                    "outgoing = smtps+xoauth2://s\n";
  auto parsed = read_ok(text, "0.20.0");
  CHECK(endpoint(parsed, core::Proto::imap).port == 143);
  CHECK(endpoint(parsed, core::Proto::imap).tls == core::TlsMode::starttls);
  CHECK(endpoint(parsed, core::Proto::smtp).port == 587);
  CHECK_FALSE(endpoint(parsed, core::Proto::smtp).port_stated);
  CHECK(endpoint(parsed, core::Proto::smtp).tls == core::TlsMode::starttls);
  CHECK(endpoint(parsed, core::Proto::imap, 1).tls == core::TlsMode::none);
  CHECK(endpoint(parsed, core::Proto::smtp, 1).tls == core::TlsMode::implicit);
  CHECK(endpoint(parsed, core::Proto::smtp, 1).port == 465);
  CHECK(parsed.accounts[1].where == Location{5, 1});

  parsed = read_ok(text, "0.14.0");
  CHECK(endpoint(parsed, core::Proto::smtp).tls == core::TlsMode::none);
  CHECK(all_findings(parsed).count({"aerc-smtp-cleartext", 3}) == 1);
  CHECK(judge(rules::builtin_table(), parsed).verdict == core::Verdict::error);

  // imaps+insecure: verification off from 0.18 only.
  const auto insecure = "[A]\nsource = imaps+insecure://h:993\n";
  CHECK(endpoint(read_ok(insecure, "0.18.0"), core::Proto::imap).tls == core::TlsMode::implicit);
  CHECK(all_findings(read_ok(insecure, "0.18.0")).count({"aerc-imaps-insecure", 2}) == 1);
  CHECK(all_findings(read_ok(insecure, "0.17.0")).empty());

  // smtp-starttls: needed before 0.15, ignored after.
  const auto starttls = "[A]\noutgoing = smtp://s:587\nsmtp-starttls = yes\n";
  CHECK(endpoint(read_ok(starttls, "0.14.0"), core::Proto::smtp).tls == core::TlsMode::starttls);
  CHECK(test::codes_of(read_ok(starttls, "0.14.0")).count("aerc-smtp-cleartext") == 0);
  CHECK(all_findings(read_ok(starttls, "0.15.0")).count({"aerc-smtp-starttls-removed", 3}) == 1);

  // Paths and other backends are no servers; a typo'd scheme is said.
  parsed = read_ok("[A]\nsource = maildir://~/Mail\noutgoing = /usr/sbin/sendmail\n[B]\nsource = imapssl://h\n");
  CHECK(parsed.accounts[0].endpoints.empty());
  CHECK(all_findings(parsed).count({"aerc-unknown-scheme", 5}) == 1);
  parsed = read_ok("[A]\noutgoing = smtps+cram-md5://s:465\n");
  CHECK(all_findings(parsed).count({"aerc-unknown-scheme", 2}) == 1);
}

TEST_CASE("aerc: a stored password is reported and never shown", "[clientconf][aerc]")
{
  const std::string secret = "Hunter2-Pass";
  const auto parsed = read_ok("[A]\nsource = imaps://me%40x.com:" + secret + "@h:993\noutgoing = smtps+login://me:"
                              + secret + "@s:465\nsource-cred-cmd = echo " + secret + "\n");
  const auto found = all_findings(parsed);
  CHECK(found.count({"config-password-stored", 2}) == 1);
  CHECK(found.count({"config-password-stored", 3}) == 1);
  CHECK(found.count({"config-password-stored", 4}) == 0);
  CHECK(endpoint(parsed, core::Proto::imap).user == "me@x.com");
  CHECK_FALSE(has(everything_shown(parsed), secret));
}

TEST_CASE("aerc: bad input", "[clientconf][aerc]")
{
  CHECK(format().read(std::string("[a]\0", 4), {}).error().kind == SyntaxError::Kind::binary);
  CHECK(format().read(std::string(k_max_config_bytes + 1, '\n'), {}).error().kind == SyntaxError::Kind::too_large);
  const auto section = format().read("[A]\nsource = imaps://h\n[B\n", {});
  REQUIRE_FALSE(section.has_value());
  CHECK(section.error().where == Location{3, 1});
  const auto quote = format().read("[A]\nsource = `imaps://h\n", {});
  REQUIRE_FALSE(quote.has_value());
  CHECK(quote.error().kind == SyntaxError::Kind::unterminated_quote);
  CHECK(quote.error().where == Location{2, 10});
  // go-ini: '#' or ';' starts a comment anywhere in a bare value.
  auto parsed = read_ok("\xEF\xBB\xBF; comment\r\n[A]\r\nsource = imaps://h:993 # the server\r\nunknown-key = x\r\n"
                        "include = other.conf\r\n");
  CHECK(endpoint(parsed, core::Proto::imap).port == 993);
  CHECK(all_findings(parsed).empty());
  parsed = read_ok("[A]\nsource = \"imaps://h:993\"\n");
  CHECK(endpoint(parsed, core::Proto::imap).host == "h");
}

TEST_CASE("aerc: file names and content pick the format", "[clientconf][aerc]")
{
  CHECK(detect_format("/home/u/.config/aerc/accounts.conf", "") == &format());
  CHECK(detect_format("x", "[Work]\nsource = imaps://h\noutgoing = smtps://h\nsource-cred-cmd = pass x\n")
        == &format());
  CHECK(format().sniff("set smtp_url = smtps://h\n") == 0);
}

TEST_CASE("aerc: the lint corpus has the expected findings", "[clientconf][aerc]")
{
  // Read as the newest aerc, except files named "...-0.14" (Debian 12's version).
  test::check_lint_corpus(format(), "aerc", ".conf", version("0.20.0"), 10);
}
