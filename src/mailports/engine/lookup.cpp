#include <mailports/engine/lookup.hpp>

#include <mailports/engine/recommend.hpp>
#include <mailports/util/text.hpp>

#include <algorithm>
#include <climits>
#include <string>
#include <tuple>

namespace mailports::engine {

std::vector<const rules::Entry*> entries_for_port(const rules::Table& table, std::uint16_t port)
{
  std::vector<const rules::Entry*> out;
  for (const auto& entry : table.entries) {
    if (entry.port == port) {
      out.push_back(&entry);
    }
  }
  return out;
}

std::vector<const rules::Entry*> entries_for_proto(const rules::Table& table,
                                                   std::optional<core::Proto> proto)
{
  std::vector<const rules::Entry*> out;
  for (const auto& entry : table.entries) {
    if (!proto || entry.matches(*proto)) {
      out.push_back(&entry);
    }
  }
  return out;
}

std::vector<const rules::Note*> notes_for(const rules::Table& table,
                                          const std::vector<const rules::Entry*>& entries)
{
  std::vector<const rules::Note*> out;
  for (const auto* entry : entries) {
    for (const auto id : entry->notes) {
      const auto* note = table.note(id);
      if (note != nullptr && std::find(out.begin(), out.end(), note) == out.end()) {
        out.push_back(note);
      }
    }
  }
  return out;
}

namespace {

// Whether the mode's own findings warn this role (e.g. opportunistic STARTTLS
// for a mail client).
bool mode_warns(const rules::Table& table, core::TlsMode mode, core::Role role)
{
  const auto& refs = table.mode(mode).findings;
  return std::any_of(refs.begin(), refs.end(), [&](const rules::FindingRef& ref) {
    const auto* def = table.finding(ref.code);
    return ref.role.value_or(role) == role && def != nullptr
           && def->severity >= core::Severity::warning;
  });
}

} // namespace

core::TlsMode usual_mode(const rules::Table& table, core::Proto proto, std::uint16_t port,
                         core::Role role)
{
  const rules::Entry* best = nullptr;
  // The role's own rows first; on another role's port, a mode that would not
  // warn this role (port 25 for a client: STARTTLS, not opportunistic).
  const auto order = [&](const rules::Entry& e) {
    return std::make_tuple(!e.matches(role), mode_warns(table, *e.tls, role),
                           e.rank == 0 ? INT_MAX : e.rank);
  };
  for (const auto& entry : table.entries) {
    if (entry.port == port && entry.proto == proto && entry.tls && core::usable(entry.status)
        && (best == nullptr || order(entry) < order(*best))) {
      best = &entry;
    }
  }
  return best != nullptr ? *best->tls : core::TlsMode::starttls;
}

std::optional<std::uint16_t> port_of_service(const rules::Table& table, core::Proto proto,
                                             std::string_view service)
{
  for (const auto& entry : table.entries) {
    if (entry.proto == proto && entry.service == service) {
      return entry.port;
    }
  }
  return std::nullopt;
}

std::optional<core::Proto> sole_proto_of_port(const rules::Table& table, std::uint16_t port)
{
  std::optional<core::Proto> found;
  for (const auto* entry : entries_for_port(table, port)) {
    // An entry for any protocol (443, "not a mail port") settles nothing.
    if (!entry->proto || (found && *found != *entry->proto)) {
      return std::nullopt;
    }
    found = entry->proto;
  }
  return found;
}

std::optional<std::uint16_t> likely_port(const rules::Table& table, core::Proto proto, core::Role role,
                                         std::uint16_t port)
{
  const auto typed = std::to_string(port);
  for (const auto& r : recommend(table, proto, role)) {
    if (r.entry->port != port && util::edit_distance(typed, std::to_string(r.entry->port)) == 1) {
      return r.entry->port;
    }
  }
  return std::nullopt;
}

} // namespace mailports::engine
