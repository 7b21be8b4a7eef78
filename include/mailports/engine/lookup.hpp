#pragma once

#include <mailports/core/types.hpp>
#include <mailports/rules/table.hpp>

#include <cstdint>
#include <optional>
#include <vector>

namespace mailports::engine {

// Entries for `port` in table order, any protocol.
std::vector<const rules::Entry*> entries_for_port(const rules::Table& table, std::uint16_t port);

// Entries that apply to `proto` (including protocol wildcards), or all.
std::vector<const rules::Entry*> entries_for_proto(const rules::Table& table,
                                                   std::optional<core::Proto> proto);

// The notes the given entries refer to, each once, in first-use order.
std::vector<const rules::Note*> notes_for(const rules::Table& table,
                                          const std::vector<const rules::Entry*>& entries);

// The mode a port is normally used with by `role`, for a setting that does
// not say: the best-ranked usable entry on that port (the role's own first),
// else STARTTLS.
core::TlsMode usual_mode(const rules::Table& table, core::Proto proto, std::uint16_t port,
                         core::Role role = core::Role::client);

// The protocol whose port this is, when the table gives the port to exactly
// one protocol (587 -> smtp, 993 -> imap); nullopt for a port it does not
// know, or one it lists for several protocols or for any (443). `check` and
// `probe` both infer a missing --proto with it.
std::optional<core::Proto> sole_proto_of_port(const rules::Table& table, std::uint16_t port);

// A standard port of `proto` that `port` looks like a typo of: one digit
// added, dropped, changed, or two neighbours swapped (578 -> 587, 9933 ->
// 993). The best-ranked one if several are.
std::optional<std::uint16_t> likely_port(const rules::Table& table, core::Proto proto, core::Role role,
                                         std::uint16_t port);

// The port registered for an IANA service name, e.g. "submissions" -> 465.
std::optional<std::uint16_t> port_of_service(const rules::Table& table, core::Proto proto,
                                             std::string_view service);

} // namespace mailports::engine
