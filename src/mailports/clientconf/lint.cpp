#include <mailports/clientconf/lint.hpp>

#include <fmt/args.h>
#include <fmt/format.h>

#include <algorithm>

namespace mailports::clientconf {

const rules::FindingDef* definition(const rules::Table& table, const ClientFinding& finding) noexcept
{
  return table.finding(finding.code);
}

core::Severity severity_of(const rules::Table& table, const ClientFinding& finding) noexcept
{
  const auto* def = definition(table, finding);
  return def != nullptr ? def->severity : core::Severity::warning;
}

std::string render(const rules::Table& table, const ClientFinding& finding, core::Lang lang)
{
  const auto* def = definition(table, finding);
  if (def == nullptr) {
    return std::string(finding.code);
  }
  fmt::dynamic_format_arg_store<fmt::format_context> args;
  args.push_back(fmt::arg("value", finding.value));
  args.push_back(fmt::arg("other", finding.other));
  for (const auto name : rules::k_message_placeholders) {
    if (name != "value" && name != "other") {
      args.push_back(fmt::arg(name.data(), std::string("?")));
    }
  }
  try {
    return fmt::vformat(def->message.in(lang), args);
  } catch (const fmt::format_error&) {
    // The loader rejects bad placeholders; this keeps a hand-built table safe.
    return std::string(def->message.in(lang));
  }
}

namespace {

core::Verdict worst(core::Verdict a, core::Verdict b)
{
  return std::max(a, b);
}

core::Verdict verdict_of(const rules::Table& table, const std::vector<ClientFinding>& findings)
{
  auto verdict = core::Verdict::ok;
  for (const auto& finding : findings) {
    verdict = worst(verdict, core::verdict_of(severity_of(table, finding)));
  }
  return verdict;
}

} // namespace

LintResult judge(const rules::Table& table, Parsed parsed)
{
  LintResult result;
  result.verdict = verdict_of(table, parsed.findings);
  for (const auto& account : parsed.accounts) {
    JudgedAccount judged;
    judged.verdict = verdict_of(table, account.findings);
    for (const auto& endpoint : account.endpoints) {
      engine::Query query;
      query.proto = endpoint.proto;
      query.port = endpoint.port;
      query.tls = endpoint.tls;
      query.role = core::Role::client;
      JudgedEndpoint out{engine::check(table, query), core::Verdict::ok};
      out.verdict = worst(out.check.verdict, verdict_of(table, endpoint.findings));
      judged.verdict = worst(judged.verdict, out.verdict);
      judged.endpoints.push_back(std::move(out));
    }
    result.verdict = worst(result.verdict, judged.verdict);
    result.accounts.push_back(std::move(judged));
  }
  result.parsed = std::move(parsed);
  return result;
}

} // namespace mailports::clientconf
