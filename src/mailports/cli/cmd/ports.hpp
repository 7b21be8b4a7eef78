#pragma once

#include <mailports/cli/cmd/command.hpp>

namespace mailports::cli::cmd {

struct PortsOptions {
  std::string proto; // empty: every protocol
  bool json = false;
};

// Options are added only when `with_options`, i.e. for the command being run:
// building every command's options would cost more than running one.
Command setup_ports(CLI::App& parent, core::Lang lang, bool with_options);
Outcome run_ports(const PortsOptions& options, Context& ctx);

} // namespace mailports::cli::cmd
