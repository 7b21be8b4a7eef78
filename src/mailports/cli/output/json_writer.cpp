#include <mailports/cli/output/json_writer.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <cassert>
#include <charconv>
#include <cstring>

namespace mailports::cli::output {

namespace {

constexpr std::uint64_t k_ones = 0x0101010101010101;
constexpr std::uint64_t k_high = 0x8080808080808080;

constexpr std::uint64_t has_zero_byte(std::uint64_t v) noexcept
{
  return (v - k_ones) & ~v & k_high;
}

// Whether 8 bytes are ASCII that JSON takes as it is: no control character,
// no quote, no backslash, nothing over 0x7F. Most of the text is, and is
// skipped a word at a time.
bool plain_word(const char* p) noexcept
{
  std::uint64_t w = 0;
  std::memcpy(&w, p, sizeof w);
  return ((w & k_high) | ((w - k_ones * 0x20) & ~w & k_high) | has_zero_byte(w ^ (k_ones * '"'))
          | has_zero_byte(w ^ (k_ones * '\\')))
         == 0;
}

// The length of the valid UTF-8 sequence at p (RFC 3629: no overlongs, no
// surrogates, nothing above U+10FFFF), or 0.
int utf8_length(const unsigned char* p, const unsigned char* end) noexcept
{
  const unsigned c = *p;
  int more = 0;
  unsigned low = 0x80;
  unsigned high = 0xBF;
  if (c >= 0xC2 && c <= 0xDF) {
    more = 1;
  } else if (c >= 0xE0 && c <= 0xEF) {
    more = 2;
    low = c == 0xE0 ? 0xA0 : 0x80;
    high = c == 0xED ? 0x9F : 0xBF;
  } else if (c >= 0xF0 && c <= 0xF4) {
    more = 3;
    low = c == 0xF0 ? 0x90 : 0x80;
    high = c == 0xF4 ? 0x8F : 0xBF;
  } else {
    return 0;
  }
  if (end - p <= more || p[1] < low || p[1] > high) {
    return 0;
  }
  for (int i = 2; i <= more; ++i) {
    if (p[i] < 0x80 || p[i] > 0xBF) {
      return 0;
    }
  }
  return more + 1;
}

enum class ByteKind : unsigned char { plain, escape, lead };

// What each byte is to a JSON string: copied, escaped, or the start of a
// UTF-8 sequence to check (any byte over 0x7F).
constexpr auto k_byte_kind = [] {
  std::array<ByteKind, 256> kinds{};
  for (unsigned c = 0; c < 256; ++c) {
    kinds[c] = c >= 0x80 ? ByteKind::lead
               : (c < 0x20 || c == '"' || c == '\\') ? ByteKind::escape
                                                        : ByteKind::plain;
  }
  return kinds;
}();

char* append_escape(char* out, unsigned char c)
{
  constexpr char k_hex[] = "0123456789abcdef";
  *out++ = '\\';
  switch (c) {
  case '"':
  case '\\':
    *out++ = static_cast<char>(c);
    break;
  case '\b':
    *out++ = 'b';
    break;
  case '\f':
    *out++ = 'f';
    break;
  case '\n':
    *out++ = 'n';
    break;
  case '\r':
    *out++ = 'r';
    break;
  case '\t':
    *out++ = 't';
    break;
  default:
    *out++ = 'u';
    *out++ = '0';
    *out++ = '0';
    *out++ = k_hex[c >> 4];
    *out++ = k_hex[c & 0xF];
  }
  return out;
}

// `width` spaces at `out`, 8 at a time (the caller leaves 8 bytes of room
// more): a few stores where a call to memset per line cost more than the
// rest of the line.
void spaces(char* out, std::size_t width) noexcept
{
  for (std::size_t i = 0; i < width; i += 8) {
    std::memcpy(out + i, "        ", 8);
  }
}

} // namespace

JsonWriter::JsonWriter(int indent, std::size_t expected) : m_indent(indent)
{
  m_buffer.resize(expected);
  m_counts.reserve(8);
}

void JsonWriter::grow(std::size_t n)
{
  m_buffer.resize(std::max(m_buffer.size() * 2, m_length + n));
}

void JsonWriter::put(std::string_view bytes)
{
  if (bytes.empty()) {
    return; // an empty view's data() may be null, which memcpy must not get
  }
  std::memcpy(room(bytes.size()), bytes.data(), bytes.size());
  m_length += bytes.size();
}

std::string JsonWriter::finish(std::string_view tail) &&
{
  put(tail);
  m_buffer.resize(m_length);
  return std::move(m_buffer);
}

void JsonWriter::string(std::string_view text)
{
  const auto start = m_length;
  // Each byte becomes at most 6 ("\u001f"), plus the quotes.
  char* out = room(text.size() * 6 + 2);
  *out++ = '"';
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const auto* end = p + text.size();
  const auto* run = p; // start of the bytes not yet copied
  const auto copy_run = [&] {
    if (p != run) { // an empty string's data() may be null
      std::memcpy(out, run, static_cast<std::size_t>(p - run));
      out += p - run;
    }
  };
  while (p < end) {
    while (end - p >= 8 && plain_word(reinterpret_cast<const char*>(p))) {
      p += 8;
    }
    if (p == end) {
      break;
    }
    const unsigned c = *p;
    const auto kind = k_byte_kind[c];
    if (kind == ByteKind::plain) {
      ++p;
      continue;
    }
    if (kind == ByteKind::lead) {
      const int length = utf8_length(p, end);
      if (length == 0) {
        // Rare (user input not in UTF-8): nlohmann's own replacement rules.
        m_length = start;
        put(nlohmann::json(std::string(text)).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
        return;
      }
      p += length;
      continue;
    }
    copy_run();
    out = append_escape(out, static_cast<unsigned char>(c));
    run = ++p;
  }
  copy_run();
  *out++ = '"';
  m_length = static_cast<std::size_t>(out - m_buffer.data());
}

void JsonWriter::element()
{
  if (m_after_key) {
    m_after_key = false;
    return;
  }
  if (m_counts.empty()) {
    return;
  }
  const bool first = m_counts.back()++ == 0;
  if (m_indent < 0) {
    if (!first) {
      put(",");
    }
    return;
  }
  const auto width = m_counts.size() * static_cast<std::size_t>(m_indent);
  char* out = room(width + 2 + 8);
  if (!first) {
    *out++ = ',';
  }
  *out++ = '\n';
  spaces(out, width);
  m_length = static_cast<std::size_t>(out + width - m_buffer.data());
}

void JsonWriter::open(char bracket)
{
  element();
  *room(1) = bracket;
  ++m_length;
  m_counts.push_back(0);
}

void JsonWriter::close(char bracket)
{
  const int count = m_counts.back();
  m_counts.pop_back();
  const auto width = m_counts.size() * static_cast<std::size_t>(std::max(m_indent, 0));
  char* out = room(width + 2 + 8);
  if (count > 0 && m_indent >= 0) {
    *out++ = '\n';
    spaces(out, width);
    out += width;
  }
  *out++ = bracket;
  m_length = static_cast<std::size_t>(out - m_buffer.data());
}

JsonWriter& JsonWriter::begin_object()
{
  open('{');
  return *this;
}

JsonWriter& JsonWriter::end_object()
{
  close('}');
  return *this;
}

JsonWriter& JsonWriter::begin_array()
{
  open('[');
  return *this;
}

JsonWriter& JsonWriter::end_array()
{
  close(']');
  return *this;
}

JsonWriter& JsonWriter::key(std::string_view name)
{
  // Keys are the contract's own names: nothing in them to escape.
  assert(std::all_of(name.begin(), name.end(), [](char c) {
    return k_byte_kind[static_cast<unsigned char>(c)] == ByteKind::plain;
  }));
  element();
  char* out = room(name.size() + 4);
  *out++ = '"';
  std::memcpy(out, name.data(), name.size());
  out += name.size();
  *out++ = '"';
  *out++ = ':';
  if (m_indent >= 0) {
    *out++ = ' ';
  }
  m_length = static_cast<std::size_t>(out - m_buffer.data());
  m_after_key = true;
  return *this;
}

JsonWriter& JsonWriter::value(std::string_view text)
{
  element();
  string(text);
  return *this;
}

JsonWriter& JsonWriter::value(std::int64_t number)
{
  element();
  char* out = room(24);
  const auto result = std::to_chars(out, out + 24, number);
  m_length = static_cast<std::size_t>(result.ptr - m_buffer.data());
  return *this;
}

JsonWriter& JsonWriter::value(bool flag)
{
  element();
  put(flag ? "true" : "false");
  return *this;
}

JsonWriter& JsonWriter::null()
{
  element();
  put("null");
  return *this;
}

} // namespace mailports::cli::output
