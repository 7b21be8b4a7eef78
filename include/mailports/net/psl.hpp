// The registrable domain of a host ("eTLD+1": aspmx.l.google.com ->
// google.com) from the Public Suffix List, for discovery's MX step. libpsl
// is loaded with dlopen on first use: linked, it and its libidn2 and
// libunistring cost every start-up (research note §3: +0.48 M instructions).
#pragma once

#include <mailports/core/result.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace mailports::net {

// The registrable domain of `host` (ASCII letters lower-cased, one final
// dot dropped), or nullopt when it has none: a public suffix itself
// ("co.uk"), an empty name. The error says libpsl could not be loaded:
// the list is then unavailable, which callers report rather than guess.
core::Result<std::optional<std::string>> registrable_domain(std::string_view host);

// Which list answers: "latest" (the system's publicsuffix file, newer than
// libpsl's own), "built-in" (libpsl's compiled-in copy), or "unavailable".
std::string_view public_suffix_list_source();

} // namespace mailports::net
