#pragma once

#include <mailports/cli/cmd/command.hpp>
#include <mailports/cli/output/provider.hpp>
#include <mailports/discover/live.hpp>
#include <mailports/discover/merge.hpp>
#include <mailports/discover/relay.hpp>
#include <mailports/net/dns.hpp>

#include <chrono>
#include <optional>
#include <string>

namespace mailports::cli::cmd {

struct DiscoverOptions {
  std::string target; // an address or a domain
  bool json = false;
  bool verify = false;
  bool guess = false;
  bool no_http = false;
  bool no_address = false;
  double timeout = 10.0;
  std::string dns_server;
  std::string ca_file;
  std::string role = "client"; // relay: the MX hosts on port 25, MTA-STS, TLS-RPT, DANE
};

// Options are added only when `with_options`, i.e. for the command being run.
Command setup_discover(CLI::App& parent, core::Lang lang, bool with_options);
Outcome run_discover(const DiscoverOptions& options, Context& ctx);

// The sources asked and what they found, merged and judged (also for
// `config --discover`). Throws Fatal: usage (64), no source reached (68),
// CA file (65, 66), libcurl or OpenSSL missing (69).
struct Discovered {
  output::Lookup lookup;
  std::vector<discover::SourceReport> sources;
  discover::Discovery discovery;
};
Discovered discover_servers(const DiscoverOptions& options, Context& ctx);

// MAILPORTS_TEST_CONNECT_TO, parsed (the tests' servers on loopback high
// ports under their real names); `raw` gets libcurl's form of each entry.
std::vector<discover::ConnectTo> connect_to_hook(std::vector<std::string>& raw, core::Lang lang);

// --dns-server's value: parsed (64 naming it if bad) and, when a host name,
// resolved once within `timeout` (68 if it cannot be); none when empty.
std::optional<net::DnsServer> dns_server_option(const std::string& text, std::chrono::milliseconds timeout,
                                                core::Lang lang);

// --role relay's options as discover and probe read them: the deadline
// (`timeout_s` seconds), --dns-server, the tests' connection hook. The TLS
// context and --ca-file are the caller's.
discover::RelayOptions relay_options(double timeout_s, const std::string& dns_server, core::Lang lang);

// "taro@example.com", or the domain alone.
std::string who_of(const output::Lookup& lookup);

} // namespace mailports::cli::cmd
