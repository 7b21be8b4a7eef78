// clientconf/formats/postfix: relayhost settings as postconf -e lines, and
// main.cf (or such lines) read the way Postfix reads them.
#include "catch.hpp"
#include "corpus_support.hpp"

#include <fmt/format.h>

#include <string>

using namespace mailports;
using namespace mailports::clientconf;
using mailports::test::findings_of;

namespace {

const Format& pf = *find_format("postfix");

WritePlan plan_for(std::uint16_t port, core::TlsMode tls, core::Lang lang = core::Lang::en,
                   std::string_view version = "3.7.11")
{
  WritePlan plan;
  plan.user = "taro@example.test";
  plan.outgoing = {{core::Proto::smtp, "smtp.example.test", port, tls, {}}};
  plan.incoming = {{core::Proto::imap, "imap.example.test", 993, core::TlsMode::implicit, {}}};
  plan.lang = lang;
  plan.version = VersionChoice{*parse_version(version), VersionChoice::Origin::option};
  plan.generator = "mailports 0.1.0";
  return plan;
}

Parsed read_ok(std::string_view text)
{
  auto parsed = pf.read(text, {});
  REQUIRE(parsed.has_value());
  return *parsed;
}

} // namespace

TEST_CASE("postfix writes postconf -e lines for implicit TLS", "[clientconf][postfix]")
{
  const auto text = pf.write(plan_for(465, core::TlsMode::implicit));
  REQUIRE(text.has_value());
  CHECK(text->find("# Syntax for postfix 3.7.11 (--client-version).") != std::string::npos);
  CHECK(text->find("postconf -e 'relayhost = [smtp.example.test]:465'\n") != std::string::npos);
  CHECK(text->find("postconf -e 'smtp_tls_wrappermode = yes'\n") != std::string::npos);
  CHECK(text->find("postconf -e 'smtp_tls_security_level = secure'\n") != std::string::npos);
  CHECK(text->find("postconf -e 'smtp_tls_CAfile = /etc/ssl/certs/ca-certificates.crt'\n") != std::string::npos);
  CHECK(text->find("postconf -e 'smtp_tls_servername = hostname'\n") != std::string::npos);
  CHECK(text->find("postconf -e 'smtp_sasl_auth_enable = yes'\n") != std::string::npos);
  CHECK(text->find("postconf -e 'smtp_sasl_password_maps = hash:/etc/postfix/sasl_passwd'\n") != std::string::npos);
  CHECK(text->find("#   [smtp.example.test]:465 taro@example.test:PASSWORD\n") != std::string::npos);
  // Every line is a comment or a postconf command.
  std::string_view rest = *text;
  while (!rest.empty()) {
    const auto line = rest.substr(0, rest.find('\n'));
    CHECK((line.starts_with("#") || line.starts_with("postconf -e '")));
    rest.remove_prefix(std::min(rest.size(), line.size() + 1));
  }
}

TEST_CASE("postfix writes STARTTLS as a required, verified level", "[clientconf][postfix]")
{
  const auto text = pf.write(plan_for(587, core::TlsMode::starttls, core::Lang::ja, "3.3.0"));
  REQUIRE(text.has_value());
  CHECK(text->find("postconf -e 'smtp_tls_wrappermode = no'\n") != std::string::npos);
  CHECK(text->find("postconf -e 'smtp_tls_security_level = secure'\n") != std::string::npos);
  CHECK(text->find("smtp_tls_servername") == std::string::npos); // Postfix 3.4 and later
  CHECK(text->find("root として") != std::string::npos);
  CHECK(text->find("このファイルにパスワードは書いていません") != std::string::npos);

  const auto old = pf.write(plan_for(465, core::TlsMode::implicit, core::Lang::en, "2.11"));
  CHECK(old->find("# smtp_tls_wrappermode for the SMTP client needs Postfix 3.0 or later.") != std::string::npos);

  auto none = plan_for(587, core::TlsMode::none);
  none.outgoing[0].warnings = {"No encryption: forced."};
  const auto forced = pf.write(none);
  CHECK(forced->find("# No encryption: forced.\npostconf -e 'relayhost") != std::string::npos);
  CHECK(forced->find("smtp_tls_security_level = none") != std::string::npos);

  auto no_smtp = plan_for(465, core::TlsMode::implicit);
  no_smtp.outgoing.clear();
  CHECK(pf.write(no_smtp).error().kind == WriteError::Kind::needs_outgoing);
}

TEST_CASE("postfix: what it writes reads back as the plan, with no finding", "[clientconf][postfix]")
{
  for (const auto& [port, tls] : {std::pair{465, core::TlsMode::implicit}, std::pair{587, core::TlsMode::starttls}}) {
    for (const auto lang : {core::Lang::en, core::Lang::ja}) {
      const auto parsed = read_ok(*pf.write(plan_for(static_cast<std::uint16_t>(port), tls, lang)));
      REQUIRE(parsed.accounts.size() == 1);
      REQUIRE(parsed.accounts[0].endpoints.size() == 1);
      const auto& e = parsed.accounts[0].endpoints[0];
      CHECK(e.host == "smtp.example.test");
      CHECK(e.port == port);
      CHECK(e.tls == tls);
      CHECK(e.setting == "relayhost");
      CHECK(e.where.line > 0);
      const auto codes = findings_of(parsed);
      for (const auto& [code, line] : codes) {
        INFO(code << " at " << line);
        CHECK(rules::builtin_table().finding(code)->severity != core::Severity::error);
        CHECK_FALSE(code.starts_with("postfix-"));
      }
    }
  }
}

TEST_CASE("postfix: each mistake of the issue, with its line", "[clientconf][postfix]")
{
  CHECK(findings_of(read_ok("relayhost = [smtp.example.test]:465\nsmtp_tls_security_level = secure\n"
                            "smtp_tls_CAfile = /etc/ssl/certs/ca-certificates.crt\n"))
          .count({"postfix-465-no-wrappermode", 1}) == 1);
  CHECK(findings_of(read_ok("\n\nrelayhost = smtp.example.test:587\nsmtp_tls_security_level = secure\n"
                            "smtp_tls_CAfile = /x\n"))
          .count({"postfix-relayhost-mx", 3}) == 1);
  const auto may = findings_of(read_ok("smtp_tls_security_level = may\nrelayhost = [smtp.example.test]:587\n"));
  CHECK(may.count({"postfix-tls-opportunistic", 1}) == 1);
  CHECK(may.count({"starttls-downgrade", 2}) == 1);
  // The default level (none) is cleartext for the engine to judge.
  const auto none = read_ok("relayhost = [smtp.example.test]:587\n");
  CHECK(none.accounts[0].endpoints[0].tls == core::TlsMode::none);
  CHECK_FALSE(none.accounts[0].endpoints[0].tls_stated);
  // The port defaults to 25.
  const auto bare = read_ok("relayhost = [smtp.example.test]\nsmtp_tls_security_level = encrypt\n");
  CHECK(bare.accounts[0].endpoints[0].port == 25);
  CHECK_FALSE(bare.accounts[0].endpoints[0].port_stated);
  CHECK(findings_of(bare).count({"postfix-tls-unverified", 2}) == 1);
}

TEST_CASE("postfix reads logical lines, variables and several destinations", "[clientconf][postfix]")
{
  const auto parsed = read_ok("host = smtp.example.test\n"
                              "relayhost = [$host]:${port},\n"
                              "   [ipv6:2001:db8::1]:submission\n"
                              "# a comment\n"
                              "port = 465\n"
                              "smtp_tls_wrappermode = YES\n"
                              "smtp_tls_security_level = ${empty?may}${empty:secure}\n"
                              "empty =\n"
                              "smtp_tls_CApath = /etc/ssl/certs\n");
  REQUIRE(parsed.accounts.size() == 1);
  const auto& e = parsed.accounts[0].endpoints;
  REQUIRE(e.size() == 2);
  CHECK(e[0].host == "smtp.example.test");
  CHECK(e[0].port == 465);
  CHECK(e[0].tls == core::TlsMode::implicit);
  CHECK(e[0].where == Location{2, 1});
  CHECK(e[1].host == "2001:db8::1");
  CHECK(e[1].port == 587);
  CHECK(findings_of(parsed).count({"postfix-wrappermode-level", 7}) == 0);

  // The last definition wins; a reference loop stops.
  const auto last = read_ok("relayhost = [a.example.test]:587\nrelayhost = [b.example.test]:465\n"
                            "smtp_tls_wrappermode = yes\nsmtp_tls_security_level = $a\na = $b\nb = $a\n");
  CHECK(last.accounts[0].endpoints[0].host == "b.example.test");

  // A variable the file does not set: said, not guessed.
  const auto unresolved = read_ok("relayhost = [$myhostname]:587\n");
  CHECK(unresolved.accounts.empty());
  REQUIRE(unresolved.findings.size() == 1);
  CHECK(unresolved.findings[0].code == "postfix-unresolved-variable");
  CHECK(unresolved.findings[0].other == "myhostname");

  const auto no_relay = read_ok("myhostname = x\n");
  CHECK(findings_of(no_relay).count({"postfix-no-relayhost", 0}) == 1);
  CHECK(findings_of(read_ok("relayhost = [smtp.example.test]:sevenfive\n"))
          .count({"postfix-relayhost-unreadable", 1}) == 1);
}

TEST_CASE("postfix reads postconf -e lines too", "[clientconf][postfix]")
{
  const auto parsed = read_ok("#!/bin/sh\nsudo postconf -e 'relayhost = [smtp.example.test]:587' \\\n"
                              "postconf -c /etc/postfix-out -e \"smtp_tls_security_level = encrypt\"\n");
  REQUIRE(parsed.accounts.size() == 1);
  CHECK(parsed.accounts[0].endpoints[0].tls == core::TlsMode::starttls);
  CHECK(findings_of(parsed).count({"postfix-tls-unverified", 3}) == 1);
  const auto bad = pf.read("postconf -e 'relayhost = [x]:587\n", {});
  REQUIRE_FALSE(bad.has_value());
  CHECK(bad.error().kind == SyntaxError::Kind::unterminated_quote);
  CHECK(bad.error().where == Location{1, 13});
}

TEST_CASE("postfix: bad input", "[clientconf][postfix]")
{
  const auto missing = pf.read("relayhost = [x]:587\nthis line has no equals sign\n", {});
  REQUIRE_FALSE(missing.has_value());
  CHECK(missing.error().kind == SyntaxError::Kind::bad_syntax);
  CHECK(missing.error().where.line == 2);
  CHECK(missing.error().detail.find("this line") != std::string::npos);
  CHECK(pf.read(std::string("relayhost = x\0", 14), {}).error().kind == SyntaxError::Kind::binary);
  CHECK(pf.read(std::string(k_max_config_bytes + 1, '#'), {}).error().kind == SyntaxError::Kind::too_large);
  const auto crlf = read_ok("\xEF\xBB\xBFunknown_key = 1\r\nrelayhost = [smtp.example.test]:465\r\n"
                            "smtp_tls_wrappermode = yes\r\nsmtp_tls_security_level = secure\r\n"
                            "smtp_tls_CAfile = /ca\r\n");
  REQUIRE(crlf.accounts.size() == 1);
  CHECK(crlf.accounts[0].endpoints[0].where.line == 2);
  CHECK(crlf.accounts[0].endpoints[0].tls == core::TlsMode::implicit);
  for (const auto& [code, line] : findings_of(crlf)) {
    CHECK_FALSE(code.starts_with("postfix-"));
  }
  // A value that grows by itself stays bounded, and so does the work of
  // many references to empty values.
  std::string grow = "a = x\n";
  std::string empty = "e0 =\n";
  for (char c = 'b'; c <= 'p'; ++c) {
    const char p = static_cast<char>(c - 1);
    grow += fmt::format("{} = ${}${}${}${}\n", c, p, p, p, p);
  }
  for (int level = 1; level <= 6; ++level) {
    empty += fmt::format("e{} = ", level);
    for (int i = 0; i < 100; ++i) {
      empty += fmt::format("$e{}", level - 1);
    }
    empty += '\n';
  }
  const auto grown = read_ok(grow + "relayhost = [$p]:587\n");
  REQUIRE(grown.accounts.size() == 1);
  CHECK(grown.accounts[0].endpoints.empty()); // cut at 8192 bytes, no "]:587" left
  CHECK(mailports::test::everything_shown(grown).size() < 20000);
  const auto emptied = read_ok(empty + "relayhost = [smtp.example.test]:587$e6\n");
  REQUIRE(emptied.findings.size() == 1);
  CHECK(emptied.findings[0].code == "postfix-unresolved-variable");
}

TEST_CASE("postfix: a password in main.cf is found, never shown", "[clientconf][postfix]")
{
  const auto text = mailports::test::slurp(mailports::test::test_data("lint/postfix/static-password.cf"));
  const auto parsed = read_ok(text);
  CHECK(findings_of(parsed).count({"config-password-stored", 7}) == 1);
  CHECK(parsed.accounts[0].endpoints[0].user == "taro@example.test");
  CHECK(mailports::test::everything_shown(parsed).find("Sup3r-Secret-Lint") == std::string::npos);
  const auto inline_map =
    read_ok("relayhost = [h.example.test]:587\nsmtp_sasl_password_maps = inline:{ [h.example.test]:587=u:Pw0rd-Inline }\n");
  CHECK(findings_of(inline_map).count({"config-password-stored", 2}) == 1);
  CHECK(mailports::test::everything_shown(inline_map).find("Pw0rd-Inline") == std::string::npos);
  CHECK(findings_of(read_ok("relayhost = [h]:587\nsmtp_sasl_password_maps = hash:/etc/postfix/sasl_passwd\n"))
          .count({"config-password-stored", 2}) == 0);
}

TEST_CASE("postfix: names and content say the format", "[clientconf][postfix]")
{
  CHECK(detect_format("/etc/postfix/main.cf", "") == &pf);
  CHECK(pf.sniff("relayhost = [x]:587\nsmtp_tls_security_level = secure\n") > 0);
  CHECK(pf.sniff("<clientConfig/>") == 0);
  CHECK(find_version("mail_version = 3.7.11")->text == "3.7.11");
}

TEST_CASE("postfix: the lint corpus gives the expected findings", "[clientconf][postfix]")
{
  mailports::test::check_corpus(pf);
}

TEST_CASE("postfix: written for every built-in provider, it lints without an error", "[clientconf][postfix]")
{
  CHECK(mailports::test::lint_every_provider(pf) > 100);
}
