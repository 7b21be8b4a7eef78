#include <mailports/diagnose/scan.hpp>

#include <mailports/diagnose/match.hpp>
#include <mailports/diagnose/redact.hpp>
#include <mailports/util/unicode.hpp>

#include <algorithm>

namespace mailports::diagnose {

void LogScanner::feed(std::string_view chunk)
{
  while (!chunk.empty()) {
    const auto newline = chunk.find('\n');
    const auto piece = chunk.substr(0, newline);
    if (m_line.size() < k_max_line) {
      m_line.append(piece.substr(0, k_max_line - m_line.size()));
    }
    m_partial = true;
    if (newline == std::string_view::npos) {
      return;
    }
    end_line();
    chunk.remove_prefix(newline + 1);
  }
}

void LogScanner::finish()
{
  if (m_partial) {
    end_line();
  }
}

void LogScanner::end_line()
{
  ++m_lines;
  m_partial = false;
  // Full-width letters and digits read as ASCII, as in a pasted message;
  // only lines with non-ASCII bytes pay for it.
  m_normalized = normalize(util::is_ascii(m_line) ? m_line : util::nfkc(m_line));
  if (!m_normalized.empty()) {
    m_hits = match(*m_catalog, m_normalized);
    for (const auto* family : m_hits) {
      auto it = std::find_if(m_found.begin(), m_found.end(),
                             [family](const FamilyCount& c) { return c.family == family; });
      if (it == m_found.end()) {
        // The example is shown: the secrets a log line can hold go first.
        m_found.push_back(FamilyCount{family, 0, {}, redact_secrets(m_line).substr(0, k_example_bytes)});
        it = std::prev(m_found.end());
      }
      ++it->count;
      if (it->first_lines.size() < k_first_lines) {
        it->first_lines.push_back(m_lines);
      }
    }
  }
  m_line.clear();
}

} // namespace mailports::diagnose
