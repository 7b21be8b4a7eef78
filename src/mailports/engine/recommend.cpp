#include <mailports/engine/recommend.hpp>

#include <algorithm>
#include <tuple>

namespace mailports::engine {

std::vector<Recommendation> recommend(const rules::Table& table, core::Proto proto,
                                      core::Role role, core::TlsMode prefer)
{
  std::vector<const rules::Entry*> ranked;
  for (const auto& entry : table.entries) {
    if (entry.rank != 0 && entry.proto == proto && entry.role == role) {
      ranked.push_back(&entry);
    }
  }
  const auto key = [prefer](const rules::Entry* e) {
    const bool recommended = e->status == core::Status::recommended;
    return std::make_tuple(!recommended, !(recommended && e->tls == prefer), e->rank);
  };
  std::sort(ranked.begin(), ranked.end(),
            [&key](const rules::Entry* a, const rules::Entry* b) { return key(a) < key(b); });

  std::vector<Recommendation> out;
  out.reserve(ranked.size());
  for (const auto* entry : ranked) {
    out.push_back(Recommendation{static_cast<int>(out.size()) + 1, entry});
  }
  return out;
}

bool has_choices(const rules::Table& table, core::Proto proto, core::Role role) noexcept
{
  return std::any_of(table.entries.begin(), table.entries.end(), [&](const rules::Entry& e) {
    return e.rank != 0 && e.proto == proto && e.role == role;
  });
}

} // namespace mailports::engine
