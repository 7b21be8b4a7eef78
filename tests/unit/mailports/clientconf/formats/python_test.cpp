// clientconf/formats/python: smtplib/imaplib/poplib code that always checks
// certificates and never holds a password. (tests/clientconf runs it
// against real Postfix and Dovecot.)
#include "catch.hpp"

#include <mailports/clientconf/format.hpp>

#include <string>

using namespace mailports;
using namespace mailports::clientconf;

namespace {

const Format& py = *find_format("python");

WritePlan plan_for(core::TlsMode smtp_tls, std::uint16_t smtp_port, core::Proto in_proto, core::TlsMode in_tls,
                   std::uint16_t in_port, core::Lang lang = core::Lang::en, std::string_view version = "3.11.2")
{
  WritePlan plan;
  plan.user = "taro@example.test";
  plan.address = "Taro <taro@example.test>";
  plan.outgoing = {{core::Proto::smtp, "smtp.example.test", smtp_port, smtp_tls, {}}};
  plan.incoming = {{in_proto, "mail.example.test", in_port, in_tls, {}}};
  plan.lang = lang;
  plan.version = VersionChoice{*parse_version(version), VersionChoice::Origin::installed};
  plan.generator = "mailports 0.1.0";
  return plan;
}

bool has(const std::string& text, std::string_view part)
{
  return text.find(part) != std::string::npos;
}

} // namespace

TEST_CASE("python: implicit TLS with a verifying context", "[clientconf][python]")
{
  const auto text = py.write(plan_for(core::TlsMode::implicit, 465, core::Proto::imap, core::TlsMode::implicit, 993));
  REQUIRE(text.has_value());
  CHECK(text->starts_with("#!/usr/bin/env python3\n# Written by mailports 0.1.0: mailports config python.\n"));
  CHECK(has(*text, "# Syntax for python3 3.11.2, the version installed on this machine."));
  CHECK(has(*text, "smtp = smtplib.SMTP_SSL(\"smtp.example.test\", 465, context=tls_context(), timeout=TIMEOUT)"));
  CHECK(has(*text, "imap = imaplib.IMAP4_SSL(\"mail.example.test\", 993, ssl_context=tls_context(), timeout=TIMEOUT)"));
  CHECK(has(*text, "return ssl.create_default_context()"));
  CHECK(has(*text, "os.environ.get(\"MAIL_PASSWORD\") or getpass.getpass("));
  CHECK(has(*text, "USER = \"taro@example.test\""));
  CHECK(has(*text, "FROM = \"Taro <taro@example.test>\""));
  CHECK_FALSE(has(*text, "starttls"));
  CHECK_FALSE(has(*text, "import poplib"));
}

TEST_CASE("python: STARTTLS is required, with the same context", "[clientconf][python]")
{
  const auto text = py.write(plan_for(core::TlsMode::starttls, 587, core::Proto::imap, core::TlsMode::starttls, 143,
                                      core::Lang::ja, "3.8"));
  REQUIRE(text.has_value());
  CHECK(has(*text, "smtp = smtplib.SMTP(\"smtp.example.test\", 587, timeout=TIMEOUT)\n"
                   "    smtp.starttls(context=tls_context())\n    smtp.login(USER, password())"));
  // Python 3.8's imaplib has no timeout argument.
  CHECK(has(*text, "imap = imaplib.IMAP4(\"mail.example.test\", 143)\n"
                   "    imap.starttls(ssl_context=tls_context())"));
  CHECK(has(*text, "パスワードは環境変数 MAIL_PASSWORD から読み"));
  CHECK(has(*text, "STARTTLS (必須)"));
}

TEST_CASE("python: POP3, warnings, a missing user, escaping", "[clientconf][python]")
{
  auto plan = plan_for(core::TlsMode::implicit, 465, core::Proto::pop3, core::TlsMode::starttls, 110);
  plan.user.clear();
  plan.address.clear();
  plan.outgoing[0].host = "we\"ird\\host";
  plan.incoming[0].warnings = {"A warning about 110."};
  const auto text = py.write(plan);
  REQUIRE(text.has_value());
  CHECK(has(*text, "pop = poplib.POP3(\"mail.example.test\", 110, timeout=TIMEOUT)\n    pop.stls(context=tls_context())"));
  CHECK(has(*text, "def pop3_connect():\n    # A warning about 110.\n"));
  CHECK(has(*text, "# No login name was given: set USER.\nUSER = \"\""));
  CHECK(has(*text, "smtplib.SMTP_SSL(\"we\\\"ird\\\\host\""));

  auto none = plan_for(core::TlsMode::none, 587, core::Proto::imap, core::TlsMode::implicit, 993);
  const auto cleartext = py.write(none);
  CHECK(has(*cleartext, "# No TLS: the password crosses the network in cleartext.\n"
                        "    smtp = smtplib.SMTP(\"smtp.example.test\", 587, timeout=TIMEOUT)\n    smtp.login"));

  auto only_in = plan_for(core::TlsMode::implicit, 465, core::Proto::imap, core::TlsMode::implicit, 993);
  only_in.outgoing.clear();
  const auto in_text = py.write(only_in);
  REQUIRE(in_text.has_value());
  CHECK_FALSE(has(*in_text, "import smtplib"));
  only_in.incoming.clear();
  CHECK(py.write(only_in).error().kind == WriteError::Kind::needs_outgoing);
}
