#include "catch.hpp"

#include <mailports/probe/reply.hpp>
#include <mailports/probe/report.hpp>

#include <string>
#include <vector>

using namespace mailports::probe;

TEST_CASE("SMTP reply lines: code, continuation, text", "[probe][reply]")
{
  const auto first = parse_smtp_line("250-mail.example.com Hello");
  REQUIRE(first);
  CHECK(first->code == 250);
  CHECK_FALSE(first->last);
  CHECK(first->text == "mail.example.com Hello");

  const auto last = parse_smtp_line("250 OK");
  REQUIRE(last);
  CHECK(last->last);
  CHECK(parse_smtp_line("220")->last);

  CHECK_FALSE(parse_smtp_line(""));
  CHECK_FALSE(parse_smtp_line("25"));
  CHECK_FALSE(parse_smtp_line("2x0 OK"));
  CHECK_FALSE(parse_smtp_line("250_OK"));
  CHECK_FALSE(parse_smtp_line("* OK IMAP ready"));
}

TEST_CASE("EHLO: STARTTLS and AUTH mechanisms, in both forms", "[probe][reply]")
{
  const std::vector<std::string> lines = {
    "250-PIPELINING", "250-starttls", "250-AUTH PLAIN login", "250-AUTH=LOGIN CRAM-MD5", "250 8BITMIME"};
  const auto caps = parse_ehlo(lines);
  CHECK(caps.starttls);
  CHECK(caps.auth == std::vector<std::string>{"PLAIN", "LOGIN", "CRAM-MD5"});
}

TEST_CASE("EHLO without extensions, or with broken lines, offers nothing", "[probe][reply]")
{
  CHECK_FALSE(parse_ehlo({"250 mail.example.com"}).starttls);
  const auto caps = parse_ehlo({"250-", "garbage STARTTLS", "550-AUTH PLAIN", "250 SIZE 1000"});
  CHECK_FALSE(caps.starttls);
  CHECK(caps.auth.empty());
  // "AUTHX" is not AUTH.
  CHECK(parse_ehlo({"250 AUTHX PLAIN"}).auth.empty());
}

TEST_CASE("IMAP CAPABILITY: LOGINDISABLED decides whether LOGIN counts", "[probe][reply]")
{
  const auto locked =
    parse_imap_capability("* CAPABILITY IMAP4rev1 SASL-IR STARTTLS LOGINDISABLED");
  CHECK(locked.starttls);
  CHECK(locked.auth.empty());

  const auto open = parse_imap_capability("* CAPABILITY IMAP4rev1 AUTH=PLAIN auth=login");
  CHECK_FALSE(open.starttls);
  CHECK(open.auth == std::vector<std::string>{"PLAIN", "LOGIN", std::string(k_imap_login_command)});
}

TEST_CASE("IMAP greeting: the capability response code", "[probe][reply]")
{
  const auto listed =
    imap_greeting_capability("* OK [CAPABILITY IMAP4rev1 STARTTLS LOGINDISABLED] Dovecot ready.");
  REQUIRE(listed);
  CHECK(*listed == "IMAP4rev1 STARTTLS LOGINDISABLED");
  CHECK(parse_imap_capability(*listed).starttls);
  CHECK_FALSE(imap_greeting_capability("* OK ready"));
  CHECK_FALSE(imap_greeting_capability("* OK [CAPABILITY IMAP4rev1 STARTTLS"));
}

TEST_CASE("POP3 CAPA: STLS, SASL and USER", "[probe][reply]")
{
  const auto caps = parse_pop3_capa({"TOP", "UIDL", "STLS", "SASL PLAIN", "USER", "PIPELINING"});
  CHECK(caps.starttls);
  CHECK(caps.auth == std::vector<std::string>{"PLAIN", std::string(k_pop3_user_pass)});

  const auto bare = parse_pop3_capa({"TOP", "UIDL", "", "  "});
  CHECK_FALSE(bare.starttls);
  CHECK(bare.auth.empty());
}

TEST_CASE("only SASL mechanism names are kept: nothing else reaches a terminal", "[probe][reply]")
{
  const auto caps = parse_ehlo({"250-AUTH PLAIN \x1b[2J\x1b]0;pwned\x07\rFAKE x-oauth2 "
                                "THIS-NAME-IS-FAR-TOO-LONG-FOR-SASL",
                                "250 OK"});
  CHECK(caps.auth == std::vector<std::string>{"PLAIN", "X-OAUTH2"});
  CHECK(parse_imap_capability("* CAPABILITY AUTH=PL\x1b" "AIN AUTH=SCRAM-SHA-256 LOGINDISABLED").auth
        == std::vector<std::string>{"SCRAM-SHA-256"});
}
