#pragma once

#include <mailports/cli/cmd/command.hpp>

namespace mailports::cli::cmd {

struct PortsOptions {
  std::string proto; // empty: every protocol
  bool json = false;
};

Command setup_ports(CLI::App& parent, core::Lang lang);
Outcome run_ports(const PortsOptions& options, Context& ctx);

} // namespace mailports::cli::cmd
