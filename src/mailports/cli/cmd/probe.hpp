#pragma once

#include <mailports/cli/cmd/command.hpp>

#include <vector>

namespace mailports::cli::cmd {

struct ProbeOptions {
  std::string host;
  std::string proto; // empty: every protocol
  std::vector<std::string> ports;
  double timeout = 10.0;
  std::string ca_file;
  std::string source;
  std::string as; // --as SERVICE: judge the port as that service's standard port
  bool json = false;
  bool no_extra_handshakes = false; // one connection per port, as before issue 16
  std::string role = "client";      // relay: port 25 as an MX, with DANE
  std::string dns_server;           // relay: the resolver for TLSA and addresses
};

// Options are added only when `with_options`, i.e. for the command being run.
Command setup_probe(CLI::App& parent, core::Lang lang, bool with_options);
Outcome run_probe(const ProbeOptions& options, Context& ctx);

} // namespace mailports::cli::cmd
