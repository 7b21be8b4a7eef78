#include <mailports/diagnose/redact.hpp>

#include <mailports/util/text.hpp>

#include <algorithm>
#include <array>
#include <cctype>
#include <span>

namespace mailports::diagnose {

namespace {

constexpr std::string_view k_stars = "***";

bool is_space(char c) noexcept
{
  return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

// Where a URL's authority (or a token) ends in running text.
bool ends_token(char c) noexcept
{
  return is_space(c) || c == '/' || c == '"' || c == '\'' || c == '>' || c == '<' || c == ')' || c == ']'
         || c == ',' || c == ';';
}

bool ends_value(char c) noexcept
{
  return is_space(c) || c == '"' || c == '\'' || c == '&' || c == ';' || c == ',' || c == ')' || c == '>';
}

// scheme://user:password@host -> scheme://user:***@host, for every URL.
std::string redact_urls(std::string_view text)
{
  std::string out;
  out.reserve(text.size());
  std::size_t from = 0;
  while (true) {
    const auto scheme_end = text.find("://", from);
    if (scheme_end == std::string_view::npos) {
      break;
    }
    const auto start = scheme_end + 3;
    auto end = start;
    while (end < text.size() && !ends_token(text[end])) {
      ++end;
    }
    const auto authority = text.substr(start, end - start);
    const auto at = authority.rfind('@');
    const auto colon = authority.substr(0, at == std::string_view::npos ? 0 : at).find(':');
    out.append(text.substr(from, start - from));
    if (at != std::string_view::npos && colon != std::string_view::npos) {
      out.append(authority.substr(0, colon + 1)).append(k_stars).append(authority.substr(at));
    } else {
      out.append(authority);
    }
    from = end;
  }
  out.append(text.substr(from));
  return out;
}

bool is_base64(std::string_view token) noexcept
{
  return std::all_of(token.begin(), token.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '+' || c == '/' || c == '=';
  });
}

bool is_word_char(char c) noexcept
{
  return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_' || c == '-';
}

// Replaces the value after each of `words` (case-insensitive, a whole word)
// by ***, where `value_at` accepts what follows the word: it returns where
// the value starts, or npos to leave it.
template <typename ValueAt>
std::string redact_after(std::string_view text, std::span<const std::string_view> words, ValueAt value_at)
{
  const auto lower = util::to_lower(text);
  std::string out;
  std::size_t from = 0;
  for (std::size_t at = 0; at < lower.size(); ++at) {
    if (at > 0 && is_word_char(lower[at - 1])) {
      continue;
    }
    const auto word = std::find_if(words.begin(), words.end(),
                                   [&](std::string_view w) { return lower.compare(at, w.size(), w) == 0; });
    if (word == words.end() || (at + word->size() < lower.size() && is_word_char(lower[at + word->size()]))) {
      continue;
    }
    const auto value = value_at(text, at + word->size());
    if (value == std::string_view::npos || value < from) {
      continue;
    }
    const char quote = value < text.size() && (text[value] == '"' || text[value] == '\'') ? text[value] : '\0';
    const auto secret = quote != '\0' ? value + 1 : value;
    auto end = secret;
    while (end < text.size() && (quote != '\0' ? text[end] != quote : !ends_value(text[end]))) {
      ++end;
    }
    if (end == secret) {
      continue;
    }
    out.append(text.substr(from, secret - from)).append(k_stars);
    from = end;
    at = end;
  }
  out.append(text.substr(from));
  return out;
}

// AUTH PLAIN <base64>: the credentials themselves (RFC 4954); only a token
// that looks like base64 of them, so "AUTH PLAIN not supported" stays.
std::size_t auth_value(std::string_view text, std::size_t after)
{
  if (after >= text.size() || text[after] != ' ') {
    return std::string_view::npos;
  }
  const auto start = after + 1;
  auto end = start;
  while (end < text.size() && !is_space(text[end])) {
    ++end;
  }
  const auto token = text.substr(start, end - start);
  const bool looks = is_base64(token) && (token.size() >= 12 || (!token.empty() && token.back() == '='));
  return looks ? start : std::string_view::npos;
}

// password=x, pass: x, api_key = "x": a key, then '=' or ':'.
std::size_t key_value(std::string_view text, std::size_t after)
{
  auto at = after;
  while (at < text.size() && text[at] == ' ') {
    ++at;
  }
  if (at >= text.size() || (text[at] != '=' && text[at] != ':')) {
    return std::string_view::npos;
  }
  ++at;
  while (at < text.size() && text[at] == ' ') {
    ++at;
  }
  return at < text.size() ? at : std::string_view::npos;
}

constexpr std::array<std::string_view, 5> k_auth_words = {"auth plain", "auth login", "auth xoauth2",
                                                          "auth oauthbearer", "auth cram-md5"};
// Keys whose value is a secret.
constexpr std::array<std::string_view, 8> k_secret_keys = {"password", "passwd", "pass", "pwd", "secret",
                                                           "token", "api_key", "apikey"};

} // namespace

std::string redact_secrets(std::string_view line)
{
  auto out = redact_urls(line);
  out = redact_after(out, k_auth_words, auth_value);
  return redact_after(out, k_secret_keys, key_value);
}

} // namespace mailports::diagnose
