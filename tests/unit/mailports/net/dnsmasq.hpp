// A real DNS server for the tests: dnsmasq on 127.0.0.1 and a free high
// port, started once for the whole test run and stopped by its PID at exit.
// Without dnsmasq the tests that need it are skipped with a warning, unless
// MAILPORTS_REQUIRE_SERVERS=1 (CI), where that is a failure.
// MAILPORTS_DNSMASQ=PATH picks the binary.
#pragma once

#include "catch.hpp"

#include <mailports/net/dns.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace mailports_test {

// A UDP socket bound to 127.0.0.1 and a port the kernel chose; it is never
// read, so a DNS query sent there is never answered.
class SilentUdpServer {
public:
  SilentUdpServer()
  {
    m_fd = ::socket(AF_INET, SOCK_DGRAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(::bind(m_fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
    socklen_t length = sizeof address;
    REQUIRE(::getsockname(m_fd, reinterpret_cast<sockaddr*>(&address), &length) == 0);
    m_port = ntohs(address.sin_port);
  }
  SilentUdpServer(const SilentUdpServer&) = delete;
  SilentUdpServer& operator=(const SilentUdpServer&) = delete;
  ~SilentUdpServer() { ::close(m_fd); }
  [[nodiscard]] std::uint16_t port() const { return m_port; }
  [[nodiscard]] int fd() const { return m_fd; }

private:
  int m_fd = -1;
  std::uint16_t m_port = 0;
};

// MAILPORTS_DNSMASQ names the binary (a wrong one shows the skip path).
inline std::optional<std::string> find_dnsmasq()
{
  if (const char* chosen = std::getenv("MAILPORTS_DNSMASQ")) {
    return ::access(chosen, X_OK) == 0 ? std::optional<std::string>(chosen) : std::nullopt;
  }
  std::string path = std::getenv("PATH") != nullptr ? std::getenv("PATH") : "";
  path += ":/usr/sbin:/sbin";
  std::size_t start = 0;
  while (start <= path.size()) {
    const auto end = path.find(':', start);
    const auto dir = path.substr(start, end == std::string::npos ? std::string::npos : end - start);
    if (!dir.empty() && ::access((dir + "/dnsmasq").c_str(), X_OK) == 0) {
      return dir + "/dnsmasq";
    }
    if (end == std::string::npos) {
      break;
    }
    start = end + 1;
  }
  return std::nullopt;
}

// The zones every DNS test reads. dnsmasq's --srv-host order is
// NAME,TARGET,PORT,PRIORITY,WEIGHT.
inline std::vector<std::string> dnsmasq_zone_arguments()
{
  std::vector<std::string> args = {
      "--local=/example.test/",
      "--local=/hoster.test/",
      "--srv-host=_submissions._tcp.example.test,mail.example.test,465,0,1",
      "--srv-host=_submission._tcp.example.test,mail.example.test,465,0,1",
      "--srv-host=_imaps._tcp.example.test,imap-b.example.test,993,10,5",
      "--srv-host=_imaps._tcp.example.test,imap-a.example.test,993,10,60",
      "--srv-host=_imaps._tcp.example.test,IMAP-Z.example.test,9993,0,1",
      "--srv-host=_imaps._tcp.example.test,imap-c.example.test,993,20,100",
      "--srv-host=_pop3._tcp.example.test",
      "--mx-host=example.test,mx2.hoster.test,20",
      "--mx-host=example.test,mx1.eu.hoster.test,10",
      "--mx-host=example.test,mx0.hoster.test,30",
      "--host-record=mail.example.test,127.0.0.1,::1",
      "--host-record=v4only.example.test,127.0.0.2",
      "--txt-record=text.example.test,v=spf1 -all",
      // Issue 16: MTA-STS, TLS-RPT and DANE records (dnsmasq signs nothing: no AD bit).
      "--txt-record=_mta-sts.example.test,v=STSv1; id=20261201T000000;",
      "--txt-record=_smtp._tls.example.test,v=TLSRPTv1; rua=mailto:tlsrpt@example.test",
      "--dns-rr=_25._tcp.mx1.eu.hoster.test,52,030101" + std::string(64, 'a'),
  };
  // Enough records that the UDP answer is truncated: res_nquery retries over TCP.
  for (int i = 0; i < 40; ++i) {
    args.push_back("--srv-host=_big._tcp.example.test,host-" + std::to_string(i) +
                   "-with-a-rather-long-label-for-size.example.test,993,1," + std::to_string(i));
  }
  return args;
}

class Dnsmasq {
public:
  Dnsmasq()
  {
    const auto binary = find_dnsmasq();
    if (!binary) {
      m_missing = "dnsmasq is not installed (Debian: dnsmasq-base)";
      return;
    }
    // The port comes from a socket bound and closed just before: another
    // process could take it in between, so a few tries.
    for (int attempt = 0; attempt < 5 && m_pid <= 0; ++attempt) {
      const auto port = free_port();
      if (start(*binary, port) && ready(port)) {
        m_port = port;
      } else {
        stop();
      }
    }
    if (m_pid <= 0) {
      m_missing = "dnsmasq did not start";
    }
  }
  Dnsmasq(const Dnsmasq&) = delete;
  Dnsmasq& operator=(const Dnsmasq&) = delete;
  ~Dnsmasq() { stop(); }

  // The shared server, or nullptr after a WARN (skip) or a FAIL (CI).
  static const Dnsmasq* get()
  {
    static const Dnsmasq server;
    if (server.m_pid > 0) {
      return &server;
    }
    const char* required = std::getenv("MAILPORTS_REQUIRE_SERVERS");
    if (required != nullptr && std::string(required) == "1") {
      FAIL("MAILPORTS_REQUIRE_SERVERS=1, but " << server.m_missing);
    }
    WARN("skipped: " << server.m_missing);
    return nullptr;
  }

  [[nodiscard]] mailports::net::DnsOptions options(std::chrono::milliseconds timeout = std::chrono::seconds(3)) const
  {
    return mailports::net::DnsOptions{mailports::net::DnsServer{"127.0.0.1", m_port}, timeout};
  }
  [[nodiscard]] std::uint16_t port() const { return m_port; }

private:
  static std::uint16_t free_port()
  {
    const SilentUdpServer probe;
    return probe.port();
  }

  bool start(const std::string& binary, std::uint16_t port)
  {
    std::vector<std::string> args = {binary,
                                     "--keep-in-foreground",
                                     "--conf-file=/dev/null",
                                     "--no-resolv",
                                     "--no-hosts",
                                     "--log-facility=/dev/null",
                                     "--listen-address=127.0.0.1",
                                     "--bind-interfaces",
                                     "--port=" + std::to_string(port),
                                     "--pid-file="};
    if (::geteuid() == 0) {
      args.emplace_back("--user=nobody");
      args.emplace_back("--group=nogroup");
    }
    for (auto& arg : dnsmasq_zone_arguments()) {
      args.push_back(std::move(arg));
    }
    std::vector<char*> argv;
    for (auto& arg : args) {
      argv.push_back(arg.data());
    }
    argv.push_back(nullptr);
    // fork and exec rather than posix_spawn, for PR_SET_PDEATHSIG: dnsmasq
    // ends with the test binary even when that crashes. Only
    // async-signal-safe calls in the child.
    const pid_t pid = ::fork();
    if (pid < 0) {
      return false;
    }
    if (pid == 0) {
      ::prctl(PR_SET_PDEATHSIG, SIGTERM);
      ::execv(binary.c_str(), argv.data());
      ::_exit(127);
    }
    m_pid = pid;
    return true;
  }

  // Asks until dnsmasq answers (or exits), for at most 5 s.
  bool ready(std::uint16_t port)
  {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    const mailports::net::DnsOptions options{mailports::net::DnsServer{"127.0.0.1", port},
                                             std::chrono::milliseconds(1000)};
    while (std::chrono::steady_clock::now() < deadline) {
      int status = 0;
      if (::waitpid(m_pid, &status, WNOHANG) == m_pid) {
        m_pid = -1; // reaped: never signal this number again
        return false;
      }
      const auto answer = mailports::net::query_addresses("mail.example.test", options);
      if (answer.status == mailports::net::DnsStatus::found) {
        return true;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return false;
  }

  void stop()
  {
    if (m_pid > 0) {
      ::kill(m_pid, SIGTERM);
      int status = 0;
      ::waitpid(m_pid, &status, 0);
      m_pid = -1;
    }
  }

  pid_t m_pid = -1;
  std::uint16_t m_port = 0;
  std::string m_missing;
};

} // namespace mailports_test
