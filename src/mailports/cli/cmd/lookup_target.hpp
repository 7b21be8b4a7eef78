// The address or domain a provider lookup is for (recommend, discover):
// normalized, or a usage error (cli::Fatal, 64) saying what is wrong with
// it, with a hint when an address and a domain were swapped.
#pragma once

#include <mailports/cli/output/provider.hpp>

#include <string>

namespace mailports::cli::cmd {

// `email` when it is not empty, else `domain`.
output::Lookup lookup_target(const std::string& email, const std::string& domain, core::Lang lang);

// recommend --host: a server host name, normalized like a domain (lower
// case, no trailing dot, IDNA), in `host`; `domain` is left empty.
output::Lookup lookup_host(const std::string& host, core::Lang lang);

} // namespace mailports::cli::cmd
