// Thunderbird's autoconfig file (clientConfig 1.1), read the way Thunderbird
// reads it (readFromXML.sys.mjs), with every way it would fail silently
// named. Pure: the body comes from net::get or a file.
#pragma once

#include <mailports/core/types.hpp>
#include <mailports/providers/address.hpp>

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace mailports::discover {

// The address the placeholders are filled for. An empty `local` (a domain
// was looked up, not an address) leaves %EMAILADDRESS% and %EMAILLOCALPART%
// as written.
using AddressParts = providers::Address;

// Bodies past this are not parsed at all (problem "too-large").
inline constexpr std::size_t k_max_autoconfig_bytes = std::size_t{1} << 20;

struct AutoconfigServer {
  core::Proto proto = core::Proto::imap; // imap or pop3 (incoming), smtp (outgoing)
  std::string hostname;          // trimmed, lower-case, placeholders filled
  int port = 0;                  // 1-65535
  core::TlsMode tls = core::TlsMode::none; // SSL: implicit, STARTTLS: starttls, plain: none
  std::string username;          // placeholders filled (providers::resolve_username)
  std::string username_template; // as written, trimmed
  std::vector<std::string> authentication; // every <authentication>, trimmed, in order
  // Byte offsets in the body (-1: unknown), for lint's line:column: the
  // server's element, its <hostname>, and a non-empty <password> (whose text
  // is never kept).
  std::ptrdiff_t offset = -1;
  std::ptrdiff_t hostname_offset = -1;
  std::ptrdiff_t password_offset = -1;
};

// What Thunderbird does with the file because of a problem.
enum class ProblemEffect {
  rejects_file, // no configuration at all from this file
  drops_server, // this server is skipped, the others kept
  note,         // Thunderbird goes on; worth saying
};

struct AutoconfigProblem {
  // content-type, too-large, not-xml, not-client-config, no-email-provider,
  // server-type, no-hostname, bad-hostname, bad-port, socket-type, authentication,
  // placeholder, no-incoming, no-outgoing
  std::string code;
  std::string detail; // which server and what was written, in English
  ProblemEffect effect = ProblemEffect::note;
  std::string value;        // the text at fault as written (cut short), or "" when none
  std::ptrdiff_t offset = -1; // byte offset in the body of the element at fault; -1 unknown
};

struct AutoconfigResult {
  std::vector<AutoconfigServer> incoming; // in the file's order
  std::vector<AutoconfigServer> outgoing;
  std::vector<AutoconfigProblem> problems; // in the order found
  // Whether Thunderbird would take a configuration from this answer (no
  // problem with effect rejects_file). The servers are listed either way:
  // a file served as text/plain still says what its author meant.
  bool accepted = false;
  // <emailProvider id="..."> and its offset (-1 when there is none).
  std::string provider_id;
  std::ptrdiff_t provider_offset = -1;
};

AutoconfigResult read_autoconfig(std::string_view body, std::string_view content_type, const AddressParts& who);

// The same reading of a file as its author wrote it, for `mailports lint`:
// no HTTP answer (so no Content-Type to judge) and no address, so every
// placeholder stays as written (hosts are not lower-cased either) and is
// only checked for being one Thunderbird knows.
AutoconfigResult read_autoconfig_file(std::string_view body);

std::string_view to_string(ProblemEffect effect) noexcept;

// %EMAILADDRESS%, %EMAILLOCALPART% and %EMAILDOMAIN% in `templ` filled for
// `who`; with no local part, only %EMAILDOMAIN% (the others stay as written).
std::string fill_placeholders(std::string_view templ, const AddressParts& who);

} // namespace mailports::discover
