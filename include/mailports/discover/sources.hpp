// The discovery sources (issue 12), each asked on a thread of its own with
// its own deadline: the provider's autoconfig URLs, the built-in ISPDB, the
// MX host's provider, and DNS SRV (RFC 6186). --guess is discover/live.hpp.
#pragma once

#include <mailports/discover/autoconfig.hpp>
#include <mailports/discover/source.hpp>
#include <mailports/net/dns.hpp>
#include <mailports/net/http.hpp>
#include <mailports/providers/catalog.hpp>

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace mailports::discover {

struct Request {
  AddressParts who;            // local is empty when a domain was given
  bool try_http = true;        // also the http:// autoconfig URLs (not --no-http)
  bool send_address = true;    // ?emailaddress= (not --no-address)
  std::chrono::milliseconds timeout{10000}; // each source's deadline
  net::DnsOptions dns;         // timeout is set from `timeout`
  net::HttpOptions http;       // timeout is set from `timeout`
  const providers::Catalog* catalog = nullptr; // the built-in ISPDB (or --providers)
};

// The autoconfig URLs of a domain, in Thunderbird's order: https autoconfig.D,
// https D/.well-known, then the same over http when `try_http`.
std::vector<std::string> autoconfig_urls(const Request& request);

// ?emailaddress=taro%40example.com, or "" without an address or with
// send_address false.
std::string address_query(const Request& request);

// Every source at once; the reports in priority order: the autoconfig URLs,
// ispdb, mx, then the six SRV names. Returns when the last is done, within
// the timeout plus what a thread takes to notice.
std::vector<SourceReport> run_sources(const Request& request);

// One source each (run_sources runs them all).
SourceReport autoconfig_source(const Request& request, const std::string& url, bool over_http);
SourceReport ispdb_source(const Request& request, const std::string& domain);
SourceReport mx_source(const Request& request);
std::vector<SourceReport> srv_sources(const Request& request);

// A provider's servers as a source found them, placeholders filled for `who`.
void add_provider_servers(SourceReport& report, const providers::Provider& provider, const AddressParts& who);

// The SRV service names, in the order reported: _submissions, _submission,
// _imaps, _imap, _pop3s, _pop3 (RFC 6186, RFC 8314 §5.1).
struct SrvService {
  std::string_view label; // "_submissions._tcp"
  core::Proto proto;
  core::TlsMode tls;
};
inline constexpr SrvService k_srv_services[] = {
  {"_submissions._tcp", core::Proto::smtp, core::TlsMode::implicit},
  {"_submission._tcp", core::Proto::smtp, core::TlsMode::starttls},
  {"_imaps._tcp", core::Proto::imap, core::TlsMode::implicit},
  {"_imap._tcp", core::Proto::imap, core::TlsMode::starttls},
  {"_pop3s._tcp", core::Proto::pop3, core::TlsMode::implicit},
  {"_pop3._tcp", core::Proto::pop3, core::TlsMode::starttls},
};

// Whether `host` is `domain` or a name under it.
bool within_domain(std::string_view host, std::string_view domain) noexcept;

} // namespace mailports::discover
