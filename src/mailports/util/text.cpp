#include <mailports/util/text.hpp>

#include <algorithm>
#include <cstdint>
#include <vector>

namespace mailports::util {

namespace {

char ascii_lower(char c) noexcept
{
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

// Length of the valid UTF-8 sequence at text[i], or 0 if it is not valid.
std::size_t utf8_sequence_length(std::string_view text, std::size_t i) noexcept
{
  const auto lead = static_cast<std::uint8_t>(text[i]);
  std::size_t length = 0;
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
  } else {
    return 0;
  }
  if (i + length > text.size()) {
    return 0;
  }
  for (std::size_t k = 1; k < length; ++k) {
    if ((static_cast<std::uint8_t>(text[i + k]) & 0xC0U) != 0x80U) {
      return 0;
    }
  }
  // Overlong forms, UTF-16 surrogates and code points past U+10FFFF are not
  // UTF-8 (RFC 3629): the second byte's range rules them out.
  const auto second = static_cast<std::uint8_t>(text[i + 1]);
  if ((lead == 0xE0 && second < 0xA0) || (lead == 0xED && second > 0x9F)
      || (lead == 0xF0 && second < 0x90) || (lead == 0xF4 && second > 0x8F)) {
    return 0;
  }
  return length;
}

} // namespace

bool iequals(std::string_view a, std::string_view b) noexcept
{
  return a.size() == b.size()
         && std::equal(a.begin(), a.end(), b.begin(),
                       [](char x, char y) { return ascii_lower(x) == ascii_lower(y); });
}

bool istarts_with(std::string_view text, std::string_view prefix) noexcept
{
  return text.size() >= prefix.size() && iequals(text.substr(0, prefix.size()), prefix);
}

std::string join(std::span<const std::string_view> items, std::string_view separator)
{
  std::string out;
  for (const auto item : items) {
    if (!out.empty()) {
      out += separator;
    }
    out += item;
  }
  return out;
}

std::string to_lower(std::string_view text)
{
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(), ascii_lower);
  return out;
}

std::string to_upper(std::string_view text)
{
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(), [](char c) {
    return (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
  });
  return out;
}

std::size_t edit_distance(std::string_view a, std::string_view b)
{
  const std::size_t rows = a.size() + 1;
  const std::size_t cols = b.size() + 1;
  std::vector<std::size_t> d(rows * cols);
  auto at = [cols, &d](std::size_t i, std::size_t j) -> std::size_t& { return d[i * cols + j]; };
  for (std::size_t i = 0; i < rows; ++i) {
    at(i, 0) = i;
  }
  for (std::size_t j = 0; j < cols; ++j) {
    at(0, j) = j;
  }
  for (std::size_t i = 1; i < rows; ++i) {
    for (std::size_t j = 1; j < cols; ++j) {
      const std::size_t cost = ascii_lower(a[i - 1]) == ascii_lower(b[j - 1]) ? 0 : 1;
      at(i, j) = std::min({at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost});
      if (i > 1 && j > 1 && ascii_lower(a[i - 1]) == ascii_lower(b[j - 2])
          && ascii_lower(a[i - 2]) == ascii_lower(b[j - 1])) {
        at(i, j) = std::min(at(i, j), at(i - 2, j - 2) + 1);
      }
    }
  }
  return at(rows - 1, cols - 1);
}

std::optional<std::string_view> closest_match(std::string_view input,
                                              std::span<const std::string_view> candidates)
{
  // Beyond this, a "suggestion" is noise: it would match anything short.
  constexpr std::size_t k_max_input = 64;
  if (input.empty() || input.size() > k_max_input) {
    return std::nullopt;
  }
  const std::size_t limit = std::max<std::size_t>(1, std::min<std::size_t>(3, input.size() / 2));
  std::optional<std::string_view> best;
  std::size_t best_distance = limit + 1;
  for (const auto candidate : candidates) {
    const std::size_t distance = edit_distance(input, candidate);
    if (distance < best_distance) {
      best = candidate;
      best_distance = distance;
    }
  }
  return best;
}

bool is_valid_utf8(std::string_view text) noexcept
{
  for (std::size_t i = 0; i < text.size();) {
    const auto lead = static_cast<unsigned char>(text[i]);
    const std::size_t length = lead < 0x80 ? 1 : utf8_sequence_length(text, i);
    if (length == 0) {
      return false;
    }
    i += length;
  }
  return true;
}

std::string quote_for_message(std::string_view text, std::size_t max_bytes)
{
  std::string out;
  const auto escape = [&out](std::uint8_t b) {
    constexpr char k_hex[] = "0123456789abcdef";
    out += "\\x";
    out += k_hex[b >> 4U];
    out += k_hex[b & 0x0FU];
  };
  std::size_t i = 0;
  while (i < text.size()) {
    if (out.size() >= max_bytes) {
      out += "...";
      break;
    }
    const auto byte = static_cast<std::uint8_t>(text[i]);
    if (byte >= 0x20 && byte < 0x7F) {
      out += static_cast<char>(byte);
      ++i;
      continue;
    }
    if (byte >= 0x80) {
      if (const std::size_t length = utf8_sequence_length(text, i); length != 0) {
        // Invisible characters (a byte-order mark, zero-width spaces, C1
        // controls) would make the quoted value look right: show them.
        const auto sequence = text.substr(i, length);
        constexpr std::string_view k_invisible[] = {"\uFEFF", "\u200B", "\u200C", "\u200D", "\u2060",
                                                    "\u200E", "\u200F", "\u00AD"};
        const bool invisible = std::find(std::begin(k_invisible), std::end(k_invisible), sequence)
                                 != std::end(k_invisible)
                               || (length == 2 && byte == 0xC2 && static_cast<std::uint8_t>(text[i + 1]) < 0xA0);
        if (invisible) {
          for (std::size_t k = 0; k < length; ++k) {
            escape(static_cast<std::uint8_t>(text[i + k]));
          }
        } else {
          out.append(sequence);
        }
        i += length;
        continue;
      }
    }
    escape(byte);
    ++i;
  }
  return out;
}

} // namespace mailports::util

namespace mailports::util {

namespace {

bool is_wide(char32_t c) noexcept
{
  return (c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0x303E) || (c >= 0x3041 && c <= 0x33FF)
         || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x4E00 && c <= 0x9FFF)
         || (c >= 0xA000 && c <= 0xA4CF) || (c >= 0xAC00 && c <= 0xD7A3)
         || (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFE30 && c <= 0xFE4F)
         || (c >= 0xFF00 && c <= 0xFF60) || (c >= 0xFFE0 && c <= 0xFFE6)
         || (c >= 0x20000 && c <= 0x3FFFD);
}

} // namespace

std::size_t display_width(std::string_view text) noexcept
{
  std::size_t width = 0;
  std::size_t i = 0;
  while (i < text.size()) {
    const auto lead = static_cast<unsigned char>(text[i]);
    const std::size_t length = lead < 0x80 ? 1 : utf8_sequence_length(text, i);
    if (length <= 1) {
      width += 1;
      ++i;
      continue;
    }
    char32_t c = lead & (0xFFU >> (length + 1));
    for (std::size_t k = 1; k < length; ++k) {
      c = (c << 6U) | (static_cast<unsigned char>(text[i + k]) & 0x3FU);
    }
    width += is_wide(c) ? 2 : 1;
    i += length;
  }
  return width;
}

std::string quote_for_shell(std::string_view text)
{
  const bool plain = !text.empty() && std::all_of(text.begin(), text.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           std::string_view("._@+-%:/=").find(c) != std::string_view::npos;
  });
  if (plain) {
    return std::string(text);
  }
  std::string out = "'";
  for (const char c : text) {
    out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  }
  return out + "'";
}

} // namespace mailports::util
