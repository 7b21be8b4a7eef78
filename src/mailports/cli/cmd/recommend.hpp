#pragma once

#include <mailports/cli/cmd/command.hpp>

namespace mailports::cli::cmd {

struct RecommendOptions {
  std::string proto;  // exactly one of proto, email, domain
  std::string email;
  std::string domain;
  std::string host;   // a server host name: the provider that publishes it
  std::string target; // the positional: an address or a domain
  std::string service; // a sending service (services.json), by id or alias
  std::string region;  // with --service, for services with regional hosts
  std::string hosting; // a hosting template (services.json); --host fills it
  std::string role;   // empty: client (set only with --proto)
  std::string prefer; // empty: implicit (set only with --proto)
  bool json = false;
};

// Options are added only when `with_options`, i.e. for the command being run:
// building every command's options would cost more than running one.
Command setup_recommend(CLI::App& parent, core::Lang lang, bool with_options);
Outcome run_recommend(const RecommendOptions& options, Context& ctx);

} // namespace mailports::cli::cmd
