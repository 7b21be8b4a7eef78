#include <mailports/rules/table.hpp>

#include <algorithm>

namespace mailports::rules {

const FindingDef* Table::finding(std::string_view code) const noexcept
{
  const auto it = std::find_if(findings.begin(), findings.end(),
                               [code](const FindingDef& def) { return def.code == code; });
  return it == findings.end() ? nullptr : &*it;
}

const Note* Table::note(std::string_view id) const noexcept
{
  const auto it =
    std::find_if(notes.begin(), notes.end(), [id](const Note& n) { return n.id == id; });
  return it == notes.end() ? nullptr : &*it;
}

const ModeDef& Table::mode(core::TlsMode mode) const noexcept
{
  // Loaders store the four modes in enum order.
  return modes[static_cast<std::size_t>(mode)];
}

} // namespace mailports::rules
