#pragma once

#include <mailports/cli/cmd/command.hpp>

namespace mailports::cli::cmd {

struct ExplainOptions {
  std::string port;
  bool json = false;
};

Command setup_explain(CLI::App& parent, core::Lang lang);
Outcome run_explain(const ExplainOptions& options, Context& ctx);

} // namespace mailports::cli::cmd
