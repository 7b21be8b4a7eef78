// What a probe found on one port: facts only. probe/judge.hpp turns them
// into findings with the rules table.
#pragma once

#include <mailports/core/types.hpp>
#include <mailports/net/error.hpp>
#include <mailports/net/tls_session.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace mailports::probe {

enum class StarttlsResult : std::uint8_t { ok, rejected, failed };

// The probe reports what the connection met in net's own terms.
using net::Certificate;
using net::TlsSession;
using ErrorKind = net::ErrorKind;
using ProbeError = net::IoError;

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
