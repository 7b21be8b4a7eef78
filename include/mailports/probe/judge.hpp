// From facts to findings: which ports to probe, and what the rules table
// says about what was found there.
#pragma once

#include <mailports/engine/check.hpp>
#include <mailports/probe/report.hpp>
#include <mailports/probe/session.hpp>
#include <mailports/rules/table.hpp>

#include <optional>
#include <vector>

namespace mailports::probe {

inline constexpr long long k_expiry_warning_days = 14;

// The ports a sweep visits: each protocol's recommended and acceptable
// ports in the table, client ports first, best rank first.
std::vector<PortPlan> sweep_plan(const rules::Table& table, std::optional<core::Proto> proto);

// Exactly these ports, as `proto`; without it, each as the table has that
// port (engine::sole_proto_of_port), else as its greeting says.
std::vector<PortPlan> named_plan(const rules::Table& table, std::optional<core::Proto> proto,
                                 const std::vector<std::uint16_t>& ports);

// The mode the table expects on a port: implicit or STARTTLS when all its
// usable entries agree, nullopt for a port it does not know.
std::optional<core::TlsMode> expected_mode(const rules::Table& table, core::Proto proto,
                                           std::uint16_t port);

// False for a closed port of a sweep: it is reported, but judged not at all.
bool counts(const PortReport& report) noexcept;

// The engine's check of the mode found, plus the probe's own findings,
// worst first. No suggestions: they are advice for clients.
engine::CheckResult judge(const rules::Table& table, const PortReport& report);

} // namespace mailports::probe
