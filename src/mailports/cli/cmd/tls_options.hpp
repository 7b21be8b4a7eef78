// --ca-file for the live commands (probe, discover): the TLS context every
// connection verifies certificates with.
#pragma once

#include <mailports/cli/messages.hpp>
#include <mailports/net/tls.hpp>

#include <string>

namespace mailports::cli::cmd {

// The system's trust store, or only the CA certificates of `ca_file`.
// Throws Fatal: 66 for a missing or unreadable file, 65 for one that is not
// PEM or too large, 69 (with `no_library`'s text) when libssl cannot load.
net::TlsContext tls_context(const std::string& ca_file, core::Lang lang, Msg no_library);

} // namespace mailports::cli::cmd
