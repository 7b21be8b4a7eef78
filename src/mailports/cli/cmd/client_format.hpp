// What config and lint share about a FORMAT word and --client-version.
#pragma once

#include <mailports/clientconf/format.hpp>
#include <mailports/core/types.hpp>

#include <optional>
#include <string>

namespace mailports::cli::cmd {

// The format named `name`, or a usage error (64) naming it, with the list
// and a did-you-mean. `readable` limits the choice to formats lint reads.
const clientconf::Format& format_named(const std::string& name, bool readable, core::Lang lang);

// "msmtp, neomutt, ...": the choices, for help texts and errors.
std::string format_names(bool readable);

// `config --formats`, `lint --formats`: one format a line, its name, a tab
// and its description (what the completions read).
std::string formats_listing(bool readable, core::Lang lang);

// --client-version, or nullopt when not given; a usage error (64) when
// it is not a version.
std::optional<clientconf::Version> client_version_option(const std::string& text, core::Lang lang);

} // namespace mailports::cli::cmd
