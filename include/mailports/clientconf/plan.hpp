// config's judgement: the servers to write, from the provider data, from
// explicit settings or from `discover`, each judged by the engine. A server
// judged error is left out (config refuses when that leaves the format
// nothing it needs) unless forced; a warning goes into the file as a comment.
#pragma once

#include <mailports/clientconf/format.hpp>
#include <mailports/engine/check.hpp>
#include <mailports/rules/table.hpp>

#include <string>
#include <vector>

namespace mailports::clientconf {

struct Candidate {
  core::Proto proto = core::Proto::smtp;
  std::string host;
  std::uint16_t port = 0;
  core::TlsMode tls = core::TlsMode::implicit;
};

struct JudgedCandidate {
  Candidate server;
  engine::CheckResult check;
};

struct Planned {
  WritePlan plan;
  std::vector<JudgedCandidate> refused; // judged error and left out (empty when forced)
  std::vector<JudgedCandidate> planned; // in the plan, in its order
  // The worst verdict of the servers planned; a warning at least when some
  // were left out.
  core::Verdict verdict = core::Verdict::ok;
};

// `candidates` best first (engine::advise's or discover's order); `plan`
// carries the account, user, version and language already. Warnings (and,
// when forced, errors) are rendered in plan.lang into WriteServer::warnings.
Planned plan_servers(const rules::Table& table, const std::vector<Candidate>& candidates, WritePlan plan,
                     bool force);

} // namespace mailports::clientconf
