#include <mailports/rules/validate.hpp>

#include <fmt/format.h>

#include <string>

namespace mailports::rules {

namespace {

template <typename T>
std::string_view name_or_any(const std::optional<T>& value)
{
  return value ? core::to_string(*value) : std::string_view("any");
}

std::string describe(const Entry& e)
{
  return fmt::format("{} {} {} {}", name_or_any(e.proto), e.port, name_or_any(e.tls),
                     name_or_any(e.role));
}

template <typename T>
bool overlap(const std::optional<T>& a, const std::optional<T>& b)
{
  return !a || !b || *a == *b;
}

} // namespace

std::string check_consistency(const Table& table)
{
  const auto& entries = table.entries;
  for (std::size_t j = 0; j < entries.size(); ++j) {
    const Entry& b = entries[j];
    for (std::size_t i = 0; i < j; ++i) {
      const Entry& a = entries[i];
      if (a.port != b.port || !overlap(a.proto, b.proto)) {
        continue;
      }
      // A row naming a mode may sit inside a row of the same protocol for
      // any mode: it wins there (rules/table.hpp).
      const bool one_names_the_mode = a.tls.has_value() != b.tls.has_value() && a.proto == b.proto;
      if (overlap(a.tls, b.tls) && overlap(a.role, b.role) && !one_names_the_mode) {
        return fmt::format("/entries/{}: duplicate key ({}), already at /entries/{} ({})", j,
                           describe(b), i, describe(a));
      }
      if (a.proto == b.proto && a.service != b.service) {
        return fmt::format("/entries/{}: service must match /entries/{}, the same protocol and "
                           "port",
                           j, i);
      }
    }
    if (b.rank == 0) {
      continue;
    }
    if (!b.proto || !b.tls || !b.role) {
      return fmt::format("/entries/{}/rank: a ranked entry needs a concrete proto, tls and role",
                         j);
    }
    if (!core::usable(b.status)) {
      return fmt::format("/entries/{}/rank: status \"{}\" cannot be recommended", j,
                         core::to_string(b.status));
    }
    for (std::size_t i = 0; i < j; ++i) {
      const Entry& a = entries[i];
      if (a.rank == b.rank && a.proto == b.proto && a.role == b.role) {
        return fmt::format("/entries/{}/rank: rank {} is already used by /entries/{} for {} {}",
                           j, b.rank, i, core::to_string(*b.proto), core::to_string(*b.role));
      }
    }
  }
  for (const auto proto : core::k_protos) {
    const bool has_client_choice = std::any_of(entries.begin(), entries.end(), [&](const Entry& e) {
      return e.rank != 0 && e.proto == proto && e.role == core::Role::client;
    });
    if (!has_client_choice) {
      return fmt::format("/entries: no ranked client entry for {}", core::to_string(proto));
    }
  }
  return {};
}

} // namespace mailports::rules
