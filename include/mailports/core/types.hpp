// The vocabulary shared by the rules table, the engine and the CLI.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

namespace mailports::core {

enum class Proto : std::uint8_t { smtp, imap, pop3 };
enum class TlsMode : std::uint8_t { none, starttls, opportunistic, implicit };
enum class Role : std::uint8_t { client, relay };
enum class Severity : std::uint8_t { info, warning, error };
enum class Verdict : std::uint8_t { ok, warning, error };
enum class Status : std::uint8_t {
  recommended,
  acceptable,
  fallback,
  discouraged,
  insecure,
  mismatch,
  not_mail_port,
};
enum class Lang : std::uint8_t { en, ja };

// A user-facing text in every language the project ships.
struct Text {
  std::string_view en;
  std::string_view ja;

  [[nodiscard]] constexpr std::string_view in(Lang lang) const noexcept
  {
    return lang == Lang::ja ? ja : en;
  }
};

inline constexpr Proto k_protos[] = {Proto::smtp, Proto::imap, Proto::pop3};
inline constexpr TlsMode k_tls_modes[] = {
  TlsMode::none, TlsMode::starttls, TlsMode::opportunistic, TlsMode::implicit};
inline constexpr Role k_roles[] = {Role::client, Role::relay};

std::string_view to_string(Proto proto) noexcept;
std::string_view to_string(TlsMode mode) noexcept;
std::string_view to_string(Role role) noexcept;
std::string_view to_string(Severity severity) noexcept;
std::string_view to_string(Verdict verdict) noexcept;
std::string_view to_string(Status status) noexcept;
std::string_view to_string(Lang lang) noexcept;

// Canonical names only; case-sensitive, as in the rules file.
std::optional<Proto> parse_proto(std::string_view text) noexcept;
std::optional<Role> parse_role(std::string_view text) noexcept;
std::optional<Severity> parse_severity(std::string_view text) noexcept;
std::optional<Status> parse_status(std::string_view text) noexcept;

// User input, already NFKC (util/unicode.hpp): case-insensitive, and "pop"
// for pop3.
std::optional<Proto> parse_proto_word(std::string_view text) noexcept;

// User input, already NFKC: case- and space-insensitive, and accepts the
// aliases that mail clients and guides use (plain, ssl, tls, may, なし, 自動,
// 暗黙的TLS, 明示的TLS, STARTTLS(利用可能な場合), ...).
std::optional<TlsMode> parse_tls_mode(std::string_view text) noexcept;

// "TLS": implicit TLS to parse_tls_mode (and Thunderbird), STARTTLS in
// Outlook. Whoever reads it must say which reading was taken.
bool is_ambiguous_tls_word(std::string_view text) noexcept;

// The ASCII spellings parse_tls_mode accepts, canonical names first.
std::span<const std::string_view> tls_mode_spellings() noexcept;

Verdict verdict_of(Severity severity) noexcept;

// A status a setting may be given: recommended, acceptable or fallback.
constexpr bool usable(Status status) noexcept
{
  return status == Status::recommended || status == Status::acceptable || status == Status::fallback;
}

} // namespace mailports::core
