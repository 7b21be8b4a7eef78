// A Python 3 module with smtplib, imaplib and poplib connections set up
// right: every TLS connection gets ssl.create_default_context(), because
// without a context smtplib and imaplib check no certificate at all
// (ssl._create_stdlib_context). The password comes from an environment
// variable or getpass, never from the file. Write-only: a program holds it.
#include "formats.hpp"
#include "string_literal.hpp"

#include "../lines.hpp"

#include <fmt/format.h>

#include <array>

namespace mailports::clientconf::formats {

namespace {

constexpr std::array<std::string_view, 2> k_version_command = {"python3", "--version"};

constexpr core::Text k_usage{
  "Use: python3 THIS_FILE send ADDRESS   (sends a short test message)\n"
  "     python3 THIS_FILE check          (logs in and counts the messages in INBOX)\n"
  "or import it and call smtp_connect() / {incoming}_connect().",
  "使い方: python3 このファイル send 宛先アドレス   (短いテストメッセージを送ります)\n"
  "        python3 このファイル check               (ログインして INBOX のメッセージ数を数えます)\n"
  "または import して smtp_connect() / {incoming}_connect() を呼んでください。"};
constexpr core::Text k_password{
  "The password comes from the environment variable MAIL_PASSWORD, else it is asked for;\n"
  "never write it into this file.",
  "パスワードは環境変数 MAIL_PASSWORD から読み、なければ入力を求めます。\n"
  "このファイルには書かないでください。"};
constexpr core::Text k_no_user{"No login name was given: set USER.",
                               "ログイン名が指定されていません。USER を設定してください。"};
constexpr core::Text k_context{
  "Verifies the server's certificate and host name: smtplib, imaplib and poplib\n"
  "check nothing when they are not given a context.",
  "サーバーの証明書とホスト名を検証します。smtplib、imaplib、poplib は\n"
  "context を渡さないと何も検証しません。"};
constexpr core::Text k_timeout{"Seconds to wait for the server before giving up.",
                               "サーバーを待つ秒数。これを過ぎるとあきらめます。"};
constexpr core::Text k_implicit{"Implicit TLS: TLS from the first byte.", "暗黙的 TLS: 最初のバイトから TLS です。"};
constexpr core::Text k_starttls{"STARTTLS, required: starttls() raises an error when the server does not offer it.",
                                "STARTTLS (必須): サーバーが提供しなければ starttls() が例外を出します。"};
constexpr core::Text k_cleartext{"No TLS: the password crosses the network in cleartext.",
                                 "TLS なし: パスワードが平文でネットワークを流れます。"};

std::string comments(const WritePlan& plan, std::string_view indent, const core::Text& text)
{
  return comment(fmt::format("{}#", indent), text.in(plan.lang));
}

std::string warnings(std::string_view indent, const WriteServer& server)
{
  std::string out;
  for (const auto& warning : server.warnings) {
    out += comment(fmt::format("{}#", indent), warning);
  }
  return out;
}

std::string mode_comment(const WritePlan& plan, const WriteServer& server)
{
  switch (server.tls) {
  case core::TlsMode::implicit:
    return comments(plan, "    ", k_implicit);
  case core::TlsMode::none:
    return comments(plan, "    ", k_cleartext);
  case core::TlsMode::starttls:
  case core::TlsMode::opportunistic:
    break;
  }
  return comments(plan, "    ", k_starttls);
}

std::string smtp_function(const WritePlan& plan, const WriteServer& s)
{
  std::string out = "def smtp_connect():\n";
  out += warnings("    ", s);
  out += mode_comment(plan, s);
  const auto host = string_literal(s.host);
  if (s.tls == core::TlsMode::implicit) {
    out += fmt::format("    smtp = smtplib.SMTP_SSL({}, {}, context=tls_context(), timeout=TIMEOUT)\n", host, s.port);
  } else {
    out += fmt::format("    smtp = smtplib.SMTP({}, {}, timeout=TIMEOUT)\n", host, s.port);
    if (s.tls != core::TlsMode::none) {
      out += "    smtp.starttls(context=tls_context())\n";
    }
  }
  out += "    smtp.login(USER, password())\n    return smtp\n";
  return out;
}

std::string imap_function(const WritePlan& plan, const WriteServer& s)
{
  // imaplib's timeout argument is new in Python 3.9.
  const bool timeout = plan.version.version >= *parse_version("3.9");
  const auto t = timeout ? ", timeout=TIMEOUT" : "";
  std::string out = "def imap_connect():\n";
  out += warnings("    ", s);
  out += mode_comment(plan, s);
  const auto host = string_literal(s.host);
  if (s.tls == core::TlsMode::implicit) {
    out += fmt::format("    imap = imaplib.IMAP4_SSL({}, {}, ssl_context=tls_context(){})\n", host, s.port, t);
  } else {
    out += fmt::format("    imap = imaplib.IMAP4({}, {}{})\n", host, s.port, t);
    if (s.tls != core::TlsMode::none) {
      out += "    imap.starttls(ssl_context=tls_context())\n";
    }
  }
  out += "    imap.login(USER, password())\n    return imap\n";
  return out;
}

std::string pop3_function(const WritePlan& plan, const WriteServer& s)
{
  std::string out = "def pop3_connect():\n";
  out += warnings("    ", s);
  out += mode_comment(plan, s);
  const auto host = string_literal(s.host);
  if (s.tls == core::TlsMode::implicit) {
    out += fmt::format("    pop = poplib.POP3_SSL({}, {}, context=tls_context(), timeout=TIMEOUT)\n", host, s.port);
  } else {
    out += fmt::format("    pop = poplib.POP3({}, {}, timeout=TIMEOUT)\n", host, s.port);
    if (s.tls != core::TlsMode::none) {
      out += "    pop.stls(context=tls_context())\n";
    }
  }
  out += "    pop.user(USER)\n    pop.pass_(password())\n    return pop\n";
  return out;
}

constexpr std::string_view k_main_send = R"(

def send(to, subject="Test from mailports config", body="It works.\n"):
    message = EmailMessage()
    message["From"] = FROM
    message["To"] = to
    message["Subject"] = subject
    message.set_content(body)
    with smtp_connect() as smtp:
        smtp.send_message(message)
)";

constexpr std::string_view k_main_imap = R"(

def check():
    with imap_connect() as imap:
        status, data = imap.select("INBOX", readonly=True)
        if status != "OK":
            raise SystemExit("INBOX: " + repr(data))
        print("INBOX:", int(data[0]), "messages")
)";

constexpr std::string_view k_main_pop3 = R"(

def check():
    pop = pop3_connect()
    try:
        count, size = pop.stat()
        print("INBOX:", count, "messages")
    finally:
        pop.quit()
)";

WriteResult write(const WritePlan& plan)
{
  if (plan.outgoing.empty() && plan.incoming.empty()) {
    return WriteError{WriteError::Kind::needs_outgoing};
  }
  const WriteServer* smtp = plan.outgoing.empty() ? nullptr : &plan.outgoing.front();
  const WriteServer* incoming = plan.incoming.empty() ? nullptr : &plan.incoming.front();
  const bool pop3 = incoming != nullptr && incoming->proto == core::Proto::pop3;
  const std::string_view incoming_name = pop3 ? "pop3" : "imap";

  std::string out = "#!/usr/bin/env python3\n";
  out += header_comment(plan, "#", python);
  out += comment("#", fmt::format(fmt::runtime(k_usage.in(plan.lang)), fmt::arg("incoming", incoming_name)));
  out += "import getpass\n";
  if (incoming != nullptr) {
    out += pop3 ? "import poplib\n" : "import imaplib\n";
  }
  out += "import os\n";
  if (smtp != nullptr) {
    out += "import smtplib\n";
  }
  out += "import ssl\nimport sys\n";
  if (smtp != nullptr) {
    out += "from email.message import EmailMessage\n";
  }
  out += "\n";
  if (plan.user.empty()) {
    out += comments(plan, "", k_no_user);
  }
  out += fmt::format("USER = {}\n", string_literal(plan.user));
  out += fmt::format("FROM = {}\n", string_literal(plan.address.empty() ? plan.user : plan.address));
  out += comments(plan, "", k_timeout);
  out += "TIMEOUT = 30\n\n\n";
  out += comments(plan, "", k_password);
  out += "def password():\n"
         "    return os.environ.get(\"MAIL_PASSWORD\") or getpass.getpass(\"Password for %s: \" % USER)\n\n\n";
  out += comments(plan, "", k_context);
  out += "def tls_context():\n    return ssl.create_default_context()\n";
  if (smtp != nullptr) {
    out += "\n\n" + smtp_function(plan, *smtp);
  }
  if (incoming != nullptr) {
    out += "\n\n" + (pop3 ? pop3_function(plan, *incoming) : imap_function(plan, *incoming));
  }
  if (smtp != nullptr) {
    out += k_main_send;
  }
  if (incoming != nullptr) {
    out += pop3 ? k_main_pop3 : k_main_imap;
  }
  out += "\n\nif __name__ == \"__main__\":\n";
  if (smtp != nullptr) {
    out += "    if len(sys.argv) == 3 and sys.argv[1] == \"send\":\n        send(sys.argv[2])\n";
    out += "        sys.exit(0)\n";
  }
  if (incoming != nullptr) {
    out += "    if len(sys.argv) == 2 and sys.argv[1] == \"check\":\n        check()\n        sys.exit(0)\n";
  }
  out += fmt::format("    sys.exit(\"usage: {} {}\")\n", "python3 \" + sys.argv[0] + \"",
                     smtp != nullptr && incoming != nullptr ? "send ADDRESS | check"
                     : smtp != nullptr                      ? "send ADDRESS"
                                                            : "check");
  return out;
}

} // namespace

const Format python{
  "python",
  "python3",
  {"Python smtplib/imaplib code with certificate checks (ssl.create_default_context())",
   "証明書を検証する Python の smtplib/imaplib のコード (ssl.create_default_context())"},
  {},
  nullptr,
  nullptr,
  write,
  "3.13.5",
  k_version_command,
  {},
};

} // namespace mailports::clientconf::formats
