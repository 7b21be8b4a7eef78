// The rules table: what each (protocol, port, TLS mode) means and which
// findings it carries. Views only; the storage lives in static data (the
// built-in table) or in an OwnedTable (a table loaded at run time).
#pragma once

#include <mailports/core/types.hpp>

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string_view>

namespace mailports::rules {

// A finding a mode carries, only for the given role when one is set.
struct FindingRef {
  std::string_view code;
  std::optional<core::Role> role;
};

// Entries of one port may overlap only where both have the same protocol,
// one names a TLS mode and the other has "any": the one naming the mode wins
// (a port fact such as "25 does not speak implicit TLS" beats the general
// row for mail clients on port 25).
struct Entry {
  std::optional<core::Proto> proto; // nullopt: any protocol
  std::uint16_t port = 0;
  std::optional<core::TlsMode> tls; // nullopt: any mode
  std::optional<core::Role> role;   // nullopt: any role
  core::Status status = core::Status::mismatch;
  int rank = 0;                       // 0: not recommended
  std::optional<std::string_view> service; // nullopt: not registered for mail
  std::span<const std::string_view> refs;
  std::span<const std::string_view> findings;
  std::span<const std::string_view> notes;
  core::Text summary;

  [[nodiscard]] bool matches(core::Proto p) const noexcept { return !proto || *proto == p; }
  [[nodiscard]] bool matches(core::TlsMode m) const noexcept { return !tls || *tls == m; }
  [[nodiscard]] bool matches(core::Role r) const noexcept { return !role || *role == r; }
};

struct FindingDef {
  std::string_view code;
  core::Severity severity = core::Severity::error;
  std::span<const std::string_view> refs;
  core::Text message;
  std::optional<core::Role> role; // the role its text speaks to; nullopt: both
};

struct ModeDef {
  core::TlsMode mode = core::TlsMode::none;
  core::Text label;
  core::Text summary;
  std::span<const FindingRef> findings;
};

struct Note {
  std::string_view id;
  core::Text title;
  core::Text text;
  std::span<const std::string_view> refs;
};

struct Table {
  std::string_view version;
  std::string_view date;
  std::span<const ModeDef> modes; // indexed by TlsMode
  std::span<const FindingDef> findings;
  std::span<const Note> notes;
  std::span<const Entry> entries;

  [[nodiscard]] const FindingDef* finding(std::string_view code) const noexcept;
  [[nodiscard]] const Note* note(std::string_view id) const noexcept;
  [[nodiscard]] const ModeDef& mode(core::TlsMode mode) const noexcept;
};

// The finding codes the engine itself raises, for situations no single entry
// describes. A valid table defines each of them.
namespace codes {
inline constexpr std::string_view tls_mode_not_spoken = "tls-mode-not-spoken";
inline constexpr std::string_view port_of_other_protocol = "port-of-other-protocol";
inline constexpr std::string_view unknown_port = "unknown-port";
inline constexpr std::string_view relay_port_for_client = "relay-port-for-client";
inline constexpr std::string_view client_port_for_relay = "client-port-for-relay";
inline constexpr std::string_view tls_mode_unstated = "tls-mode-unstated";
inline constexpr std::string_view engine_codes[] = {
  tls_mode_not_spoken, port_of_other_protocol, unknown_port,
  relay_port_for_client, client_port_for_relay, tls_mode_unstated};

// Notes on how the user's words were read (a protocol inferred from the
// port, an ambiguous "TLS", a likely port typo). The built-in table defines
// them; a table that lacks one still serves, without that note.
inline constexpr std::string_view proto_inferred = "proto-inferred";
inline constexpr std::string_view tls_word_ambiguous = "tls-word-ambiguous";
inline constexpr std::string_view port_typo = "port-typo";
inline constexpr std::string_view reading_codes[] = {proto_inferred, tls_word_ambiguous, port_typo};
// probe: a port that greeted as no mail protocol does (optional like the above).
inline constexpr std::string_view probe_unknown_protocol = "probe-unknown-protocol";

// The codes `mailports probe` raises about what a live server offers. The
// built-in table defines each of them; `probe` refuses a table that lacks
// one, and the other commands do not need them (a table written before the
// probe existed still serves them).
inline constexpr std::string_view probe_unreachable = "probe-unreachable";
inline constexpr std::string_view probe_no_response = "probe-no-response";
inline constexpr std::string_view probe_auth_cleartext = "probe-auth-cleartext";
inline constexpr std::string_view probe_starttls_missing = "probe-starttls-missing";
inline constexpr std::string_view probe_starttls_rejected = "probe-starttls-rejected";
inline constexpr std::string_view probe_tls_failed = "probe-tls-failed";
inline constexpr std::string_view probe_cert_untrusted = "probe-cert-untrusted";
inline constexpr std::string_view probe_cert_expired = "probe-cert-expired";
inline constexpr std::string_view probe_cert_name_mismatch = "probe-cert-name-mismatch";
inline constexpr std::string_view probe_cert_expiring = "probe-cert-expiring";
inline constexpr std::string_view probe_cert_not_yet_valid = "probe-cert-not-yet-valid";
inline constexpr std::string_view probe_tls_old = "probe-tls-old";
// Issue 16: what the extra handshakes and the cleartext check find.
inline constexpr std::string_view probe_tls_old_accepted = "probe-tls-old-accepted";
inline constexpr std::string_view probe_cipher_no_forward_secrecy = "probe-cipher-no-forward-secrecy";
inline constexpr std::string_view probe_cipher_weak = "probe-cipher-weak";
inline constexpr std::string_view probe_cleartext_accepted = "probe-cleartext-accepted";
inline constexpr std::string_view probe_loopback_trusted = "probe-loopback-trusted";
inline constexpr std::string_view probe_codes[] = {
  probe_unreachable,       probe_no_response,    probe_auth_cleartext, probe_starttls_missing,
  probe_starttls_rejected, probe_tls_failed,     probe_cert_untrusted, probe_cert_expired,
  probe_cert_name_mismatch, probe_cert_expiring, probe_cert_not_yet_valid, probe_tls_old,
  probe_tls_old_accepted, probe_cipher_no_forward_secrecy, probe_cipher_weak,
  probe_cleartext_accepted, probe_loopback_trusted};

// The codes `mailports discover` raises about its sources and what they
// published (filled with a note's {value} and {other}). Like the probe's:
// `discover` refuses a table that lacks one; no other command needs them.
inline constexpr std::string_view autoconfig_http_only = "autoconfig-http-only";
inline constexpr std::string_view srv_not_offered = "srv-not-offered";
inline constexpr std::string_view srv_target_outside_domain = "srv-target-outside-domain";
inline constexpr std::string_view srv_submission_implicit = "srv-submission-implicit";
inline constexpr std::string_view sources_disagree = "sources-disagree";
inline constexpr std::string_view verify_mode_differs = "verify-mode-differs";
// discover/autoconfig's problem codes, each as "autoconfig-" + the code.
inline constexpr std::string_view autoconfig_problem_codes[] = {
  "autoconfig-content-type", "autoconfig-too-large",   "autoconfig-not-xml",
  "autoconfig-not-client-config", "autoconfig-no-email-provider", "autoconfig-server-type",
  "autoconfig-no-hostname",  "autoconfig-bad-hostname", "autoconfig-bad-port",
  "autoconfig-socket-type",  "autoconfig-authentication", "autoconfig-placeholder",
  "autoconfig-no-incoming",  "autoconfig-no-outgoing"};
inline constexpr std::string_view discover_codes[] = {
  autoconfig_http_only, srv_not_offered, srv_target_outside_domain,
  srv_submission_implicit, sources_disagree, verify_mode_differs};

// Causes `mailports diagnose` names that no setting shows (data/diagnoses.json
// points to them; its loader checks every code it uses exists).
inline constexpr std::string_view diagnose_codes[] = {
  "credentials-rejected", "auth-mechanism-not-offered", "connection-refused", "connection-blocked", "relay-denied",
  "client-host-rejected", "host-not-found"};

// Provider advice (engine/provider): what password-encrypted authentication
// on a cleartext server does and does not protect, and the way forward when
// every published server is an error. Optional like the reading codes.
inline constexpr std::string_view cleartext_credentials = "cleartext-credentials";
inline constexpr std::string_view auth_password_encrypted = "auth-password-encrypted";
inline constexpr std::string_view provider_no_secure_server = "provider-no-secure-server";
inline constexpr std::string_view provider_codes[] = {auth_password_encrypted, provider_no_secure_server};
} // namespace codes

// The placeholders a finding message may use.
inline constexpr std::string_view k_message_placeholders[] = {
  "proto", "port", "tls", "service", "modes", "other_proto", "other_service", "best_port", "likely_port",
  "value", "other"};

// A table loaded at run time, with the storage its views point into.
class OwnedTable {
public:
  struct Storage;

  explicit OwnedTable(std::shared_ptr<const Storage> storage, Table table)
    : m_storage(std::move(storage)), m_table(table)
  {
  }

  [[nodiscard]] const Table& table() const noexcept { return m_table; }

private:
  std::shared_ptr<const Storage> m_storage;
  Table m_table;
};

} // namespace mailports::rules
