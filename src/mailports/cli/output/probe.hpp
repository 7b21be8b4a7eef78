// Output for `probe`: each port's facts, with the findings judge() made.
#pragma once

#include <mailports/cli/output/json.hpp>
#include <mailports/cli/output/text.hpp>
#include <mailports/probe/report.hpp>

#include <string>
#include <vector>

namespace mailports::cli::output {

struct ProbedPort {
  const probe::PortReport* report = nullptr;
  engine::CheckResult result; // judged; unused for a closed port of a sweep
};

struct ProbeSummary {
  std::string host;
  std::vector<ProbedPort> ports;
  core::Verdict verdict = core::Verdict::ok;
};

// "connection refused", in the user's language.
std::string probe_error_text(const probe::ProbeError& error, core::Lang lang);

// "refused", "timeout", ...: the stable name of an ErrorKind for scripts.
std::string_view probe_error_code(probe::ErrorKind kind) noexcept;

Json probe_json(const ProbeSummary& summary, const rules::Table& table, core::Lang lang);
void probe_text(std::ostream& out, const TextContext& ctx, const ProbeSummary& summary);

} // namespace mailports::cli::output
