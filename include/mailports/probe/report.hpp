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
// The only user name the probe ever sends (POP3 USER before STLS).
inline constexpr std::string_view k_dummy_user = "mailports-probe";

// One extra handshake after the probe's own, offering less than it: only
// old protocol versions, or only ciphers a server should refuse.
struct ExtraHandshake {
  enum class Offer : std::uint8_t { tls1_1, tls1_0, ssl3, no_forward_secrecy, weak_cipher };
  enum class Outcome : std::uint8_t { accepted, refused, unknown };
  Offer offer = Offer::tls1_1;
  Outcome outcome = Outcome::unknown;
  std::optional<TlsSession> session; // when accepted: what was negotiated
  std::optional<ProbeError> error;   // when not: why (unknown: the try itself failed)
  // Decided by a handshake that offered this together with another offer
  // (refused with it, or shown by what the server chose), not one of its own.
  bool inferred = false;
};

struct PortReport {
  // nullopt: to be read from a greeting that never came.
  std::optional<core::Proto> proto = core::Proto::smtp;
  std::uint16_t port = 0;
  bool named = false; // asked for with --port, not part of a sweep
  // --as SERVICE: judged as if it were this standard port (10587 as 587).
  std::optional<std::uint16_t> judged_as;
  // The connection came from the server's own address (127.0.0.1 to
  // 127.0.0.1): Dovecot then counts the client as secure.
  bool from_own_address = false;
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
  std::vector<ExtraHandshake> extra_handshakes; // only once tls_session is known
  // Before STARTTLS on a port that offers it: does the server let a client
  // go on in cleartext? SMTP: MAIL FROM:<> accepted; IMAP: no LOGINDISABLED;
  // POP3: USER (a fixed dummy name, never a password) accepted.
  std::optional<bool> cleartext_accepted;
  std::optional<std::string> cleartext_reply; // the server's answer (SMTP, POP3)
  std::optional<ProbeError> error;
};

} // namespace mailports::probe
