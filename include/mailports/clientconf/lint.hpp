// lint's judgement: every endpoint a reader found goes through the engine
// exactly as `check` would take it, and the reader's client-specific
// findings take their severity and text from the same table.
#pragma once

#include <mailports/clientconf/account.hpp>
#include <mailports/engine/check.hpp>
#include <mailports/rules/table.hpp>

#include <string>
#include <vector>

namespace mailports::clientconf {

struct JudgedEndpoint {
  engine::CheckResult check; // the engine's findings for (proto, port, tls)
  core::Verdict verdict = core::Verdict::ok; // with the endpoint's client findings
};

struct JudgedAccount {
  std::vector<JudgedEndpoint> endpoints; // parallel to Account::endpoints
  core::Verdict verdict = core::Verdict::ok;
};

struct LintResult {
  Parsed parsed;
  std::vector<JudgedAccount> accounts; // parallel to parsed.accounts
  core::Verdict verdict = core::Verdict::ok; // the worst of everything
};

LintResult judge(const rules::Table& table, Parsed parsed);

// The table's definition of a client finding's code; nullptr when the table
// (a --rules file) lacks it, and then it counts as a warning.
const rules::FindingDef* definition(const rules::Table& table, const ClientFinding& finding) noexcept;
core::Severity severity_of(const rules::Table& table, const ClientFinding& finding) noexcept;

// The finding's message in `lang`, {value} and {other} filled in.
std::string render(const rules::Table& table, const ClientFinding& finding, core::Lang lang);

} // namespace mailports::clientconf
