// The command lines scripts run thousands of times, read without building
// CLI11's app: building it costs more than the command itself
// (tests/bench/README.md). They are
//   check --proto P --port N --tls M [--role R] [--json]
//   recommend (--proto P | --email ADDRESS | --domain DOMAIN) [--json]
//   explain PORT [--json]
//   ports [--proto P] [--json]
// each with [--lang L] [--color C]. Anything else, including every mistake,
// goes to CLI11, which then gives the diagnostics; the values are checked by
// the same functions as the CLI11 validators, so both accept the same
// command lines with the same meaning (tests/unit/mailports/cli/quick_test.cpp).
#pragma once

#include <mailports/cli/cmd/check.hpp>
#include <mailports/cli/cmd/explain.hpp>
#include <mailports/cli/cmd/ports.hpp>
#include <mailports/cli/cmd/recommend.hpp>
#include <mailports/cli/options.hpp>

#include <iosfwd>
#include <optional>

namespace mailports::cli {

struct QuickCommand {
  enum class Kind { check, recommend, explain, ports };
  Kind kind = Kind::check;
  GlobalOptions global;
  cmd::CheckOptions check;
  cmd::RecommendOptions recommend;
  cmd::ExplainOptions explain;
  cmd::PortsOptions ports;
};

std::optional<QuickCommand> quick_command(int argc, const char* const* argv);

// Runs it as its CLI11 command would.
cmd::Outcome run_quick(const QuickCommand& command, Context& ctx, std::ostream& out);

} // namespace mailports::cli
