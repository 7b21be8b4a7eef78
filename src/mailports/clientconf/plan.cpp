#include <mailports/clientconf/plan.hpp>

#include <algorithm>

namespace mailports::clientconf {

Planned plan_servers(const rules::Table& table, const std::vector<Candidate>& candidates, WritePlan plan,
                     bool force)
{
  Planned out;
  for (const auto& candidate : candidates) {
    engine::Query query;
    query.proto = candidate.proto;
    query.port = candidate.port;
    query.tls = candidate.tls;
    query.role = core::Role::client;
    auto check = engine::check(table, query);
    if (check.verdict == core::Verdict::error && !force) {
      out.refused.push_back(JudgedCandidate{candidate, std::move(check)});
      continue;
    }
    WriteServer server{candidate.proto, candidate.host, candidate.port, candidate.tls, {}};
    for (const auto& finding : check.findings) {
      if (finding.def->severity != core::Severity::info) {
        server.warnings.push_back(engine::render_message(check, finding, plan.lang, table));
      }
    }
    (candidate.proto == core::Proto::smtp ? plan.outgoing : plan.incoming).push_back(std::move(server));
    out.verdict = std::max(out.verdict, check.verdict);
    out.planned.push_back(JudgedCandidate{candidate, std::move(check)});
  }
  if (!out.refused.empty()) {
    out.verdict = std::max(out.verdict, core::Verdict::warning);
  }
  out.plan = std::move(plan);
  return out;
}

} // namespace mailports::clientconf
