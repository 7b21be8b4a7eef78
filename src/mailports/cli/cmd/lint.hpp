#pragma once

#include <mailports/cli/cmd/command.hpp>

#include <string>
#include <vector>

namespace mailports::cli::cmd {

struct LintOptions {
  std::vector<std::string> files;
  std::string format;
  std::string client_version;
  bool json = false;
  bool list_formats = false;
};

// Options are added only when `with_options`, i.e. for the command being run.
Command setup_lint(CLI::App& parent, core::Lang lang, bool with_options);
Outcome run_lint(const LintOptions& options, Context& ctx);

} // namespace mailports::cli::cmd
