#pragma once

#include <mailports/rules/table.hpp>

#include <deque>
#include <string>
#include <vector>

namespace mailports::rules {

// Deques keep element addresses stable as they grow, so the table's views
// stay valid while the loader appends.
struct OwnedTable::Storage {
  std::deque<std::string> strings;
  std::deque<std::vector<std::string_view>> string_lists;
  std::deque<std::vector<FindingRef>> finding_ref_lists;
  std::vector<ModeDef> modes;
  std::vector<FindingDef> findings;
  std::vector<Note> notes;
  std::vector<Entry> entries;
};

} // namespace mailports::rules
