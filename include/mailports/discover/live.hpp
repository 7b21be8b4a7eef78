// Discovery's live steps, through the existing probe: --guess (probe the
// usual host names) and --verify (probe every server the sources named).
// Credentials are never sent; certificates are always verified.
#pragma once

#include <mailports/core/result.hpp>
#include <mailports/discover/merge.hpp>
#include <mailports/discover/source.hpp>
#include <mailports/net/dns.hpp>
#include <mailports/net/tls.hpp>
#include <mailports/probe/session.hpp>
#include <mailports/rules/table.hpp>

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace mailports::discover {

// One `curl --connect-to` entry, "HOST:PORT:CONNECT-HOST:CONNECT-PORT"; an
// empty field matches any (the tests' MAILPORTS_TEST_CONNECT_TO).
struct ConnectTo {
  std::string host;        // empty: any
  std::uint16_t port = 0;  // 0: any
  std::string to_host;     // empty: the same host
  std::uint16_t to_port = 0; // 0: the same port
};

// A comma-separated list; the error names the entry.
core::Result<std::vector<ConnectTo>> parse_connect_to(std::string_view text);

struct LiveOptions {
  std::chrono::milliseconds timeout{10000}; // the probes' deadline, resolution included
  const net::TlsContext* tls = nullptr;
  net::DnsOptions dns;                      // --dns-server, for host addresses
  std::vector<ConnectTo> connect_to;
};

// The hosts --guess tries, in Thunderbird's order (GuessConfig.sys.mjs):
// imap.D, pop3.D, pop.D, mail.D, smtp.D, D.
std::vector<std::string> guess_hosts(std::string_view domain);

// One source per host: the servers that greeted in a protocol, each in the
// mode it was found to speak.
std::vector<SourceReport> guess_sources(const rules::Table& table, std::string_view domain,
                                        const LiveOptions& options);

// One port of a published host: its addresses (from --dns-server when one
// is given), then the probe through the connect-to mapping, all before
// `deadline`. The report names the published port; a host without an
// address is a report with a connect_failed error.
probe::PortReport probe_published(const std::string& host, const probe::PortPlan& plan, const LiveOptions& options,
                                  std::chrono::steady_clock::time_point deadline);

// At most this many servers are probed by --verify (each its own thread).
inline constexpr std::size_t k_max_verified = 12;

// Probes the servers of `discovery` at once (the best of each direction
// first, at most k_max_verified) and adds what each did: the
// probe's findings, and verify-mode-differs where the server does not speak
// the mode the sources published. Then the verdicts again.
void verify(const rules::Table& table, Discovery& discovery, const LiveOptions& options);

} // namespace mailports::discover
