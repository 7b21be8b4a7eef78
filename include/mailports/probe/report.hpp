// What a probe found on one port: facts only. probe/judge.hpp turns them
// into findings with the rules table.
#pragma once

#include <mailports/core/types.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace mailports::probe {

struct Certificate {
  std::string subject; // RFC 2253
  std::string issuer;
  std::vector<std::string> sans; // DNS names and IP addresses
  std::string not_before;        // ISO 8601, UTC
  std::string not_after;
  long long days_left = 0;       // whole days, rounded down: negative once expired
  long long days_expired = 0;    // once expired, whole days since (0: less than a day)
  bool not_yet_valid = false;    // not_before is still to come
  bool hostname_match = false;
  bool chain_trusted = false;    // expiry is judged apart from the chain
  std::optional<std::string> verify_error;      // the first error of any kind
  std::optional<std::string> chain_error; // the first that makes the chain untrusted
};

struct TlsSession {
  std::string version; // "TLSv1.3"
  int version_number = 0; // 0x0304 for TLS 1.3, as OpenSSL numbers them
  std::string cipher;
  std::optional<Certificate> certificate;
};

enum class StarttlsResult : std::uint8_t { ok, rejected, failed };

// Why a probe stopped early. The detail (an errno or OpenSSL text, the
// line) goes with it in ProbeError.
enum class ErrorKind : std::uint8_t {
  refused,           // nothing listens
  connect_timeout,   // no answer to the connection
  connect_failed,    // another connect error: detail says which
  no_address,        // no address of the --source family
  closed,            // the server closed the connection
  timeout,           // waiting for the server, after connecting
  line_too_long,     // a line over k_max_line bytes
  reply_too_long,    // a reply over k_max_reply bytes
  bad_reply,         // not the protocol's reply
  tls_failed,        // the TLS handshake failed
  starttls_rejected, // STARTTLS/STLS answered with an error
  io_failed,         // read or write failed: detail says why
};

struct ProbeError {
  ErrorKind kind = ErrorKind::io_failed;
  std::string detail;
};

inline constexpr std::size_t k_max_line = 4096;
inline constexpr std::size_t k_max_reply = 64 * 1024;

// "login-command" and "user-pass" join SASL names in the auth lists: IMAP's
// LOGIN command (no LOGINDISABLED) and POP3's USER/PASS send a password too.
inline constexpr std::string_view k_imap_login_command = "login-command";
inline constexpr std::string_view k_pop3_user_pass = "user-pass";

struct PortReport {
  // nullopt: to be read from a greeting that never came.
  std::optional<core::Proto> proto = core::Proto::smtp;
  std::uint16_t port = 0;
  bool named = false; // asked for with --port, not part of a sweep
  std::optional<std::string> address;
  bool reachable = false;
  std::optional<core::TlsMode> tls; // none, starttls or implicit, once known
  std::optional<std::string> banner;
  std::optional<bool> starttls_offered;
  std::optional<StarttlsResult> starttls_result;
  std::optional<TlsSession> tls_session;
  std::optional<std::vector<std::string>> auth_before_tls;
  std::optional<std::vector<std::string>> auth_after_tls;
  bool auth_offered = false; // SMTP: EHLO listed AUTH at some point
  std::optional<ProbeError> error;
};

} // namespace mailports::probe
