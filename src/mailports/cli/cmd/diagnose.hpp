#pragma once

#include <mailports/cli/cmd/command.hpp>

#include <optional>
#include <string>
#include <vector>

namespace mailports::cli::cmd {

struct DiagnoseOptions {
  std::vector<std::string> text;   // one message, in words
  std::optional<std::string> file; // a log: FILE or "-"
  std::string proto;
  std::string port;
  std::string tls;
  std::string role;
  bool json = false;
};

// Options are added only when `with_options`, i.e. for the command being run.
Command setup_diagnose(CLI::App& parent, core::Lang lang, bool with_options);
Outcome run_diagnose(const DiagnoseOptions& options, Context& ctx);

} // namespace mailports::cli::cmd
