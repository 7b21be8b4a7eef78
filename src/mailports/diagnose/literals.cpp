#include <mailports/diagnose/literals.hpp>

#include <algorithm>
#include <deque>

namespace mailports::diagnose {

std::size_t LiteralIndex::add(const std::string& literal)
{
  const auto it = std::find(m_literals.begin(), m_literals.end(), literal);
  if (it != m_literals.end()) {
    return static_cast<std::size_t>(it - m_literals.begin());
  }
  m_literals.push_back(literal);
  return m_literals.size() - 1;
}

void LiteralIndex::build()
{
  m_class.assign(256, 0);
  m_classes = 1;
  for (const auto& literal : m_literals) {
    for (const char c : literal) {
      auto& cls = m_class[static_cast<unsigned char>(c)];
      if (cls == 0) {
        cls = static_cast<std::uint8_t>(m_classes++);
      }
    }
  }
  // The trie: -1 for no edge yet.
  m_next.assign(m_classes, -1);
  m_out.assign(1, {});
  for (std::size_t id = 0; id < m_literals.size(); ++id) {
    std::size_t state = 0;
    for (const char c : m_literals[id]) {
      const auto slot = state * m_classes + m_class[static_cast<unsigned char>(c)];
      if (m_next[slot] < 0) {
        m_next[slot] = static_cast<std::int32_t>(m_out.size());
        m_out.emplace_back();
        m_next.resize(m_next.size() + m_classes, -1);
      }
      state = static_cast<std::size_t>(m_next[state * m_classes + m_class[static_cast<unsigned char>(c)]]);
    }
    m_out[state].push_back(static_cast<std::uint32_t>(id));
  }
  // Failure links, breadth first, turning the trie into a full automaton.
  std::vector<std::int32_t> fail(m_out.size(), 0);
  std::deque<std::size_t> queue;
  for (std::size_t c = 0; c < m_classes; ++c) {
    auto& edge = m_next[c];
    if (edge < 0) {
      edge = 0;
    } else {
      queue.push_back(static_cast<std::size_t>(edge));
    }
  }
  while (!queue.empty()) {
    const auto state = queue.front();
    queue.pop_front();
    const auto& inherited = m_out[static_cast<std::size_t>(fail[state])];
    m_out[state].insert(m_out[state].end(), inherited.begin(), inherited.end());
    for (std::size_t c = 0; c < m_classes; ++c) {
      auto& edge = m_next[state * m_classes + c];
      const auto via_fail = m_next[static_cast<std::size_t>(fail[state]) * m_classes + c];
      if (edge < 0) {
        edge = via_fail;
      } else {
        fail[static_cast<std::size_t>(edge)] = via_fail;
        queue.push_back(static_cast<std::size_t>(edge));
      }
    }
  }
}

void LiteralIndex::search(std::string_view text, std::vector<bool>& found) const
{
  found.assign(m_literals.size(), false);
  std::size_t state = 0;
  for (const char c : text) {
    state = static_cast<std::size_t>(m_next[state * m_classes + m_class[static_cast<unsigned char>(c)]]);
    for (const auto id : m_out[state]) {
      found[id] = true;
    }
  }
}

} // namespace mailports::diagnose
