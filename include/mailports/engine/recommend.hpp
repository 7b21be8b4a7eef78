#pragma once

#include <mailports/core/types.hpp>
#include <mailports/rules/table.hpp>

#include <vector>

namespace mailports::engine {

struct Recommendation {
  int rank = 0; // 1-based position after the preference is applied
  const rules::Entry* entry = nullptr;
};

// The ranked entries for (proto, role), best first. `prefer` moves the
// recommended entries of that mode ahead of the other recommended ones; it
// never lifts an acceptable or fallback entry above a recommended one.
std::vector<Recommendation> recommend(const rules::Table& table, core::Proto proto,
                                      core::Role role,
                                      core::TlsMode prefer = core::TlsMode::implicit);

// Whether the table ranks any setting for (proto, role): without one there
// is nothing to judge a setting by (`check` refuses IMAP and POP3 relay).
bool has_choices(const rules::Table& table, core::Proto proto, core::Role role) noexcept;

} // namespace mailports::engine
