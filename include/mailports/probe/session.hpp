// One probe of one port, and a sweep of several ports in parallel.
#pragma once

#include <mailports/net/net.hpp>
#include <mailports/net/tls.hpp>
#include <mailports/probe/report.hpp>

#include <chrono>
#include <optional>
#include <vector>

namespace mailports::probe {

// A cipher below this many bits is weak (probe-cipher-weak).
inline constexpr int k_weak_cipher_bits = 128;

struct Target {
  std::string host; // checked against certificates: an A-label or an IP literal
  std::vector<net::Address> addresses;
  const net::Address* source = nullptr;
  std::chrono::milliseconds timeout{10000}; // per port, connect included
  const net::TlsContext* tls = nullptr;
  // After a successful handshake, try the ExtraHandshake offers too (each
  // on its own connection, in parallel, within the same deadline).
  bool extra_handshakes = true;
  std::string weak_ciphers; // net::ciphers_weaker_than(k_weak_cipher_bits); empty: not tried
};

// The versions a port accepted: its own handshake's and every extra one's,
// newest first, each once ("TLSv1.3", "TLSv1").
std::vector<std::string> versions_accepted(const PortReport& report);
// Those of the versions tried that the server refused.
std::vector<std::string> versions_refused(const PortReport& report);

struct PortPlan {
  // nullopt: the protocol is read from the server's greeting (220, * OK, +OK).
  std::optional<core::Proto> proto = core::Proto::smtp;
  std::uint16_t port = 0;
  bool named = false; // from --port
  // The mode the rules table expects on this port, if it knows the port:
  // it decides how long to wait for a greeting before trying TLS.
  std::optional<core::TlsMode> expected;
  std::optional<std::uint16_t> judged_as; // --as SERVICE: its standard port
};

PortReport probe_port(const Target& target, const PortPlan& plan);

// Every port at once, one thread each; reports in the order of `plans`.
std::vector<PortReport> probe_ports(const Target& target, const std::vector<PortPlan>& plans);

} // namespace mailports::probe
