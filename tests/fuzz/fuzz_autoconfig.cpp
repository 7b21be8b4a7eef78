// discover::read_autoconfig on arbitrary bodies (pugixml underneath). The
// first byte picks the Content-Type and whether the address has a local
// part; the rest is the body. Properties: every server reported is one a
// client could use (the protocol its element allows, port 1-65535, a mode
// Thunderbird names, a host of letters, digits, '-', '.' only once filled);
// `accepted` is exactly "no problem rejects the file", and an accepted file
// has an outgoing server; problem codes are the documented ones and details
// stay short; nothing grows past the input (no entity is ever expanded).
#include "fuzz_support.hpp"

#include <mailports/discover/autoconfig.hpp>

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <string>

namespace {

using namespace mailports;

constexpr std::array<std::string_view, 4> k_types = {"text/xml", "application/xml; charset=utf-8", "text/plain",
                                                     "text/rdf"};
constexpr std::array<std::string_view, 14> k_codes = {
  "content-type", "too-large",   "not-xml",      "not-client-config", "no-email-provider",
  "server-type",  "no-hostname", "bad-hostname", "bad-port",          "socket-type",
  "authentication", "placeholder", "no-incoming", "no-outgoing"};

// Whether a placeholder the address can fill is still there after filling:
// an address without '%' or capitals cannot bring one back.
bool unfilled(std::string_view text, bool has_local)
{
  const auto has = [&](std::string_view p) { return text.find(p) != std::string_view::npos; };
  return has("%EMAILDOMAIN%") || (has_local && (has("%EMAILADDRESS%") || has("%EMAILLOCALPART%")));
}

void check_server(const discover::AutoconfigServer& s, bool outgoing, bool has_local)
{
  MAILPORTS_FUZZ_CHECK(outgoing ? s.proto == core::Proto::smtp : s.proto != core::Proto::smtp);
  MAILPORTS_FUZZ_CHECK(s.port >= 1 && s.port <= 65535);
  MAILPORTS_FUZZ_CHECK(s.tls == core::TlsMode::none || s.tls == core::TlsMode::starttls ||
                       s.tls == core::TlsMode::implicit);
  MAILPORTS_FUZZ_CHECK(!s.hostname.empty());
  // The address below is ASCII; with it filled in, a host holds only what
  // Thunderbird's Sanitizer.hostname lets through (and '%' of a placeholder
  // it could not fill, or '@' of %EMAILADDRESS%), lower-case.
  MAILPORTS_FUZZ_CHECK(std::all_of(s.hostname.begin(), s.hostname.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '%' || c == '@';
  }));
  MAILPORTS_FUZZ_CHECK(!unfilled(s.hostname, has_local));
  MAILPORTS_FUZZ_CHECK(!unfilled(s.username, has_local));
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
  if (size == 0) {
    return 0;
  }
  const auto content_type = k_types[data[0] % k_types.size()];
  const bool has_local = (data[0] & 0x10) == 0;
  const auto body = mailports_fuzz::as_text(data + 1, size - 1);
  const discover::AddressParts who{has_local ? "taro" : "", "example.test"};

  const auto r = discover::read_autoconfig(body, content_type, who);

  const bool rejected = std::any_of(r.problems.begin(), r.problems.end(), [](const auto& p) {
    return p.effect == discover::ProblemEffect::rejects_file;
  });
  MAILPORTS_FUZZ_CHECK(r.accepted == !rejected);
  if (r.accepted) {
    MAILPORTS_FUZZ_CHECK(!r.outgoing.empty());
  }
  for (const auto& p : r.problems) {
    MAILPORTS_FUZZ_CHECK(std::find(k_codes.begin(), k_codes.end(), p.code) != k_codes.end());
    MAILPORTS_FUZZ_CHECK(p.detail.size() < 512);
  }
  std::size_t out_bytes = 0;
  for (const auto& s : r.incoming) {
    check_server(s, false, has_local);
    out_bytes += s.hostname.size() + s.username.size() + s.username_template.size();
  }
  for (const auto& s : r.outgoing) {
    check_server(s, true, has_local);
    out_bytes += s.hostname.size() + s.username.size() + s.username_template.size();
  }
  // Each %EMAILADDRESS% (14 bytes) becomes 17; nothing else grows.
  MAILPORTS_FUZZ_CHECK(out_bytes <= 3 * body.size());
  return 0;
}
