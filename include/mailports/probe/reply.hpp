// Parsers for the capability replies a probe reads. Pure functions over the
// lines already read (without CRLF), so they are unit-tested and fuzzed.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mailports::probe {

// One line of an SMTP reply: "250-STARTTLS" or "250 OK".
struct SmtpLine {
  int code = 0;
  bool last = true;
  std::string_view text;
};

// nullopt unless the line starts with a three-digit code followed by '-',
// ' ' or the end of the line.
std::optional<SmtpLine> parse_smtp_line(std::string_view line);

struct Capabilities {
  bool starttls = false;
  std::vector<std::string> auth; // mechanisms, upper case, in the server's order
};

// EHLO reply lines, the greeting line excluded: STARTTLS, AUTH (and the old
// "AUTH=" form some servers still send).
Capabilities parse_ehlo(const std::vector<std::string>& lines);

// One "* CAPABILITY ..." line, or the text of a "[CAPABILITY ...]" response
// code: STARTTLS, AUTH=..., and LOGINDISABLED (else the LOGIN command
// counts as a way to send a password).
Capabilities parse_imap_capability(std::string_view line);

// POP3 CAPA reply lines, between "+OK" and ".": STLS, SASL, USER.
Capabilities parse_pop3_capa(const std::vector<std::string>& lines);

// The capability list inside an IMAP greeting's "[CAPABILITY ...]", if any.
std::optional<std::string_view> imap_greeting_capability(std::string_view greeting);

} // namespace mailports::probe
