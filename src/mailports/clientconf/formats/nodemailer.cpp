// A nodemailer SMTP transport (Node.js), every TLS choice explicit:
// nodemailer's `secure` means implicit TLS (true only for 465-style ports;
// secure:false on 465 waits for a greeting that never comes), `requireTLS`
// makes STARTTLS mandatory (without it nodemailer goes on in cleartext when
// STARTTLS is missing). The password comes from process.env. Write-only.
#include "formats.hpp"
#include "string_literal.hpp"

#include "../lines.hpp"

#include <fmt/format.h>

namespace mailports::clientconf::formats {

namespace {

constexpr core::Text k_usage{
  "Use: const transporter = require(\"./THIS_FILE\"); await transporter.sendMail({from, to, subject, text});\n"
  "The password comes from the environment variable SMTP_PASSWORD; never write it into this file.",
  "使い方: const transporter = require(\"./このファイル\"); await transporter.sendMail({from, to, subject, text});\n"
  "パスワードは環境変数 SMTP_PASSWORD から読みます。このファイルには書かないでください。"};
constexpr core::Text k_no_user{"No login name was given: fill in auth.user.",
                               "ログイン名が指定されていません。auth.user を設定してください。"};
constexpr core::Text k_secure_true{"secure: true = implicit TLS, from the first byte.",
                                   "secure: true は暗黙的 TLS (最初のバイトから TLS) です。"};
constexpr core::Text k_secure_false{
  "secure: false = STARTTLS on this port; requireTLS: true refuses to go on without it.",
  "secure: false はこのポートで STARTTLS を使う設定で、requireTLS: true により STARTTLS なしでは先に進みません。"};
constexpr core::Text k_cleartext{"No TLS: the password crosses the network in cleartext.",
                                 "TLS なし: パスワードが平文でネットワークを流れます。"};
constexpr core::Text k_verify{"Verify the server's certificate (nodemailer's default, stated).",
                              "サーバーの証明書を検証します (nodemailer の既定値を明示)。"};

WriteResult write(const WritePlan& plan)
{
  if (plan.outgoing.empty()) {
    return WriteError{WriteError::Kind::needs_outgoing};
  }
  const auto& s = plan.outgoing.front();
  std::string out = header_comment(plan, "//", nodemailer);
  out += comment(plan, "//", k_usage);
  out += "\"use strict\";\n\nconst nodemailer = require(\"nodemailer\");\n\n";
  out += "module.exports = nodemailer.createTransport({\n";
  for (const auto& warning : s.warnings) {
    out += comment("  //", warning);
  }
  out += fmt::format("  host: {},\n  port: {},\n", string_literal(s.host), s.port);
  switch (s.tls) {
  case core::TlsMode::implicit:
    out += comment(plan, "  //", k_secure_true);
    out += "  secure: true,\n";
    break;
  case core::TlsMode::none:
    out += comment(plan, "  //", k_cleartext);
    out += "  secure: false,\n  ignoreTLS: true,\n";
    break;
  case core::TlsMode::starttls:
  case core::TlsMode::opportunistic:
    out += comment(plan, "  //", k_secure_false);
    out += "  secure: false,\n  requireTLS: true,\n";
    break;
  }
  if (plan.user.empty()) {
    out += comment(plan, "  //", k_no_user);
  }
  out += fmt::format("  auth: {{\n    user: {},\n    pass: process.env.SMTP_PASSWORD,\n  }},\n", string_literal(plan.user));
  if (s.tls != core::TlsMode::none) {
    out += comment(plan, "  //", k_verify);
    out += "  tls: {\n    rejectUnauthorized: true,\n  },\n";
  }
  out += "  connectionTimeout: 30000,\n  greetingTimeout: 30000,\n  socketTimeout: 60000,\n});\n";
  return out;
}

} // namespace

const Format nodemailer{
  "nodemailer",
  "",
  {"A nodemailer (Node.js) SMTP transport with explicit secure/requireTLS",
   "secure/requireTLS を明示した nodemailer (Node.js) の SMTP トランスポート"},
  {},
  nullptr,
  nullptr,
  write,
  "",
  {},
  {},
};

} // namespace mailports::clientconf::formats
