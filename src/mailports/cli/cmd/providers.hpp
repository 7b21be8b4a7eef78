#pragma once

#include <mailports/cli/cmd/command.hpp>

namespace mailports::cli::cmd {

struct ProvidersOptions {
  std::string search;
  bool json = false;
};

Command setup_providers(CLI::App& parent, core::Lang lang);
Outcome run_providers(const ProvidersOptions& options, Context& ctx);

} // namespace mailports::cli::cmd
