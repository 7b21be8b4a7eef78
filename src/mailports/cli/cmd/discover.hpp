#pragma once

#include <mailports/cli/cmd/command.hpp>

#include <string>

namespace mailports::cli::cmd {

struct DiscoverOptions {
  std::string target; // an address or a domain
  bool json = false;
  bool verify = false;
  bool guess = false;
  bool no_http = false;
  bool no_address = false;
  double timeout = 10.0;
  std::string dns_server;
  std::string ca_file;
};

// Options are added only when `with_options`, i.e. for the command being run.
Command setup_discover(CLI::App& parent, core::Lang lang, bool with_options);
Outcome run_discover(const DiscoverOptions& options, Context& ctx);

} // namespace mailports::cli::cmd
