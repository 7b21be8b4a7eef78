// Mail server URLs as applications write them: smtps://user:pass@host:465.
#pragma once

#include <mailports/core/result.hpp>
#include <mailports/core/types.hpp>

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace mailports::url {

struct MailUrl {
  std::string scheme;                 // lower-case
  core::Proto proto = core::Proto::smtp;
  std::optional<core::TlsMode> tls;   // the scheme's mode (implicit for "smtps", STARTTLS for "smtp+tls"), else unstated
  std::string_view service;           // IANA service the scheme names, e.g. "submissions"
  std::string user;
  bool has_password = false;
  std::string host;
  std::optional<std::uint16_t> port;  // only when the URL gives one
  std::string redacted;               // the URL as it may be shown: password as ***
};

struct UrlError {
  enum class Kind {
    no_scheme,      // not "scheme://..."
    unknown_scheme, // detail: the scheme
    empty_host,
    bad_host,       // detail: the host
    bad_port,       // detail: the port text
    has_path,       // anything after host[:port] but a lone "/"
    mailto,         // "mailto:ADDRESS": an e-mail address, not a server; detail: the address
  };
  Kind kind = Kind::no_scheme;
  std::string detail;   // safe to print: never holds the password
  std::string redacted; // the URL with any password replaced, for messages
};

core::Result<MailUrl, UrlError> parse_mail_url(std::string_view text);

// "user:secret@host" -> "user:***@host": text that is not a URL (no scheme,
// HOST:PORT typed with a user) as it may be shown.
std::string redact_userinfo(std::string_view text);

// "host", "host:port", "[v6]" or "[v6]:port": the part of a URL between the
// user and the path, also typed alone (`check smtp.example.com:587`).
struct Authority {
  std::string host;                  // brackets kept for IPv6
  std::optional<std::uint16_t> port;
};
core::Result<Authority, UrlError> parse_authority(std::string_view host_port);

// Text that reads as HOST:PORT rather than a URL: no "://", no user, and a
// port. A bad port is an error (`mail.example.com:0`); text of another
// shape is nullopt, for the URL parser to judge.
std::optional<core::Result<Authority, UrlError>> as_host_port(std::string_view text);

// HOST:PORT read as a URL without a scheme (and so without a mode) for
// `proto`: shown as typed.
MailUrl from_host_port(std::string_view text, const Authority& authority, core::Proto proto);

std::span<const std::string_view> mail_url_schemes() noexcept;

} // namespace mailports::url
