// Log mode: lines fed in chunks of any size, each matched on its own, counted
// by family. Memory stays flat: one line buffer (k_max_line) and a count per
// family, whatever the size of the log.
#pragma once

#include <mailports/diagnose/catalog.hpp>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace mailports::diagnose {

struct FamilyCount {
  const Family* family = nullptr;
  std::uint64_t count = 0;
  std::vector<std::uint64_t> first_lines; // 1-based, at most k_first_lines
  std::string example;                    // the first line, at most k_example_bytes
};

inline constexpr std::size_t k_first_lines = 5;
inline constexpr std::size_t k_example_bytes = 300;

class LogScanner {
public:
  explicit LogScanner(const Catalog& catalog) : m_catalog(&catalog) {}

  // Any bytes: lines end at '\n' (a '\r' before it is white space); a line
  // past k_max_line bytes is matched on its first k_max_line; a line with
  // non-ASCII bytes is folded to NFKC first (full-width text).
  void feed(std::string_view chunk);
  // The last line, if it had no '\n'. Call once, after the last feed.
  void finish();

  [[nodiscard]] std::uint64_t lines() const noexcept { return m_lines; }
  // Families in the order they first appeared.
  [[nodiscard]] const std::vector<FamilyCount>& found() const noexcept { return m_found; }

private:
  void end_line();

  const Catalog* m_catalog;
  std::string m_line;
  bool m_partial = false; // bytes of the current line were seen
  std::uint64_t m_lines = 0;
  std::vector<FamilyCount> m_found;
  std::vector<const Family*> m_hits;
  std::string m_normalized;
};

} // namespace mailports::diagnose
