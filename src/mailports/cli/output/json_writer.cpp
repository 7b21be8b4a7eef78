#include <mailports/cli/output/json_writer.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <cassert>
#include <charconv>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

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

// Whether the whole text is plain (no byte to escape, nothing over 0x7F):
// most of a document is, and goes out with one copy. 16 bytes at a time
// with SSE2 (a signed compare below 0x20 catches the control characters
// and every byte over 0x7F), else 8; the last block overlaps the one
// before rather than going byte by byte.
bool plain_text(const char* p, std::size_t n) noexcept
{
#if defined(__SSE2__)
  if (n >= 16) {
    const auto quote = _mm_set1_epi8('"');
    const auto backslash = _mm_set1_epi8('\\');
    const auto space = _mm_set1_epi8(' ');
    const auto plain16 = [&](const char* at) {
      const auto v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(at));
      const auto bad = _mm_or_si128(_mm_cmplt_epi8(v, space),
                                    _mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, backslash)));
      return _mm_movemask_epi8(bad) == 0;
    };
    for (std::size_t i = 0; i + 16 < n; i += 16) {
      if (!plain16(p + i)) {
        return false;
      }
    }
    return plain16(p + n - 16);
  }
#endif
  if (n >= 8) {
    for (std::size_t i = 0; i + 8 < n; i += 8) {
      if (!plain_word(p + i)) {
        return false;
      }
    }
    return plain_word(p + n - 8);
  }
  unsigned kinds = 0;
  for (std::size_t i = 0; i < n; ++i) {
    kinds |= static_cast<unsigned>(k_byte_kind[static_cast<unsigned char>(p[i])]);
  }
  return kinds == 0;
}

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
  m_document.reserve(expected);
  m_counts.reserve(8);
}

void JsonWriter::flush()
{
  const char* begin = m_large ? m_large.get() : m_chunk;
  m_document.append(begin, static_cast<std::size_t>(m_cursor - begin));
  m_large.reset();
  m_cursor = m_chunk;
  m_end = m_chunk + k_chunk;
}

void JsonWriter::make_room(std::size_t n)
{
  flush();
  if (n > k_chunk) {
    m_large = std::make_unique_for_overwrite<char[]>(n);
    m_cursor = m_large.get();
    m_end = m_cursor + n;
  }
}

void JsonWriter::put(std::string_view bytes)
{
  if (bytes.empty()) {
    return; // an empty view's data() may be null, which memcpy must not get
  }
  std::memcpy(room(bytes.size()), bytes.data(), bytes.size());
  m_cursor += bytes.size();
}

std::string JsonWriter::finish(std::string_view tail) &&
{
  put(tail);
  flush();
  return std::move(m_document);
}

void JsonWriter::check_key([[maybe_unused]] std::string_view name) noexcept
{
  // Keys are the contract's own names: nothing in them to escape.
  assert(std::all_of(name.begin(), name.end(), [](char c) {
    return k_byte_kind[static_cast<unsigned char>(c)] == ByteKind::plain;
  }));
}

void JsonWriter::string(std::string_view text)
{
  if (plain_text(text.data(), text.size())) {
    char* out = room(text.size() + 2);
    *out++ = '"';
    if (!text.empty()) { // an empty string's data() may be null
      std::memcpy(out, text.data(), text.size());
    }
    out += text.size();
    *out++ = '"';
    m_cursor = out;
    return;
  }
  // Each byte becomes at most 6 ("\u001f"), plus the quotes.
  char* const start = room(text.size() * 6 + 2);
  char* out = start;
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
        m_cursor = start;
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
  m_cursor = out;
}

void JsonWriter::separator()
{
  if (m_counts.empty()) {
    return;
  }
  const bool first = m_counts.back()++ == 0;
  if (m_indent < 0) {
    if (!first) {
      *room(1) = ',';
      ++m_cursor;
    }
    return;
  }
  char* out = room(m_width + 2 + 8);
  if (!first) {
    *out++ = ',';
  }
  *out++ = '\n';
  spaces(out, m_width);
  m_cursor = out + m_width;
}

void JsonWriter::open(char bracket)
{
  element();
  *room(1) = bracket;
  ++m_cursor;
  m_counts.push_back(0);
  m_width += static_cast<std::size_t>(std::max(m_indent, 0));
}

void JsonWriter::close(char bracket)
{
  const int count = m_counts.back();
  m_counts.pop_back();
  m_width -= static_cast<std::size_t>(std::max(m_indent, 0));
  char* out = room(m_width + 2 + 8);
  if (count > 0 && m_indent >= 0) {
    *out++ = '\n';
    spaces(out, m_width);
    out += m_width;
  }
  *out++ = bracket;
  m_cursor = out;
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
  m_cursor = std::to_chars(out, out + 24, number).ptr;
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
