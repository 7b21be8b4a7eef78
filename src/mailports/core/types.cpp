#include <mailports/core/types.hpp>

#include <mailports/util/text.hpp>

#include <array>
#include <utility>

namespace mailports::core {

namespace {

template <typename Enum, std::size_t N>
std::optional<Enum> find_name(const std::array<std::pair<std::string_view, Enum>, N>& names,
                              std::string_view text) noexcept
{
  for (const auto& [name, value] : names) {
    if (name == text) {
      return value;
    }
  }
  return std::nullopt;
}

constexpr std::array<std::pair<std::string_view, Proto>, 3> k_proto_names{{
  {"smtp", Proto::smtp}, {"imap", Proto::imap}, {"pop3", Proto::pop3}}};
constexpr std::array<std::pair<std::string_view, Role>, 2> k_role_names{{
  {"client", Role::client}, {"relay", Role::relay}}};
constexpr std::array<std::pair<std::string_view, Severity>, 3> k_severity_names{{
  {"info", Severity::info}, {"warning", Severity::warning}, {"error", Severity::error}}};
constexpr std::array<std::pair<std::string_view, Status>, 7> k_status_names{{
  {"recommended", Status::recommended},
  {"acceptable", Status::acceptable},
  {"fallback", Status::fallback},
  {"discouraged", Status::discouraged},
  {"insecure", Status::insecure},
  {"mismatch", Status::mismatch},
  {"not-mail-port", Status::not_mail_port}}};

// Canonical names first, so that suggestions prefer them.
constexpr std::array<std::pair<std::string_view, TlsMode>, 13> k_tls_names{{
  {"none", TlsMode::none},
  {"starttls", TlsMode::starttls},
  {"opportunistic", TlsMode::opportunistic},
  {"implicit", TlsMode::implicit},
  {"plain", TlsMode::none},
  {"off", TlsMode::none},
  {"cleartext", TlsMode::none},
  {"explicit", TlsMode::starttls},
  {"may", TlsMode::opportunistic},
  {"starttls-optional", TlsMode::opportunistic},
  {"ssl", TlsMode::implicit},
  {"tls", TlsMode::implicit},
  {"ssl/tls", TlsMode::implicit}}};

// What Japanese clients and guides call the modes (../shared/ja-terms.md),
// matched after NFKC, so full-width forms and "（…）" arrive here as ASCII.
constexpr std::array<std::pair<std::string_view, TlsMode>, 8> k_tls_words_ja{{
  {"なし", TlsMode::none},
  {"平文", TlsMode::none},
  {"自動", TlsMode::opportunistic},
  {"STARTTLS(利用可能な場合)", TlsMode::opportunistic},
  {"日和見TLS", TlsMode::opportunistic},
  {"暗黙的TLS", TlsMode::implicit},
  {"暗黙のTLS", TlsMode::implicit},
  {"明示的TLS", TlsMode::starttls}}};

// "TLS" names implicit TLS in Thunderbird's menu (SSL/TLS) and in most
// guides, but STARTTLS in Outlook's (なし / SSL / TLS / 自動).
constexpr std::string_view k_ambiguous_tls_word = "tls";

// Equal but for ASCII case and spaces: "暗黙的 TLS", "SSL / TLS", "Start TLS".
bool same_word(std::string_view a, std::string_view b) noexcept
{
  const auto skip = [](std::string_view s, std::size_t i) {
    while (i < s.size() && s[i] == ' ') {
      ++i;
    }
    return i;
  };
  std::size_t i = skip(a, 0);
  std::size_t j = skip(b, 0);
  while (i < a.size() && j < b.size()) {
    if (!util::iequals(a.substr(i, 1), b.substr(j, 1))) {
      return false;
    }
    i = skip(a, i + 1);
    j = skip(b, j + 1);
  }
  return i == a.size() && j == b.size();
}

constexpr auto k_tls_spellings = [] {
  std::array<std::string_view, k_tls_names.size()> out{};
  for (std::size_t i = 0; i < k_tls_names.size(); ++i) {
    out[i] = k_tls_names[i].first;
  }
  return out;
}();

} // namespace

std::string_view to_string(Proto proto) noexcept
{
  return k_proto_names[static_cast<std::size_t>(proto)].first;
}

std::string_view to_string(TlsMode mode) noexcept
{
  return k_tls_names[static_cast<std::size_t>(mode)].first;
}

std::string_view to_string(Role role) noexcept
{
  return k_role_names[static_cast<std::size_t>(role)].first;
}

std::string_view to_string(Severity severity) noexcept
{
  return k_severity_names[static_cast<std::size_t>(severity)].first;
}

std::string_view to_string(Verdict verdict) noexcept
{
  switch (verdict) {
  case Verdict::ok:
    return "ok";
  case Verdict::warning:
    return "warning";
  case Verdict::error:
    return "error";
  }
  return "error";
}

std::string_view to_string(Status status) noexcept
{
  return k_status_names[static_cast<std::size_t>(status)].first;
}

std::string_view to_string(Lang lang) noexcept
{
  return lang == Lang::ja ? "ja" : "en";
}

std::optional<Proto> parse_proto(std::string_view text) noexcept
{
  return find_name(k_proto_names, text);
}

std::optional<Role> parse_role(std::string_view text) noexcept
{
  return find_name(k_role_names, text);
}

std::optional<Severity> parse_severity(std::string_view text) noexcept
{
  return find_name(k_severity_names, text);
}

std::optional<Status> parse_status(std::string_view text) noexcept
{
  return find_name(k_status_names, text);
}

std::optional<Proto> parse_proto_word(std::string_view text) noexcept
{
  for (const auto& [name, value] : k_proto_names) {
    if (util::iequals(name, text)) {
      return value;
    }
  }
  // Every guide says POP; RFC 1939's service is pop3.
  return util::iequals(text, "pop") ? std::optional(Proto::pop3) : std::nullopt;
}

std::optional<TlsMode> parse_tls_mode(std::string_view text) noexcept
{
  for (const auto& [name, value] : k_tls_names) {
    if (same_word(name, text)) {
      return value;
    }
  }
  for (const auto& [name, value] : k_tls_words_ja) {
    if (same_word(name, text)) {
      return value;
    }
  }
  return std::nullopt;
}

bool is_ambiguous_tls_word(std::string_view text) noexcept
{
  return same_word(k_ambiguous_tls_word, text);
}

std::span<const std::string_view> tls_mode_spellings() noexcept
{
  return k_tls_spellings;
}

Verdict verdict_of(Severity severity) noexcept
{
  switch (severity) {
  case Severity::info:
    return Verdict::ok;
  case Severity::warning:
    return Verdict::warning;
  case Severity::error:
    return Verdict::error;
  }
  return Verdict::error;
}

} // namespace mailports::core
