// Every literal of a catalogue searched in one pass over a line: an
// Aho-Corasick automaton over the bytes the literals use (other bytes are
// one class). A log line then costs one walk, not one substring search per
// pattern (tests/bench/README.md has the figures).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace mailports::diagnose {

class LiteralIndex {
public:
  // The id of `literal` (the same text gets the same id). Only before build().
  std::size_t add(const std::string& literal);
  void build();

  [[nodiscard]] std::size_t size() const noexcept { return m_literals.size(); }

  // Sets found[id] for every literal that occurs in `text` (found is resized
  // to size() and cleared first).
  void search(std::string_view text, std::vector<bool>& found) const;

private:
  std::vector<std::string> m_literals;
  std::vector<std::uint8_t> m_class;      // byte -> class (0: no literal has it)
  std::size_t m_classes = 1;
  std::vector<std::int32_t> m_next;       // state * m_classes + class -> state
  std::vector<std::vector<std::uint32_t>> m_out; // literals ending at a state, failure chain included
};

} // namespace mailports::diagnose
