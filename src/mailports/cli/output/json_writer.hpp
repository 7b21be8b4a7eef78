// JSON written straight into a buffer, in exactly the bytes nlohmann's
// dump(indent, ' ', false, replace) gives for the same document: the hot
// outputs (check, recommend, explain, ports) skip building a tree of
// nlohmann values, which cost more than the command's own work
// (tests/bench/README.md). json_text_test.cpp holds the two equal.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace mailports::cli::output {

class JsonWriter {
public:
  // indent < 0: compact, as dump(-1); otherwise pretty with that indent.
  // `expected`: the usual size of the document, allocated at once.
  explicit JsonWriter(int indent = 2, std::size_t expected = 4096);

  JsonWriter& begin_object();
  JsonWriter& end_object();
  JsonWriter& begin_array();
  JsonWriter& end_array();
  // The next value is this member's. `name` is one of the contract's keys,
  // plain ASCII written as it is (asserted).
  JsonWriter& key(std::string_view name);

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
  // Room for n more bytes; the pointer to write them at.
  char* room(std::size_t n)
  {
    if (m_buffer.size() - m_length < n) {
      grow(n);
    }
    return m_buffer.data() + m_length;
  }
  void grow(std::size_t n);
  void put(std::string_view bytes);
  void element(); // before a value or key: the separator and indentation
  void open(char bracket);
  void close(char bracket);
  void string(std::string_view text);

  std::string m_buffer; // sized to its capacity; m_length bytes written
  std::size_t m_length = 0;
  int m_indent;
  std::vector<int> m_counts; // elements written so far, per open container
  bool m_after_key = false;
};

} // namespace mailports::cli::output
