#include <mailports/clientconf/format.hpp>

#include "formats/formats.hpp"

#include <algorithm>
#include <array>
#include <cctype>

namespace mailports::clientconf {

namespace {

// The order of --help: the mail clients, then what an admin publishes, then
// what a program holds.
constexpr std::array k_formats = {
  &formats::msmtp,     &formats::neomutt,    &formats::mbsync, &formats::aerc,
  &formats::fetchmail, &formats::thunderbird, &formats::srv,    &formats::nodemailer,
  &formats::python,    &formats::postfix,
};

bool name_matches(std::string_view pattern, std::string_view base)
{
  if (pattern.starts_with('*')) {
    return base.ends_with(pattern.substr(1));
  }
  return base == pattern;
}

} // namespace

std::span<const Format* const> all_formats() noexcept
{
  return k_formats;
}

const Format* find_format(std::string_view name) noexcept
{
  const auto found = std::find_if(k_formats.begin(), k_formats.end(),
                                  [name](const Format* f) { return f->name == name; });
  return found == k_formats.end() ? nullptr : *found;
}

bool is_client_code(std::string_view code) noexcept
{
  return std::any_of(k_formats.begin(), k_formats.end(), [code](const Format* f) {
    return std::find(f->codes.begin(), f->codes.end(), code) != f->codes.end();
  });
}

const Format* detect_format(std::string_view file_name, std::string_view content) noexcept
{
  const auto slash = file_name.rfind('/');
  const auto base = slash == std::string_view::npos ? file_name : file_name.substr(slash + 1);
  const Format* best = nullptr;
  int best_score = 0;
  for (const Format* format : k_formats) {
    if (format->read == nullptr) {
      continue;
    }
    // A file name that says the format outweighs any content.
    const bool named = std::any_of(format->file_names.begin(), format->file_names.end(),
                                   [base](std::string_view p) { return name_matches(p, base); });
    const int score = (named ? 1000 : 0) + (format->sniff != nullptr ? format->sniff(content) : 0);
    if (score > best_score) {
      best = format;
      best_score = score;
    }
  }
  return best;
}

std::optional<Version> parse_version(std::string_view text)
{
  if (!text.empty() && (text.front() == 'v' || text.front() == 'V')) {
    text.remove_prefix(1);
  }
  Version version;
  std::size_t i = 0;
  while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i])) != 0) {
    unsigned part = 0;
    std::size_t digits = 0;
    while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i])) != 0) {
      if (++digits > 9) { // no client version has a part this long
        return std::nullopt;
      }
      part = part * 10 + static_cast<unsigned>(text[i] - '0');
      ++i;
    }
    version.parts.push_back(part);
    if (i + 1 < text.size() && text[i] == '.' && std::isdigit(static_cast<unsigned char>(text[i + 1])) != 0) {
      ++i;
      continue;
    }
    break;
  }
  if (version.parts.empty()) {
    return std::nullopt;
  }
  version.text = std::string(text.substr(0, i));
  return version;
}

std::optional<Version> find_version(std::string_view output)
{
  // "msmtp version 1.8.23", "isync 1.4.4", "This is fetchmail release 6.4.37+GSS",
  // "NeoMutt 20220429", "aerc 0.14.0 +notmuch (go1.19.8 amd64 linux)".
  for (std::size_t i = 0; i < output.size(); ++i) {
    const bool word_start = i == 0 || output[i - 1] == ' ' || output[i - 1] == 'v' || output[i - 1] == '\t';
    if (word_start && std::isdigit(static_cast<unsigned char>(output[i])) != 0) {
      if (auto version = parse_version(output.substr(i))) {
        return version;
      }
    }
    if (output[i] == '\n') {
      break; // the first line only: later lines list libraries' versions
    }
  }
  return std::nullopt;
}

} // namespace mailports::clientconf
