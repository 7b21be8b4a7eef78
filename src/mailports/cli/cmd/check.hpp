#pragma once

#include <mailports/cli/cmd/command.hpp>

namespace mailports::cli::cmd {

struct CheckOptions {
  std::string url;
  std::string proto;
  std::string port;
  std::string tls;
  std::string role = "client";
  bool json = false;
};

Command setup_check(CLI::App& parent, core::Lang lang);
Outcome run_check(const CheckOptions& options, Context& ctx);

} // namespace mailports::cli::cmd
