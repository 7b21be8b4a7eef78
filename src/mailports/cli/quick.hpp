// The one command line scripts run thousands of times, `check --proto P
// --port N --tls M [--role R] [--json] [--lang L] [--color C]`, read
// without building CLI11's app: building it costs more than the check
// itself (tests/bench/README.md). Anything else, including every mistake,
// goes to CLI11, which then gives the diagnostics; the values are checked by
// the same functions as the CLI11 validators, so both accept the same
// command lines with the same meaning (tests/unit/mailports/cli/quick_test.cpp).
#pragma once

#include <mailports/cli/cmd/check.hpp>
#include <mailports/cli/options.hpp>

#include <optional>

namespace mailports::cli {

struct QuickCheck {
  GlobalOptions global;
  cmd::CheckOptions check;
};

std::optional<QuickCheck> quick_check(int argc, const char* const* argv);

} // namespace mailports::cli
