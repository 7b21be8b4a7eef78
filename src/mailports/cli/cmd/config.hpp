#pragma once

#include <mailports/cli/cmd/command.hpp>

#include <optional>
#include <string>

namespace mailports::cli::cmd {

struct ConfigOptions {
  std::string format;
  std::string email;
  std::string domain;
  std::string proto;
  std::string host;
  std::string port;
  std::string tls;
  std::optional<std::string> user;
  std::string account;
  std::string client_version;
  std::string output;
  bool force = false;
  bool json = false;
  bool discover = false;
  bool list_formats = false;
  double timeout = 10.0;   // --discover
  std::string dns_server;  // --discover
  std::string ca_file;     // --discover
};

// Options are added only when `with_options`, i.e. for the command being run.
Command setup_config(CLI::App& parent, core::Lang lang, bool with_options);
Outcome run_config(const ConfigOptions& options, Context& ctx);

} // namespace mailports::cli::cmd
