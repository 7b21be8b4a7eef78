// Output for `diagnose`: each message family recognized, its causes read
// against the user's setting, and for a log, how often each appeared.
#pragma once

#include <mailports/cli/output/json.hpp>
#include <mailports/cli/output/text.hpp>
#include <mailports/diagnose/match.hpp>
#include <mailports/diagnose/scan.hpp>

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace mailports::cli::output {

struct DiagnosedMatch {
  const diagnose::Family* family = nullptr;
  std::uint64_t line = 1;
  std::vector<diagnose::CauseReading> causes;
  // With a context: none of the setting causes fits it.
  bool contradicts = false;
};

struct Diagnosis {
  std::uint64_t lines = 0;
  diagnose::Context context;
  std::optional<engine::CheckResult> context_check; // proto, port and tls all given
  // A context too partial for check: the options that would complete it
  // ("--proto", "--port", "--tls"); when --proto is among them and a port
  // was given, whether the rules give that port to several protocols (else
  // to none).
  std::vector<std::string_view> context_missing;
  bool port_several = false;
  std::vector<DiagnosedMatch> matches;
  const std::vector<diagnose::FamilyCount>* summary = nullptr; // log mode
  core::Verdict verdict = core::Verdict::ok;
};

Json diagnose_json(const Diagnosis& d, const rules::Table& table, core::Lang lang);
void diagnose_text(std::ostream& out, const TextContext& ctx, const Diagnosis& d);

// A cause's finding message, filled for the setting it was read with.
std::string diagnosed_cause_message(const diagnose::CauseReading& reading, const rules::Table& table, core::Lang lang);

// "SMTP port 587, implicit TLS (SSL/TLS)": the parts of the context given.
std::string context_text(const diagnose::Context& context, const rules::Table& table, core::Lang lang);

} // namespace mailports::cli::output
