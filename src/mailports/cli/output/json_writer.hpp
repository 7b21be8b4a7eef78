// JSON written straight into a buffer, in exactly the bytes nlohmann's
// dump(indent, ' ', false, replace) gives for the same document: the hot
// outputs (check, recommend, explain, ports) skip building a tree of
// nlohmann values, which cost more than the command's own work
// (tests/bench/README.md). json_text_test.cpp holds the two equal.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace mailports::cli::output {

class JsonWriter {
public:
  // indent < 0: compact, as dump(-1); otherwise pretty with that indent.
  // `expected`: the usual size of the document, allocated at once.
  explicit JsonWriter(int indent = 2, std::size_t expected = 4096);
  JsonWriter(const JsonWriter&) = delete;
  JsonWriter& operator=(const JsonWriter&) = delete;

  JsonWriter& begin_object();
  JsonWriter& end_object();
  JsonWriter& begin_array();
  JsonWriter& end_array();
  // The next value is this member's. `name` is one of the contract's keys,
  // plain ASCII written as it is (asserted). Inline: a literal's length is
  // then a constant, and its copy a few stores rather than a call.
  JsonWriter& key(std::string_view name)
  {
    check_key(name);
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
    m_cursor = out;
    m_after_key = true;
    return *this;
  }

  JsonWriter& value(std::string_view text);
  JsonWriter& value(const char* text) { return value(std::string_view(text)); }
  JsonWriter& value(const std::string& text) { return value(std::string_view(text)); }
  JsonWriter& value(std::int64_t number);
  JsonWriter& value(int number) { return value(static_cast<std::int64_t>(number)); }
  JsonWriter& value(std::uint16_t number) { return value(static_cast<std::int64_t>(number)); }
  JsonWriter& value(bool flag);
  JsonWriter& null();

  // A member in one call.
  template <typename T>
  JsonWriter& field(std::string_view name, const T& v)
  {
    return key(name).value(v);
  }
  JsonWriter& null_field(std::string_view name) { return key(name).null(); }

  // The document, then `tail`.
  std::string finish(std::string_view tail = {}) &&;

private:
  // Room for n more bytes at the cursor. Bytes are written into a buffer
  // inside the writer and appended to the document a few kB at a time:
  // std::string has no way to grow without zeroing what it adds
  // (resize_and_overwrite is C++23), and zeroing a 16 kB document cost
  // `ports --json` as much as writing it (tests/bench/README.md). Chunks stay
  // under glibc's `rep movsb` threshold (4 kB with AVX2).
  char* room(std::size_t n)
  {
    if (static_cast<std::size_t>(m_end - m_cursor) < n) {
      make_room(n);
    }
    return m_cursor;
  }
  void make_room(std::size_t n);
  void flush();
  void put(std::string_view bytes);
  void element()
  {
    if (m_after_key) {
      m_after_key = false;
      return;
    }
    separator();
  }
  void separator(); // before a value or key in a container: the comma and indentation
  void open(char bracket);
  void close(char bracket);
  void string(std::string_view text);
  static void check_key(std::string_view name) noexcept;

  static constexpr std::size_t k_chunk = 3 * 1024;

  std::string m_document; // what was flushed so far
  char m_chunk[k_chunk];  // not initialized: written before it is read
  std::unique_ptr<char[]> m_large; // the chunk for one write larger than m_chunk
  char* m_cursor = m_chunk;
  char* m_end = m_chunk + k_chunk;
  int m_indent;
  std::size_t m_width = 0;   // the indentation of the open container's members
  std::vector<int> m_counts; // elements written so far, per open container
  bool m_after_key = false;
};

} // namespace mailports::cli::output
