#include <mailports/discover/live.hpp>

#include "deadline.hpp"

#include <mailports/net/net.hpp>
#include <mailports/probe/judge.hpp>
#include <mailports/probe/session.hpp>
#include <mailports/util/text.hpp>
#include <mailports/util/unicode.hpp>

#include <algorithm>
#include <charconv>
#include <future>

namespace mailports::discover {

namespace {

using detail::Clock;
using detail::left;
using detail::since;

std::optional<std::uint16_t> read_port(std::string_view text)
{
  unsigned value = 0;
  const auto* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (ec != std::errc{} || ptr != end || value < 1 || value > 65535) {
    return std::nullopt;
  }
  return static_cast<std::uint16_t>(value);
}

// Splits "a:b:[::1]:d" at the colons outside brackets, brackets dropped.
std::vector<std::string> split_fields(std::string_view entry)
{
  std::vector<std::string> fields(1);
  bool bracket = false;
  for (const char c : entry) {
    if (c == '[' || c == ']') {
      bracket = c == '[';
      continue; // an IPv6 address's brackets are only its quoting here
    }
    if (c == ':' && !bracket) {
      fields.emplace_back();
      continue;
    }
    fields.back() += c;
  }
  return fields;
}

struct Resolved {
  std::vector<net::Address> addresses;
  net::DnsStatus status = net::DnsStatus::error;
  std::string message;
};

// The host's addresses from --dns-server when there is one (the names
// discovery found live there), else from the system's resolver.
Resolved resolve(const std::string& host, const LiveOptions& options, std::chrono::milliseconds timeout)
{
  Resolved out;
  const bool bracketed = host.size() > 2 && host.front() == '[' && host.back() == ']';
  if (auto literal = net::parse_numeric_address(bracketed ? host.substr(1, host.size() - 2) : host)) {
    out.addresses.push_back(std::move(literal).value());
    out.status = net::DnsStatus::found;
    return out;
  }
  if (options.dns.server) {
    auto dns = options.dns;
    dns.timeout = timeout;
    auto answer = net::query_addresses(host, dns);
    out.status = answer.status;
    out.message = answer.message;
    for (const auto& text : answer.records) {
      if (auto address = net::parse_numeric_address(text)) {
        out.addresses.push_back(std::move(address).value());
      }
    }
    return out;
  }
  auto found = net::resolve(host, timeout);
  if (!found) {
    out.status = found.error().kind == net::ResolveFailure::timed_out ? net::DnsStatus::timeout
                                                                        : net::DnsStatus::nx_domain;
    out.message = found.error().message;
    return out;
  }
  out.status = net::DnsStatus::found;
  out.addresses = std::move(found).value();
  return out;
}

const ConnectTo* mapping(const LiveOptions& options, const std::string& host, std::uint16_t port)
{
  for (const auto& entry : options.connect_to) {
    if ((entry.host.empty() || entry.host == host) && (entry.port == 0 || entry.port == port)) {
      return &entry;
    }
  }
  return nullptr;
}

// One port of one host, through the connect-to mapping; the report names
// the host's own port whatever was connected to.
probe::PortReport probe_one(const std::string& host, const std::vector<net::Address>& addresses,
                            probe::PortPlan plan, const LiveOptions& options, Clock::time_point deadline)
{
  probe::Target target;
  target.host = host; // the certificate is checked against the published name
  target.addresses = addresses;
  target.tls = options.tls;
  if (target.tls != nullptr) { // the extra handshakes offer them, as `probe` does
    target.weak_ciphers = net::ciphers_weaker_than(*target.tls, probe::k_weak_cipher_bits);
  }
  const auto published_port = plan.port;
  if (const auto* to = mapping(options, host, plan.port)) {
    if (!to->to_host.empty()) {
      target.addresses = resolve(to->to_host, options, left(deadline)).addresses;
    }
    if (to->to_port != 0) {
      plan.port = to->to_port;
    }
  }
  target.timeout = left(deadline);
  auto report = probe::probe_port(target, plan);
  report.port = published_port;
  return report;
}

} // namespace

core::Result<std::vector<ConnectTo>> parse_connect_to(std::string_view text)
{
  std::vector<ConnectTo> out;
  for (std::size_t start = 0; start <= text.size();) {
    auto comma = text.find(',', start);
    if (comma == std::string_view::npos) {
      comma = text.size();
    }
    const auto entry = util::trim(text.substr(start, comma - start));
    start = comma + 1;
    if (entry.empty()) {
      continue;
    }
    const auto fields = split_fields(entry);
    const auto bad = [&] {
      return core::Result<std::vector<ConnectTo>>(
        core::Error{"bad connect-to entry \"" + std::string(entry) + "\": expected HOST:PORT:CONNECT-HOST:CONNECT-PORT"});
    };
    if (fields.size() != 4) {
      return bad();
    }
    ConnectTo to;
    to.host = util::to_lower(fields[0]);
    to.to_host = fields[2];
    if (!fields[1].empty()) {
      const auto port = read_port(fields[1]);
      if (!port) {
        return bad();
      }
      to.port = *port;
    }
    if (!fields[3].empty()) {
      const auto port = read_port(fields[3]);
      if (!port) {
        return bad();
      }
      to.to_port = *port;
    }
    out.push_back(std::move(to));
  }
  return out;
}

std::vector<std::string> guess_hosts(std::string_view domain)
{
  const std::string d(domain);
  return {"imap." + d, "pop3." + d, "pop." + d, "mail." + d, "smtp." + d, d};
}

std::vector<SourceReport> guess_sources(const rules::Table& table, std::string_view domain,
                                        const LiveOptions& options)
{
  const auto hosts = guess_hosts(domain);
  std::vector<std::future<SourceReport>> pending;
  for (std::size_t h = 0; h < hosts.size(); ++h) {
    pending.push_back(std::async(std::launch::async, [&table, &options, host = hosts[h], h] {
      const auto start = Clock::now();
      const auto deadline = start + options.timeout;
      SourceReport report;
      report.kind = SourceKind::guess;
      report.name = host;
      const auto done = [&] {
        report.elapsed = since(start);
        return report;
      };
      const auto resolved = resolve(host, options, left(deadline));
      report.reached = resolved.status != net::DnsStatus::timeout && resolved.status != net::DnsStatus::error;
      if (resolved.addresses.empty()) {
        report.status = resolved.status == net::DnsStatus::timeout ? SourceStatus::timeout : SourceStatus::not_found;
        report.detail = "no address" + (resolved.message.empty() ? std::string() : ": " + resolved.message);
        return done();
      }
      // Thunderbird's hosts by what they are named for: imap.D IMAP only,
      // pop3.D and pop.D POP3, smtp.D SMTP, mail.D and D everything.
      std::vector<probe::PortPlan> plans;
      const auto add = [&](core::Proto proto, std::vector<std::uint16_t> ports) {
        for (auto& plan : probe::named_plan(table, proto, ports)) {
          plans.push_back(plan);
        }
      };
      const bool any = h >= 3 && h != 4;
      if (h == 0 || any) {
        add(core::Proto::imap, {993, 143});
      }
      if (h == 1 || h == 2 || any) {
        add(core::Proto::pop3, {995, 110});
      }
      if (h == 4 || any) {
        add(core::Proto::smtp, {465, 587});
      }
      std::vector<std::future<probe::PortReport>> probes;
      for (const auto& plan : plans) {
        probes.push_back(std::async(std::launch::async, [&, plan] {
          return probe_one(host, resolved.addresses, plan, options, deadline);
        }));
      }
      std::string answered;
      for (auto& f : probes) {
        auto port = f.get();
        if (!port.reachable || !port.proto || !port.tls || port.error) {
          continue;
        }
        FoundServer server;
        server.proto = *port.proto;
        server.host = host;
        server.port = port.port;
        server.tls = *port.tls;
        server.probed = port;
        answered += (answered.empty() ? "" : ", ") + std::to_string(port.port);
        (server.proto == core::Proto::smtp ? report.outgoing : report.incoming).push_back(std::move(server));
      }
      report.status = answered.empty() ? SourceStatus::not_found : SourceStatus::found;
      report.detail = answered.empty() ? "no mail port answered" : "answered on " + answered;
      return done();
    }));
  }
  std::vector<SourceReport> out;
  for (auto& p : pending) {
    out.push_back(p.get());
  }
  return out;
}

probe::PortReport probe_published(const std::string& host, const probe::PortPlan& plan, const LiveOptions& options,
                                  Clock::time_point deadline)
{
  const auto resolved = resolve(host, options, left(deadline));
  if (resolved.addresses.empty()) {
    probe::PortReport report;
    report.proto = plan.proto;
    report.port = plan.port;
    report.named = true;
    report.error = net::IoError{net::ErrorKind::connect_failed,
                                host + ": no address" +
                                  (resolved.message.empty() ? std::string() : " (" + resolved.message + ")")};
    return report;
  }
  return probe_one(host, resolved.addresses, plan, options, deadline);
}

void verify(const rules::Table& table, Discovery& discovery, const LiveOptions& options)
{
  const auto deadline = Clock::now() + options.timeout;
  // The best of each direction first, and a bounded number in all: the
  // hosts come from answers anyone on the path may have written.
  std::vector<MergedServer*> servers;
  for (std::size_t i = 0; servers.size() < k_max_verified; ++i) {
    const bool more_in = i < discovery.incoming.size();
    const bool more_out = i < discovery.outgoing.size();
    if (!more_in && !more_out) {
      break;
    }
    if (more_in) {
      servers.push_back(&discovery.incoming[i]);
    }
    if (more_out && servers.size() < k_max_verified) {
      servers.push_back(&discovery.outgoing[i]);
    }
  }
  std::vector<std::future<probe::PortReport>> pending;
  for (auto* m : servers) {
    pending.push_back(std::async(std::launch::async, [&options, &table, deadline, m] {
      const auto& s = m->server;
      // What the server does is the question: expect the table's mode for
      // the port, as `probe` does, and when the source claims another, let
      // the probe find out (it waits for a greeting, then tries TLS).
      auto plan = probe::named_plan(table, s.proto, {s.port}).front();
      if (plan.expected && *plan.expected != s.tls) {
        plan.expected.reset();
      }
      return probe_published(s.host, plan, options, deadline);
    }));
  }
  for (std::size_t i = 0; i < servers.size(); ++i) {
    auto& m = *servers[i];
    auto report = pending[i].get();
    m.probe_check = probe::judge(table, report);
    if (report.reachable && report.tls && *report.tls != m.server.tls) {
      m.notes.push_back(Note{rules::codes::verify_mode_differs, std::to_string(m.server.port), {}, m.server.tls,
                             report.tls});
    }
    m.probed = std::move(report);
  }
  settle_verdicts(table, discovery);
}

} // namespace mailports::discover
