#pragma once

#include <mailports/cli/context.hpp>
#include <mailports/cli/exit_code.hpp>

#include <functional>
#include <iosfwd>
#include <string>

// Only the files that build options include CLI11: each file that does pays
// for CLI11's static validators at every start-up.
namespace CLI {
class App;
} // namespace CLI

namespace mailports::cli::cmd {

// A command renders its whole output before anything is written, so a
// failure never leaves half an answer on stdout.
struct Outcome {
  ExitCode code = ExitCode::ok;
  std::string output;
  std::string diagnostic; // for stderr, e.g. why nothing was found
};

struct Command {
  CLI::App* app = nullptr;
  // Commands render into Outcome::output; a streaming one (check --batch)
  // writes to the stream as it goes.
  std::function<Outcome(Context&, std::ostream&)> run;
};

ExitCode exit_code_of(core::Verdict verdict) noexcept;

} // namespace mailports::cli::cmd
