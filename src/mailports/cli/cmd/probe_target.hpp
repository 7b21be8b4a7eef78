// What `probe` is pointed at: the positional argument (a host, HOST:PORT,
// [IPv6]:PORT or a mail URL) with --proto and --port, checked against each
// other. Every error is a cli::Fatal usage error naming the values.
#pragma once

#include <mailports/core/types.hpp>
#include <mailports/rules/table.hpp>
#include <mailports/url/mail_url.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace mailports::cli::cmd {

struct Wanted {
  std::string host;  // as typed (brackets kept), for canonical_host and the output
  std::string shown; // the argument as it may be printed: a URL's password as ***
  std::optional<std::uint16_t> port;
  std::optional<url::MailUrl> url;
};

Wanted parse_wanted(const std::string& argument, core::Lang lang);

// The protocol to speak: --proto, else the URL's scheme; the two must agree.
std::optional<core::Proto> wanted_proto(const Wanted& wanted, const std::string& option, core::Lang lang);

// The ports to probe: the argument's, else --port, else the URL scheme's
// own (smtps: 465); empty for a sweep. A --port that names another port
// than the argument is an error.
std::vector<std::uint16_t> wanted_ports(const Wanted& wanted, const std::vector<std::string>& options,
                                        const rules::Table& table, core::Lang lang);

// A host as the resolver and the certificate check want it: no brackets,
// no trailing dot, IDNs as A-labels. Errors name `shown`, the argument as
// typed (a URL's password as ***), which says more than the host alone (":25").
std::string canonical_host(const std::string& host, const std::string& shown, core::Lang lang);

} // namespace mailports::cli::cmd
