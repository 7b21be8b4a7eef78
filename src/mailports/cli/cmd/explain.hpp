#pragma once

#include <mailports/cli/cmd/command.hpp>

namespace mailports::cli::cmd {

struct ExplainOptions {
  std::string port;
  bool json = false;
};

// Options are added only when `with_options`, i.e. for the command being run:
// building every command's options would cost more than running one.
Command setup_explain(CLI::App& parent, core::Lang lang, bool with_options);
Outcome run_explain(const ExplainOptions& options, Context& ctx);

} // namespace mailports::cli::cmd
