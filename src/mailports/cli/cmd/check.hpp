#pragma once

#include <mailports/cli/cmd/command.hpp>

#include <iosfwd>
#include <optional>

namespace mailports::cli::cmd {

struct CheckOptions {
  std::string url;
  std::string proto;
  std::string port;
  std::string tls;
  std::string role = "client";
  bool json = false;
  std::optional<std::string> batch; // FILE, or "-" for stdin
};

// Options are added only when `with_options`, i.e. for the command being run:
// building every command's options would cost more than running one.
Command setup_check(CLI::App& parent, core::Lang lang, bool with_options);
Outcome run_check(const CheckOptions& options, Context& ctx, std::ostream& out);

} // namespace mailports::cli::cmd
