#include "catch.hpp"
#include "dnsmasq.hpp"

#include <tuple>
#include <mailports/net/dns.hpp>

#include <poll.h>
#include <resolv.h>

#include <atomic>
#include <chrono>
#include <thread>
#include <vector>

using namespace mailports::net;
using namespace std::chrono_literals;
using mailports_test::Dnsmasq;
using mailports_test::SilentUdpServer;

TEST_CASE("--dns-server takes an IPv4 address, [IPv6] or a host name, and an optional port", "[net][dns]")
{
  const auto plain = parse_dns_server("127.0.0.1");
  REQUIRE(plain);
  CHECK(plain->address == "127.0.0.1");
  CHECK(plain->port == 53);
  CHECK_FALSE(plain->is_name);

  const auto with_port = parse_dns_server("192.0.2.7:15353");
  REQUIRE(with_port);
  CHECK(with_port->address == "192.0.2.7");
  CHECK(with_port->port == 15353);

  for (const auto& [text, address, port] : {std::tuple{"[::1]:5353", "::1", 5353}, std::tuple{"::1", "::1", 53},
                                            std::tuple{"[2001:db8::1]", "2001:db8::1", 53}}) {
    INFO(text);
    const auto v6 = parse_dns_server(text);
    REQUIRE(v6);
    CHECK(v6->address == address);
    CHECK(v6->port == port);
    CHECK_FALSE(v6->is_name);
  }
  const auto name = parse_dns_server("dns.example:5353");
  REQUIRE(name);
  CHECK(name->address == "dns.example");
  CHECK(name->port == 5353);
  CHECK(name->is_name);

  for (const char* bad : {"", "127.0.0.1:", "127.0.0.1:0", "127.0.0.1:65536", "127.0.0.1:5x", "127.0.0.1 :53",
                          "bad_name!", "dns..example", ".dns", "-dns.example", "[::1", "[::1]x", "[::1]:",
                          "[1.2.3.4]", "[dns.example]:53", "2001:db8::1:53x"}) {
    INFO(bad);
    CHECK_FALSE(parse_dns_server(bad));
  }
}

TEST_CASE("only a resolver on this host is trusted with the AD bit", "[net][dns]")
{
  CHECK(is_loopback_address("127.0.0.1"));
  CHECK(is_loopback_address("127.53.0.9"));
  CHECK(is_loopback_address("::1"));
  CHECK_FALSE(is_loopback_address("128.0.0.1"));
  CHECK_FALSE(is_loopback_address("192.0.2.53"));
  CHECK_FALSE(is_loopback_address("2001:db8::53"));
  CHECK_FALSE(is_loopback_address("::ffff:192.0.2.1"));
  CHECK_FALSE(is_loopback_address("localhost")); // a name, not an address
  CHECK_FALSE(is_loopback_address(""));
  CHECK_FALSE(is_loopback_address(std::string(100, '1')));

  // resolv.conf's "options trust-ad" is for its own servers, not for a
  // remote --dns-server put in their place.
  const DnsServer local{"127.0.0.1", 5353, false};
  const DnsServer remote{"192.0.2.53", 53, false};
  constexpr unsigned long other = RES_RECURSE | RES_DEFNAMES; // left alone
  for (const unsigned long from_resolv_conf : {other, other | RES_TRUSTAD}) {
    INFO(from_resolv_conf);
    CHECK(with_trust_ad(from_resolv_conf, local) == (other | RES_TRUSTAD));
    CHECK(with_trust_ad(from_resolv_conf, remote) == other);
    CHECK(with_trust_ad(from_resolv_conf, std::nullopt) == from_resolv_conf);
  }
}

TEST_CASE("SRV records order by priority, then the heaviest first", "[net][dns]")
{
  std::vector<SrvRecord> records = {
      {10, 5, 993, "b", false}, {10, 60, 993, "a", false}, {0, 1, 9993, "z", false}, {20, 100, 993, "c", false}};
  order_srv(records);
  CHECK(records[0].target == "z");
  CHECK(records[1].target == "a");
  CHECK(records[2].target == "b");
  CHECK(records[3].target == "c");

  std::vector<MxRecord> mx = {{20, "b"}, {10, "c"}, {10, "a"}};
  order_mx(mx);
  CHECK(mx == std::vector<MxRecord>{{10, "a"}, {10, "c"}, {20, "b"}});
}

TEST_CASE("DNS statuses have stable names", "[net][dns]")
{
  CHECK(to_string(DnsStatus::found) == "found");
  CHECK(to_string(DnsStatus::no_data) == "no-data");
  CHECK(to_string(DnsStatus::nx_domain) == "nx-domain");
  CHECK(to_string(DnsStatus::refused) == "refused");
  CHECK(to_string(DnsStatus::server_failure) == "server-failure");
  CHECK(to_string(DnsStatus::timeout) == "timeout");
  CHECK(to_string(DnsStatus::error) == "error");
}

TEST_CASE("SRV from dnsmasq: several records, ordered", "[net][dns][dnsmasq]")
{
  const auto* server = Dnsmasq::get();
  if (server == nullptr) {
    return;
  }
  const auto imaps = query_srv("_imaps._tcp.example.test", server->options());
  INFO(imaps.message);
  REQUIRE(imaps.status == DnsStatus::found);
  CHECK(imaps.records == std::vector<SrvRecord>{{0, 1, 9993, "imap-z.example.test", false},
                                                {10, 60, 993, "imap-a.example.test", false},
                                                {10, 5, 993, "imap-b.example.test", false},
                                                {20, 100, 993, "imap-c.example.test", false}});

  // Just data here: judging _submission on 465 is discovery's job.
  const auto submission = query_srv("_submission._tcp.example.test", server->options());
  REQUIRE(submission.status == DnsStatus::found);
  CHECK(submission.records == std::vector<SrvRecord>{{0, 1, 465, "mail.example.test", false}});

  // A trailing dot is the same absolute name.
  const auto dotted = query_srv("_submissions._tcp.example.test.", server->options());
  REQUIRE(dotted.status == DnsStatus::found);
  CHECK(dotted.records.front().port == 465);
}

TEST_CASE("SRV target '.' stays visible as not offered", "[net][dns][dnsmasq]")
{
  const auto* server = Dnsmasq::get();
  if (server == nullptr) {
    return;
  }
  const auto pop3 = query_srv("_pop3._tcp.example.test", server->options());
  REQUIRE(pop3.status == DnsStatus::found);
  REQUIRE(pop3.records.size() == 1);
  CHECK(pop3.records[0].not_offered);
  CHECK(pop3.records[0].target.empty());
}

TEST_CASE("A truncated UDP answer is fetched again over TCP", "[net][dns][dnsmasq]")
{
  const auto* server = Dnsmasq::get();
  if (server == nullptr) {
    return;
  }
  const auto big = query_srv("_big._tcp.example.test", server->options());
  INFO(big.message);
  REQUIRE(big.status == DnsStatus::found);
  REQUIRE(big.records.size() == 40);
  CHECK(big.records.front().weight == 39); // the heaviest first
  CHECK(big.records.back().target == "host-0-with-a-rather-long-label-for-size.example.test");
}

TEST_CASE("MX from dnsmasq, by preference", "[net][dns][dnsmasq]")
{
  const auto* server = Dnsmasq::get();
  if (server == nullptr) {
    return;
  }
  const auto mx = query_mx("example.test", server->options());
  INFO(mx.message);
  REQUIRE(mx.status == DnsStatus::found);
  CHECK(mx.records ==
        std::vector<MxRecord>{{10, "mx1.eu.hoster.test"}, {20, "mx2.hoster.test"}, {30, "mx0.hoster.test"}});
}

TEST_CASE("TXT and TLSA from dnsmasq: read, and not validated", "[net][dns][dnsmasq]")
{
  const auto* server = Dnsmasq::get();
  if (server == nullptr) {
    return;
  }
  const auto sts = query_txt("_mta-sts.example.test", server->options());
  INFO(sts.message);
  REQUIRE(sts.status == DnsStatus::found);
  CHECK(sts.records.records == std::vector<std::string>{"v=STSv1; id=20261201T000000;"});
  CHECK_FALSE(sts.records.authentic_data); // dnsmasq does not validate: DANE cannot be judged
  const auto tlsa = query_tlsa("_25._tcp.mx1.eu.hoster.test", server->options());
  INFO(tlsa.message);
  REQUIRE(tlsa.status == DnsStatus::found);
  REQUIRE(tlsa.records.records.size() == 1);
  CHECK(tlsa.records.records[0] == TlsaRecord{3, 1, 1, std::vector<std::uint8_t>(32, 0xAA)});
  CHECK_FALSE(tlsa.records.authentic_data);
  CHECK(query_tlsa("_25._tcp.mx2.hoster.test", server->options()).status != DnsStatus::found);
}

TEST_CASE("Addresses: A and AAAA together", "[net][dns][dnsmasq]")
{
  const auto* server = Dnsmasq::get();
  if (server == nullptr) {
    return;
  }
  const auto both = query_addresses("mail.example.test", server->options());
  REQUIRE(both.status == DnsStatus::found);
  CHECK(both.records == std::vector<std::string>{"127.0.0.1", "::1"});

  const auto v4 = query_addresses("v4only.example.test", server->options());
  REQUIRE(v4.status == DnsStatus::found);
  CHECK(v4.records == std::vector<std::string>{"127.0.0.2"});

  const auto text_only = query_addresses("text.example.test", server->options());
  CHECK(text_only.status == DnsStatus::no_data);
}

TEST_CASE("No such name, no such records, refused", "[net][dns][dnsmasq]")
{
  const auto* server = Dnsmasq::get();
  if (server == nullptr) {
    return;
  }
  const auto nx = query_srv("_imap._tcp.example.test", server->options());
  CHECK(nx.status == DnsStatus::nx_domain);
  CHECK(nx.records.empty());
  CHECK(nx.message.find("NXDOMAIN") != std::string::npos);

  const auto no_srv = query_srv("mail.example.test", server->options());
  CHECK(no_srv.status == DnsStatus::no_data);
  const auto no_mx = query_mx("mail.example.test", server->options());
  CHECK(no_mx.status == DnsStatus::no_data);

  // Outside the local zones, and dnsmasq has no upstream: REFUSED, at once.
  const auto start = std::chrono::steady_clock::now();
  const auto refused = query_mx("example.org", server->options());
  CHECK(refused.status == DnsStatus::refused);
  CHECK(refused.message.find("REFUSED") != std::string::npos);
  CHECK(std::chrono::steady_clock::now() - start < 1s);
}

TEST_CASE("A DNS server that never answers ends within the timeout", "[net][dns]")
{
  const SilentUdpServer silent;
  for (const auto timeout : {500ms, 1500ms}) {
    const DnsOptions options{DnsServer{"127.0.0.1", silent.port()}, timeout};
    const auto start = std::chrono::steady_clock::now();
    const auto srv = query_srv("_imaps._tcp.example.test", options);
    const auto elapsed = std::chrono::steady_clock::now() - start;
    INFO(timeout.count() << " ms: " << srv.message);
    CHECK(srv.status == DnsStatus::timeout);
    CHECK(elapsed <= timeout * 12 / 10);
    CHECK(elapsed >= timeout * 9 / 10);

    const auto address_start = std::chrono::steady_clock::now();
    const auto addresses = query_addresses("mail.example.test", options);
    CHECK(addresses.status == DnsStatus::timeout);
    CHECK(std::chrono::steady_clock::now() - address_start <= timeout * 12 / 10);
  }
}

TEST_CASE("A closed port is an error at once, not a timeout", "[net][dns]")
{
  std::uint16_t port = 0;
  {
    const SilentUdpServer closed_soon;
    port = closed_soon.port();
  }
  const auto srv = query_srv("_imaps._tcp.example.test", DnsOptions{DnsServer{"127.0.0.1", port}, 2s});
  CHECK(srv.status == DnsStatus::error);
  CHECK_FALSE(srv.message.empty());
}

TEST_CASE("Names that cannot be queried are errors", "[net][dns]")
{
  const DnsOptions options{DnsServer{"127.0.0.1", 9}, 200ms};
  CHECK(query_srv("", options).status == DnsStatus::error);
  CHECK(query_mx(std::string(300, 'a'), options).status == DnsStatus::error);
  CHECK(query_addresses(std::string("a\0b", 3), options).status == DnsStatus::error);
}

namespace {

// A UDP DNS server that answers each query only with stray replies: one
// with another ID (NXDOMAIN for the same question), one with the right ID
// but for another question. Neither is an answer.
class StrayReplyServer {
public:
  StrayReplyServer() : m_thread([this] { serve(); }) {}
  StrayReplyServer(const StrayReplyServer&) = delete;
  StrayReplyServer& operator=(const StrayReplyServer&) = delete;
  ~StrayReplyServer()
  {
    m_stop = true;
    m_thread.join();
  }
  [[nodiscard]] std::uint16_t port() const { return m_socket.port(); }

private:
  void serve()
  {
    while (!m_stop) {
      pollfd p{m_socket.fd(), POLLIN, 0};
      if (::poll(&p, 1, 50) <= 0) {
        continue;
      }
      std::uint8_t query[512];
      sockaddr_in from{};
      socklen_t from_length = sizeof from;
      const auto n = ::recvfrom(m_socket.fd(), query, sizeof query, 0, reinterpret_cast<sockaddr*>(&from),
                                &from_length);
      if (n < 12) {
        continue;
      }
      std::vector<std::uint8_t> wrong_id(query, query + n);
      wrong_id[0] ^= 0xFF;
      wrong_id[2] |= 0x80;
      wrong_id[3] = 0x83; // NXDOMAIN
      std::vector<std::uint8_t> other_question = {query[0], query[1], 0x81, 0x83, 0, 1, 0, 0, 0, 0, 0, 0,
                                                  5, 'o', 't', 'h', 'e', 'r', 0, 0, 1, 0, 1};
      for (const auto* reply : {&wrong_id, &other_question}) {
        ::sendto(m_socket.fd(), reply->data(), reply->size(), 0, reinterpret_cast<sockaddr*>(&from), from_length);
      }
    }
  }

  SilentUdpServer m_socket;
  std::atomic<bool> m_stop{false};
  std::thread m_thread;
};

} // namespace

TEST_CASE("Stray replies are not taken for an answer", "[net][dns]")
{
  const StrayReplyServer server;
  const auto srv = query_srv("_imaps._tcp.example.test", DnsOptions{DnsServer{"127.0.0.1", server.port()}, 1s});
  INFO(srv.message);
  CHECK(srv.status == DnsStatus::timeout);
}

namespace {

// Answers every UDP query with an empty truncated reply, so the resolver
// retries over TCP, where the port's listener never accepts or answers.
class TruncatingServer {
public:
  TruncatingServer() : m_thread([this] { serve(); })
  {
    m_tcp = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = htons(m_udp.port());
    m_listening = ::bind(m_tcp, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0 && ::listen(m_tcp, 4) == 0;
  }
  TruncatingServer(const TruncatingServer&) = delete;
  TruncatingServer& operator=(const TruncatingServer&) = delete;
  ~TruncatingServer()
  {
    m_stop = true;
    m_thread.join();
    ::close(m_tcp);
  }
  [[nodiscard]] std::uint16_t port() const { return m_udp.port(); }
  [[nodiscard]] bool listening() const { return m_listening; }

private:
  void serve()
  {
    while (!m_stop) {
      pollfd p{m_udp.fd(), POLLIN, 0};
      if (::poll(&p, 1, 50) <= 0) {
        continue;
      }
      std::uint8_t query[512];
      sockaddr_in from{};
      socklen_t from_length = sizeof from;
      const auto n =
          ::recvfrom(m_udp.fd(), query, sizeof query, 0, reinterpret_cast<sockaddr*>(&from), &from_length);
      if (n >= 12) {
        query[2] |= 0x82; // QR, TC
        query[3] = 0x80;
        ::sendto(m_udp.fd(), query, static_cast<std::size_t>(n), 0, reinterpret_cast<sockaddr*>(&from), from_length);
      }
    }
  }

  SilentUdpServer m_udp;
  int m_tcp = -1;
  bool m_listening = false;
  std::atomic<bool> m_stop{false};
  std::thread m_thread;
};

} // namespace

TEST_CASE("A TCP fallback that never answers ends within the timeout", "[net][dns]")
{
  const TruncatingServer server;
  REQUIRE(server.listening());
  const auto timeout = 1000ms;
  const auto start = std::chrono::steady_clock::now();
  const auto mx = query_mx("example.test", DnsOptions{DnsServer{"127.0.0.1", server.port()}, timeout});
  const auto elapsed = std::chrono::steady_clock::now() - start;
  INFO(mx.message);
  CHECK(mx.status == DnsStatus::timeout);
  CHECK(elapsed <= timeout * 12 / 10);
}
