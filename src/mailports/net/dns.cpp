// Queries through glibc's resolver (res_ninit on a private state, then
// res_nmkquery and res_nsend, which is res_nquery in two steps), each on a
// thread of its own so the caller's deadline holds whatever libresolv does:
// its own timers count in whole seconds, and its TCP fallback (after a
// truncated UDP answer) has none at all. Two steps rather than res_nquery so
// the query's ID is known: for REFUSED and SERVFAIL res_nsend fails but
// leaves the reply in the buffer, where a stray packet it dropped could be
// instead, and the ID and question tell them apart.
//
// Not dlopen'ed: since glibc 2.34 res_ninit, res_nsend and res_nclose live
// in libc.so.6 itself (libresolv.so.2 is an empty stub kept for old
// binaries), so calling them costs start-up nothing. Measured with
// callgrind on an empty C program (Debian 12, glibc 2.36): 123,208
// instructions; calling res_nquery or res_nsend from libc 123,019; linking
// libresolv.so.2 as well 146,204 (+23 k for nothing). src/CMakeLists.txt
// links -lresolv only on an older glibc, where these are not in libc.
#include <mailports/net/dns.hpp>

#include <arpa/inet.h>
#include <netdb.h>
#include <netinet/in.h>
#include <resolv.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <charconv>
#include <cstdlib>
#include <cstring>
#include <future>
#include <memory>
#include <system_error>
#include <thread>
#include <tuple>
#include <type_traits>

namespace mailports::net {

namespace {

using Clock = std::chrono::steady_clock;

// What one query left behind, read on its own thread.
struct Raw {
  int length = -1;   // res_nsend's value
  std::uint16_t id = 0; // the query's ID
  int host_error = 0; // the state's h_errno
  int system_error = 0; // errno just after
  std::vector<std::uint8_t> message; // the reply, when one arrived
};

bool valid_query_name(std::string_view name)
{
  return !name.empty() && name.size() <= 254 && name.find('\0') == std::string_view::npos;
}

// libresolv's timers, from the caller's timeout: a second try when there is
// time for two, each try at least the one second libresolv can count. The
// thread's deadline, not these, is what bounds the caller.
void set_timers(res_state state, std::chrono::milliseconds timeout)
{
  const auto ms = std::max<long long>(timeout.count(), 1);
  const int tries = ms >= 4000 ? 2 : 1;
  const auto per_try = (ms / tries + 999) / 1000;
  state->retry = tries;
  state->retrans = static_cast<int>(std::clamp<long long>(per_try, 1, 30));
}

// An IPv6 server the way res_ninit stores one from resolv.conf: its
// nsaddr_list entry with family 0, the address in _u._ext.nsaddrs (malloc'd:
// res_nclose frees it). The ones res_ninit put there are freed first.
bool set_ipv6_server(struct __res_state& state, const in6_addr& address, std::uint16_t port)
{
  for (auto*& slot : state._u._ext.nsaddrs) {
    std::free(slot); // NOLINT(cppcoreguidelines-no-malloc): glibc owns it with free()
    slot = nullptr;
  }
  auto* v6 = static_cast<sockaddr_in6*>(std::calloc(1, sizeof(sockaddr_in6))); // NOLINT(cppcoreguidelines-no-malloc)
  if (v6 == nullptr) {
    return false;
  }
  v6->sin6_family = AF_INET6;
  v6->sin6_port = htons(port);
  v6->sin6_addr = address;
  state.nsaddr_list[0] = sockaddr_in{};
  state.nsaddr_list[0].sin_family = 0;
  state._u._ext.nsaddrs[0] = v6;
  state._u._ext.nscount = 0;
  return true;
}

Raw run_query(const std::string& name, std::uint16_t type, const std::optional<DnsServer>& server,
              std::chrono::milliseconds timeout)
{
  Raw raw;
  struct __res_state state{};
  if (res_ninit(&state) != 0) {
    raw.system_error = errno;
    raw.host_error = NETDB_INTERNAL;
    return raw;
  }
  if (server) {
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(server->port);
    in6_addr v6{};
    if (::inet_pton(AF_INET, server->address.c_str(), &address.sin_addr) == 1) {
      state.nscount = 1;
      state.nsaddr_list[0] = address;
    } else if (::inet_pton(AF_INET6, server->address.c_str(), &v6) == 1 && set_ipv6_server(state, v6, server->port)) {
      state.nscount = 1;
    } else {
      res_nclose(&state);
      raw.host_error = NETDB_INTERNAL;
      raw.system_error = EINVAL;
      return raw;
    }
  }
  // glibc (since 2.31) keeps the AD bit only with RES_TRUSTAD, which
  // res_ninit sets from resolv.conf's "options trust-ad" (systemd-resolved's
  // stub writes it): right for the servers listed there, not for a
  // --dns-server elsewhere that then takes their place.
  state.options = with_trust_ad(state.options, server);
  set_timers(&state, timeout);
  std::array<std::uint8_t, 512> query{}; // a question of at most 255 + 16 bytes
  const int query_length = res_nmkquery(&state, ns_o_query, name.c_str(), ns_c_in, type, nullptr, 0, nullptr,
                                        query.data(), static_cast<int>(query.size()));
  if (query_length < 12) {
    res_nclose(&state);
    raw.host_error = NO_RECOVERY;
    raw.system_error = EINVAL;
    return raw;
  }
  raw.id = static_cast<std::uint16_t>((query[0] << 8) | query[1]);
  if (type == dns_type_tlsa || type == dns_type_txt) {
    query[3] = static_cast<std::uint8_t>(query[3] | 0x20); // AD: tell us whether it validated (RFC 6840 §5.7)
  }
  // The reply's header is zeroed first: when res_nsend fails after a
  // REFUSED or SERVFAIL the reply is still in the buffer, and its QR bit and
  // ID then tell a reply from none at all.
  raw.message.assign(dns_max_message, 0);
  errno = 0;
  raw.length = res_nsend(&state, query.data(), query_length, raw.message.data(),
                         static_cast<int>(raw.message.size()));
  raw.system_error = errno;
  raw.host_error = state.res_h_errno;
  res_nclose(&state);
  if (raw.length >= 0) {
    raw.message.resize(std::min<std::size_t>(static_cast<std::size_t>(raw.length), raw.message.size()));
  } else if ((raw.message[2] & 0x80) != 0 && raw.message[0] == (raw.id >> 8) &&
             raw.message[1] == (raw.id & 0xFF)) {
    // How long the reply was is not returned; the parser reads only what the
    // header counts, within the buffer.
  } else {
    raw.message.clear();
  }
  return raw;
}

struct Pending {
  std::future<Raw> result;
  std::string start_error;
};

// The query on a detached thread: one that outlives the deadline finishes
// by libresolv's own timers and drops its result (over TCP, only when the
// server answers or closes; a one-shot command can afford that thread).
Pending start_query(std::string_view name, std::uint16_t type, const DnsOptions& options)
{
  Pending pending;
  auto promise = std::make_shared<std::promise<Raw>>();
  pending.result = promise->get_future();
  try {
    std::thread([promise, name = std::string(name), type, server = options.server, timeout = options.timeout] {
      promise->set_value(run_query(name, type, server, timeout));
    }).detach();
  } catch (const std::system_error& e) {
    pending.start_error = std::string("cannot start a thread for the query: ") + e.what();
  }
  return pending;
}

std::string server_text(const DnsOptions& options)
{
  if (!options.server) {
    return "the system's DNS servers";
  }
  return options.server->address + ":" + std::to_string(options.server->port);
}

struct Judged {
  DnsStatus status = DnsStatus::error;
  DnsAnswer answer;
  std::string message;
};

std::string canonical(std::string_view name)
{
  std::string out;
  for (const char c : name) {
    out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  }
  if (!out.empty() && out.back() == '.') {
    out.pop_back();
  }
  return out;
}

Judged judge(const Raw& raw, std::string_view name, std::uint16_t type, const DnsOptions& options)
{
  const auto who = server_text(options);
  if (raw.message.empty()) {
    if (raw.system_error == ETIMEDOUT) {
      return {DnsStatus::timeout, {}, "no answer from " + who + " for " + std::string(name)};
    }
    std::string why = raw.system_error != 0 ? std::strerror(raw.system_error) : "no reply";
    if (raw.host_error > 0) {
      why += std::string(" (") + ::hstrerror(raw.host_error) + ")";
    }
    return {DnsStatus::error, {}, "query to " + who + " for " + std::string(name) + " failed: " + why};
  }
  auto parsed = parse_dns_answer(raw.message);
  if (!parsed) {
    return {DnsStatus::error, {}, "unreadable answer from " + who + ": " + parsed.error().message};
  }
  // A reply with our ID to another question is not an answer (when
  // res_nsend succeeded it has checked this already).
  if (parsed->question != canonical(name) || parsed->question_type != type) {
    const bool timed_out = raw.system_error == ETIMEDOUT;
    return {timed_out ? DnsStatus::timeout : DnsStatus::error, {},
            (timed_out ? "no answer from " : "no usable answer from ") + who + " for " + std::string(name)};
  }
  switch (parsed->rcode) {
  case 0:
    return {DnsStatus::found, std::move(*parsed), {}}; // the caller tells found from no_data
  case 3:
    return {DnsStatus::nx_domain, {}, std::string(name) + " does not exist (NXDOMAIN from " + who + ")"};
  case 2:
    return {DnsStatus::server_failure, {}, who + " failed to answer for " + std::string(name) + " (SERVFAIL)"};
  case 4:
  case 5:
    return {DnsStatus::refused, {},
            who + " refused the query for " + std::string(name) + (parsed->rcode == 5 ? " (REFUSED)" : " (NOTIMP)")};
  default:
    return {DnsStatus::error, {}, who + " answered with RCODE " + std::to_string(parsed->rcode)};
  }
}

Judged wait_for(Pending& pending, Clock::time_point deadline, std::string_view name, std::uint16_t type,
                const DnsOptions& options)
{
  if (!pending.start_error.empty()) {
    return {DnsStatus::error, {}, pending.start_error};
  }
  if (pending.result.wait_until(deadline) != std::future_status::ready) {
    return {DnsStatus::timeout, {},
            "no answer from " + server_text(options) + " for " + std::string(name) + " within " +
                std::to_string(options.timeout.count()) + " ms"};
  }
  return judge(pending.result.get(), name, type, options);
}

template <typename T>
DnsResult<T> not_found(Judged& judged)
{
  return DnsResult<T>{judged.status, {}, std::move(judged.message)};
}

Judged invalid_name(std::string_view name)
{
  return {DnsStatus::error, {}, "not a name to query: '" + std::string(name.substr(0, 64)) + "'"};
}

Judged ask(std::string_view name, std::uint16_t type, const DnsOptions& options)
{
  if (!valid_query_name(name)) {
    return invalid_name(name);
  }
  const auto deadline = Clock::now() + options.timeout;
  auto pending = start_query(name, type, options);
  return wait_for(pending, deadline, name, type, options);
}

} // namespace

std::string_view to_string(DnsStatus status) noexcept
{
  switch (status) {
  case DnsStatus::found: return "found";
  case DnsStatus::no_data: return "no-data";
  case DnsStatus::nx_domain: return "nx-domain";
  case DnsStatus::refused: return "refused";
  case DnsStatus::server_failure: return "server-failure";
  case DnsStatus::timeout: return "timeout";
  case DnsStatus::error: return "error";
  }
  return "error";
}

bool is_loopback_address(std::string_view address) noexcept
{
  char text[INET6_ADDRSTRLEN + 1] = {};
  if (address.size() >= sizeof text) {
    return false;
  }
  std::copy(address.begin(), address.end(), text);
  in_addr v4{};
  if (::inet_pton(AF_INET, text, &v4) == 1) {
    return (ntohl(v4.s_addr) >> 24) == 127;
  }
  in6_addr v6{};
  return ::inet_pton(AF_INET6, text, &v6) == 1 && IN6_IS_ADDR_LOOPBACK(&v6);
}

unsigned long with_trust_ad(unsigned long options, const std::optional<DnsServer>& server) noexcept
{
  static_assert(std::is_same_v<decltype(__res_state::options), unsigned long>);
  if (!server) {
    return options;
  }
  return is_loopback_address(server->address) ? options | RES_TRUSTAD : options & ~static_cast<unsigned long>(RES_TRUSTAD);
}

core::Result<DnsServer> parse_dns_server(std::string_view text)
{
  if (text.empty()) {
    return core::Error{"empty DNS server"};
  }
  DnsServer server;
  std::string_view host = text;
  std::string_view port;
  bool has_port = false;
  if (text.front() == '[') {
    const auto close = text.find(']');
    if (close == std::string_view::npos || (close + 1 < text.size() && text[close + 1] != ':')) {
      return core::Error{"bad DNS server: '" + std::string(text) + "' (expected [IPv6]:PORT)"};
    }
    host = text.substr(1, close - 1);
    if (close + 1 < text.size()) {
      port = text.substr(close + 2);
      has_port = true;
    }
  } else if (std::count(text.begin(), text.end(), ':') == 1) {
    const auto colon = text.find(':');
    host = text.substr(0, colon);
    port = text.substr(colon + 1);
    has_port = true;
  }
  if (has_port) {
    unsigned value = 0;
    const auto [end, ec] = std::from_chars(port.data(), port.data() + port.size(), value);
    if (port.empty() || ec != std::errc{} || end != port.data() + port.size() || value == 0 || value > 65535) {
      return core::Error{"DNS server port must be 1-65535: '" + std::string(text) + "'"};
    }
    server.port = static_cast<std::uint16_t>(value);
  }
  const std::string host_text(host);
  in_addr v4{};
  in6_addr v6{};
  if (::inet_pton(AF_INET, host_text.c_str(), &v4) == 1 && text.front() != '[') {
    server.address = host_text;
    return server;
  }
  if (::inet_pton(AF_INET6, host_text.c_str(), &v6) == 1) {
    server.address = host_text;
    return server;
  }
  // A host name: LDH labels of 1-63 bytes, 253 in all (RFC 1123 §2.1).
  const bool ldh = !host_text.empty() && host_text.size() <= 253 && host_text.front() != '.' &&
                   host_text.front() != '-' && host_text.find("..") == std::string::npos &&
                   std::all_of(host_text.begin(), host_text.end(), [](char c) {
                     return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
                            c == '.';
                   });
  std::size_t label = 0;
  bool labels_ok = true;
  for (const char c : host_text) {
    label = c == '.' ? 0 : label + 1;
    labels_ok = labels_ok && label <= 63;
  }
  if (text.front() == '[' || !ldh || !labels_ok) {
    return core::Error{"DNS server must be an IPv4 address, [IPv6] or a host name: '" + std::string(text) + "'"};
  }
  server.address = host_text;
  server.is_name = true;
  return server;
}

void order_srv(std::vector<SrvRecord>& records)
{
  std::sort(records.begin(), records.end(), [](const SrvRecord& a, const SrvRecord& b) {
    return std::tie(a.priority, b.weight, a.target, a.port) < std::tie(b.priority, a.weight, b.target, b.port);
  });
}

void order_mx(std::vector<MxRecord>& records)
{
  std::sort(records.begin(), records.end(), [](const MxRecord& a, const MxRecord& b) {
    return std::tie(a.preference, a.host) < std::tie(b.preference, b.host);
  });
}

DnsResult<std::vector<SrvRecord>> query_srv(std::string_view name, const DnsOptions& options)
{
  auto judged = ask(name, dns_type_srv, options);
  if (judged.status != DnsStatus::found) {
    return not_found<std::vector<SrvRecord>>(judged);
  }
  if (judged.answer.srv.empty()) {
    return {DnsStatus::no_data, {}, std::string(name) + " has no SRV records"};
  }
  order_srv(judged.answer.srv);
  return {DnsStatus::found, std::move(judged.answer.srv), {}};
}

DnsResult<std::vector<MxRecord>> query_mx(std::string_view name, const DnsOptions& options)
{
  auto judged = ask(name, dns_type_mx, options);
  if (judged.status != DnsStatus::found) {
    return not_found<std::vector<MxRecord>>(judged);
  }
  if (judged.answer.mx.empty()) {
    return {DnsStatus::no_data, {}, std::string(name) + " has no MX records"};
  }
  order_mx(judged.answer.mx);
  return {DnsStatus::found, std::move(judged.answer.mx), {}};
}

DnsResult<Authenticated<std::string>> query_txt(std::string_view name, const DnsOptions& options)
{
  auto judged = ask(name, dns_type_txt, options);
  if (judged.status != DnsStatus::found) {
    return not_found<Authenticated<std::string>>(judged);
  }
  if (judged.answer.txt.empty()) {
    return {DnsStatus::no_data, {}, std::string(name) + " has no TXT records"};
  }
  return {DnsStatus::found, {std::move(judged.answer.txt), judged.answer.authentic_data}, {}};
}

DnsResult<Authenticated<TlsaRecord>> query_tlsa(std::string_view name, const DnsOptions& options)
{
  auto judged = ask(name, dns_type_tlsa, options);
  if (judged.status != DnsStatus::found) {
    return not_found<Authenticated<TlsaRecord>>(judged);
  }
  if (judged.answer.tlsa.empty()) {
    return {DnsStatus::no_data, {}, std::string(name) + " has no TLSA records"};
  }
  return {DnsStatus::found, {std::move(judged.answer.tlsa), judged.answer.authentic_data}, {}};
}

DnsResult<std::vector<std::string>> query_addresses(std::string_view name, const DnsOptions& options)
{
  if (!valid_query_name(name)) {
    auto judged = invalid_name(name);
    return not_found<std::vector<std::string>>(judged);
  }
  // Both at once, under one deadline.
  const auto deadline = Clock::now() + options.timeout;
  auto pending_a = start_query(name, dns_type_a, options);
  auto pending_aaaa = start_query(name, dns_type_aaaa, options);
  auto a = wait_for(pending_a, deadline, name, dns_type_a, options);
  auto aaaa = wait_for(pending_aaaa, deadline, name, dns_type_aaaa, options);

  std::vector<std::string> addresses;
  for (auto* judged : {&a, &aaaa}) {
    if (judged->status == DnsStatus::found) {
      addresses.insert(addresses.end(), judged->answer.addresses.begin(), judged->answer.addresses.end());
    }
  }
  if (!addresses.empty()) {
    return {DnsStatus::found, std::move(addresses), {}};
  }
  // Neither has an address: the A query's reason, unless it only says "no
  // data" and the AAAA query says something worse.
  auto settled = [](const Judged& j) { return j.status == DnsStatus::found || j.status == DnsStatus::nx_domain; };
  Judged& reason = (settled(a) && !settled(aaaa)) ? aaaa : a;
  if (reason.status == DnsStatus::found) {
    return {DnsStatus::no_data, {}, std::string(name) + " has no A or AAAA records"};
  }
  return not_found<std::vector<std::string>>(reason);
}

} // namespace mailports::net
