#include "catch.hpp"
#include "mailports/net/loopback.hpp"

#include <mailports/probe/session.hpp>

#include <arpa/inet.h>
#include <poll.h>
#include <sys/time.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <string>
#include <tuple>
#include <thread>
#include <vector>

using namespace mailports;
using namespace mailports::net;
using namespace mailports::probe;
using namespace std::chrono_literals;

namespace {

// A one-connection server on 127.0.0.1 that plays a script: for each
// step, wait for a line starting with `expect` (none for the first), then
// send `reply`. Plaintext only: TLS is covered by tests/probe.
class ScriptedServer {
public:
  struct Step {
    std::string expect;
    std::string reply;
  };

  explicit ScriptedServer(std::vector<Step> steps)
  {
    std::tie(m_socket, port) = mailports_test::loopback_listener();
    m_thread = std::thread([this, steps = std::move(steps)] { serve(steps); });
  }

  ~ScriptedServer() { m_thread.join(); }

  std::uint16_t port = 0;
  std::vector<std::string> received;

private:
  void serve(const std::vector<Step>& steps)
  {
    Socket client(::accept(m_socket.fd(), nullptr, nullptr));
    std::string buffer;
    for (const auto& step : steps) {
      while (!step.expect.empty()) {
        const auto end = buffer.find("\r\n");
        if (end != std::string::npos) {
          received.push_back(buffer.substr(0, end));
          buffer.erase(0, end + 2);
          if (received.back().rfind(step.expect, 0) == 0) {
            break;
          }
          continue;
        }
        char chunk[512];
        const auto n = ::recv(client.fd(), chunk, sizeof chunk, 0);
        if (n <= 0) {
          return;
        }
        buffer.append(chunk, static_cast<std::size_t>(n));
      }
      (void)::send(client.fd(), step.reply.data(), step.reply.size(), MSG_NOSIGNAL);
    }
  }

  Socket m_socket;
  std::thread m_thread;
};

PortReport run(std::optional<core::Proto> proto, std::uint16_t port, const TlsContext& tls)
{
  Target target;
  target.host = "127.0.0.1";
  target.addresses = *resolve("127.0.0.1");
  target.timeout = 3s;
  target.tls = &tls;
  // One connection per script: the extra handshakes are tested against
  // real servers (tests/probe).
  target.extra_handshakes = false;
  return probe_port(target, PortPlan{proto, port, true, core::TlsMode::starttls, std::nullopt});
}

} // namespace

TEST_CASE("plaintext SMTP with AUTH and no STARTTLS: reported as such, then QUIT", "[probe][session]")
{
  const auto tls = *TlsContext::create(std::nullopt);
  ScriptedServer server({{"", "220 bad.example ESMTP\r\n"},
                         {"EHLO [127.0.0.1]", "250-bad.example\r\n250-AUTH PLAIN LOGIN\r\n250 SIZE 10\r\n"},
                         {"QUIT", "221 bye\r\n"}});
  const auto report = run(core::Proto::smtp, server.port, tls);
  CHECK(report.reachable);
  CHECK(report.address == "127.0.0.1");
  CHECK(report.tls == core::TlsMode::none);
  CHECK(report.banner == "220 bad.example ESMTP");
  CHECK(report.starttls_offered == false);
  CHECK(report.auth_before_tls == std::vector<std::string>{"PLAIN", "LOGIN"});
  CHECK(report.auth_offered);
  CHECK_FALSE(report.auth_after_tls);
  CHECK_FALSE(report.error);
}

TEST_CASE("IMAP that advertises STARTTLS and then refuses it", "[probe][session]")
{
  const auto tls = *TlsContext::create(std::nullopt);
  ScriptedServer server({{"", "* OK ready\r\n"},
                         {"c CAPABILITY", "* CAPABILITY IMAP4rev1 STARTTLS LOGINDISABLED\r\nc OK done\r\n"},
                         {"s STARTTLS", "s NO not today\r\n"},
                         {"z LOGOUT", "* BYE\r\nz OK\r\n"}});
  const auto report = run(core::Proto::imap, server.port, tls);
  CHECK(report.starttls_offered == true);
  CHECK(report.auth_before_tls == std::vector<std::string>{});
  CHECK(report.starttls_result == StarttlsResult::rejected);
  REQUIRE(report.error);
  CHECK(report.error->kind == ErrorKind::starttls_rejected);
  CHECK(report.error->detail == "s NO not today");
}

TEST_CASE("POP3 without STLS, with USER: a password would go in cleartext", "[probe][session]")
{
  const auto tls = *TlsContext::create(std::nullopt);
  ScriptedServer server({{"", "+OK POP3 ready\r\n"},
                         {"CAPA", "+OK\r\nTOP\r\nUSER\r\n.\r\n"},
                         {"QUIT", "+OK bye\r\n"}});
  const auto report = run(core::Proto::pop3, server.port, tls);
  CHECK(report.tls == core::TlsMode::none);
  CHECK(report.starttls_offered == false);
  CHECK(report.auth_before_tls == std::vector<std::string>{"user-pass"});
}

TEST_CASE("a greeting that is not the protocol's is a bad reply", "[probe][session]")
{
  const auto tls = *TlsContext::create(std::nullopt);
  ScriptedServer server(std::vector<ScriptedServer::Step>{{"", "HTTP/1.1 400 Bad Request\r\n"}});
  const auto report = run(core::Proto::smtp, server.port, tls);
  CHECK(report.reachable);
  REQUIRE(report.error);
  CHECK(report.error->kind == ErrorKind::bad_reply);
  CHECK_FALSE(report.tls);
}

TEST_CASE("without a protocol, the greeting tells it and the dialogue follows it", "[probe][session]")
{
  const auto tls = *TlsContext::create(std::nullopt);
  SECTION("220: SMTP, a multi-line greeting read whole")
  {
    ScriptedServer server({{"", "220-smtp.example ESMTP\r\n220 welcome\r\n"},
                           {"EHLO", "250-smtp.example\r\n250 SIZE 10\r\n"},
                           {"QUIT", "221 bye\r\n"}});
    const auto report = run(std::nullopt, server.port, tls);
    CHECK(report.proto == core::Proto::smtp);
    CHECK(report.banner == "220-smtp.example ESMTP");
    CHECK(report.tls == core::TlsMode::none);
    CHECK_FALSE(report.error);
  }
  SECTION("* OK: IMAP")
  {
    ScriptedServer server({{"", "* OK ready\r\n"},
                           {"c CAPABILITY", "* CAPABILITY IMAP4rev1 LOGINDISABLED\r\nc OK done\r\n"},
                           {"z LOGOUT", "* BYE\r\nz OK\r\n"}});
    const auto report = run(std::nullopt, server.port, tls);
    CHECK(report.proto == core::Proto::imap);
    CHECK(report.auth_before_tls == std::vector<std::string>{});
    CHECK_FALSE(report.error);
  }
  SECTION("+OK: POP3")
  {
    ScriptedServer server({{"", "+OK POP3 ready\r\n"},
                           {"CAPA", "+OK\r\nUSER\r\n.\r\n"},
                           {"QUIT", "+OK bye\r\n"}});
    const auto report = run(std::nullopt, server.port, tls);
    CHECK(report.proto == core::Proto::pop3);
    CHECK(report.auth_before_tls == std::vector<std::string>{"user-pass"});
  }
  SECTION("anything else: a bad reply, and the protocol stays unknown")
  {
    ScriptedServer server(std::vector<ScriptedServer::Step>{{"", "SSH-2.0-OpenSSH_9.2\r\n"}});
    const auto report = run(std::nullopt, server.port, tls);
    CHECK_FALSE(report.proto);
    REQUIRE(report.error);
    CHECK(report.error->kind == ErrorKind::bad_reply);
    CHECK(report.banner == "SSH-2.0-OpenSSH_9.2"); // what answers there instead
  }
}

TEST_CASE("ports are probed in parallel, reports in the order asked", "[probe][session]")
{
  const auto tls = *TlsContext::create(std::nullopt);
  ScriptedServer a({{"", "+OK a\r\n"}, {"CAPA", "-ERR no\r\n"}, {"QUIT", "+OK\r\n"}});
  ScriptedServer b({{"", "+OK b\r\n"}, {"CAPA", "-ERR no\r\n"}, {"QUIT", "+OK\r\n"}});
  Target target;
  target.host = "127.0.0.1";
  target.addresses = *resolve("127.0.0.1");
  target.timeout = 3s;
  target.tls = &tls;
  target.extra_handshakes = false;
  const auto reports = probe_ports(target, {PortPlan{core::Proto::pop3, b.port, true, core::TlsMode::starttls, std::nullopt},
                                            PortPlan{core::Proto::pop3, a.port, true, core::TlsMode::starttls, std::nullopt}});
  REQUIRE(reports.size() == 2);
  CHECK(reports[0].banner == "+OK b");
  CHECK(reports[1].banner == "+OK a");
  CHECK(reports[0].starttls_offered == false);
}

TEST_CASE("IMAP: status words in any case, capabilities in the tagged response code", "[probe][session]")
{
  const auto tls = *TlsContext::create(std::nullopt);
  ScriptedServer server({{"", "* ok ready\r\n"},
                         {"c CAPABILITY", "c ok [CAPABILITY IMAP4rev1 AUTH=PLAIN LOGINDISABLED] done\r\n"},
                         {"z LOGOUT", "z ok\r\n"}});
  const auto report = run(core::Proto::imap, server.port, tls);
  CHECK_FALSE(report.error);
  CHECK(report.tls == core::TlsMode::none);
  CHECK(report.starttls_offered == false);
  CHECK(report.auth_before_tls == std::vector<std::string>{"PLAIN"});
}

TEST_CASE("before STARTTLS: SMTP MAIL FROM:<> then RSET, never a password", "[probe][session]")
{
  const auto tls = *TlsContext::create(std::nullopt);
  SECTION("refused: the server requires TLS")
  {
    ScriptedServer server({{"", "220 mx.example ESMTP\r\n"},
                           {"EHLO", "250-mx.example\r\n250 STARTTLS\r\n"},
                           {"MAIL FROM:<>", "530 5.7.0 Must issue a STARTTLS command first\r\n"},
                           {"RSET", "250 2.0.0 Ok\r\n"},
                           {"STARTTLS", "454 4.7.0 not now\r\n"},
                           {"QUIT", "221 bye\r\n"}});
    const auto report = run(core::Proto::smtp, server.port, tls);
    CHECK(report.cleartext_accepted == false);
    CHECK(report.cleartext_reply == "530 5.7.0 Must issue a STARTTLS command first");
    CHECK(report.starttls_result == StarttlsResult::rejected);
  }
  SECTION("accepted: a client could go on in cleartext")
  {
    ScriptedServer server({{"", "220 mx.example ESMTP\r\n"},
                           {"EHLO", "250-mx.example\r\n250 STARTTLS\r\n"},
                           {"MAIL FROM:<>", "250 2.1.0 Ok\r\n"},
                           {"RSET", "250 2.0.0 Ok\r\n"},
                           {"STARTTLS", "454 4.7.0 not now\r\n"},
                           {"QUIT", "221 bye\r\n"}});
    const auto report = run(core::Proto::smtp, server.port, tls);
    CHECK(report.cleartext_accepted == true);
    CHECK(report.cleartext_reply == "250 2.1.0 Ok");
    REQUIRE(report.error);
    CHECK(report.error->kind == ErrorKind::starttls_rejected); // the check did not stop the dialogue
  }
}

TEST_CASE("before STLS: POP3 USER with the dummy name only; IMAP reads LOGINDISABLED", "[probe][session]")
{
  const auto tls = *TlsContext::create(std::nullopt);
  SECTION("POP3")
  {
    ScriptedServer server({{"", "+OK ready\r\n"},
                           {"CAPA", "+OK\r\nSTLS\r\n.\r\n"},
                           {"USER", "-ERR Plaintext authentication disallowed\r\n"},
                           {"STLS", "-ERR no\r\n"},
                           {"QUIT", "+OK bye\r\n"}});
    const auto report = run(core::Proto::pop3, server.port, tls);
    CHECK(report.cleartext_accepted == false);
    CHECK(report.cleartext_reply == "-ERR Plaintext authentication disallowed");
  }
  SECTION("IMAP without LOGINDISABLED")
  {
    ScriptedServer server({{"", "* OK ready\r\n"},
                           {"c CAPABILITY", "* CAPABILITY IMAP4rev1 STARTTLS\r\nc OK done\r\n"},
                           {"s STARTTLS", "s NO not today\r\n"},
                           {"z LOGOUT", "* BYE\r\nz OK\r\n"}});
    const auto report = run(core::Proto::imap, server.port, tls);
    CHECK(report.cleartext_accepted == true);
    CHECK_FALSE(report.cleartext_reply); // nothing was sent for it
  }
}

TEST_CASE("versions accepted: the main handshake's and the old ones', newest first", "[probe][session]")
{
  PortReport r;
  r.tls_session = TlsSession{"TLSv1.3", 0x0304, "TLS_AES_256_GCM_SHA384", std::nullopt};
  ExtraHandshake eleven;
  eleven.offer = ExtraHandshake::Offer::tls1_1;
  eleven.outcome = ExtraHandshake::Outcome::accepted;
  eleven.session = TlsSession{"TLSv1", 0x0301, "ECDHE-RSA-AES256-SHA", std::nullopt};
  ExtraHandshake ten = eleven;
  ten.offer = ExtraHandshake::Offer::tls1_0;
  r.extra_handshakes = {eleven, ten};
  // A TLS 1.1 offer answered with 1.0: 1.1 itself is refused.
  CHECK(versions_accepted(r) == std::vector<std::string>{"TLSv1.3", "TLSv1"});
  CHECK(versions_refused(r) == std::vector<std::string>{"TLSv1.1"});
  r.extra_handshakes[0].outcome = ExtraHandshake::Outcome::refused;
  r.extra_handshakes[0].session.reset();
  r.extra_handshakes[1].outcome = ExtraHandshake::Outcome::unknown; // e.g. timed out
  r.extra_handshakes[1].session.reset();
  CHECK(versions_accepted(r) == std::vector<std::string>{"TLSv1.3"});
  CHECK(versions_refused(r) == std::vector<std::string>{"TLSv1.1"}); // 1.0: not known
}

TEST_CASE("the extra handshakes connect after the port's own dialogue: the server serves it first",
          "[probe][session]")
{
  // A server that forks a process per connection (Dovecot's login, Postfix's
  // smtpd) answers them in the order they came: the dialogue must not wait
  // behind its own extra handshakes. Each connection here is answered in
  // turn: a greeting, EHLO's reply with STARTTLS, then the next command is
  // noted and the connection closed.
  const auto tls = *TlsContext::create(std::nullopt);
  auto [listener, port] = mailports_test::loopback_listener();
  std::vector<std::string> second_commands;
  std::atomic<bool> done{false};
  std::thread server([&, fd = listener.fd()] {
    while (!done) {
      pollfd ready{fd, POLLIN, 0};
      if (::poll(&ready, 1, 50) != 1) {
        continue;
      }
      Socket client(::accept(fd, nullptr, nullptr));
      const timeval wait{2, 0};
      ::setsockopt(client.fd(), SOL_SOCKET, SO_RCVTIMEO, &wait, sizeof wait);
      std::string buffer;
      const auto line = [&]() -> std::string {
        for (;;) {
          if (const auto end = buffer.find("\r\n"); end != std::string::npos) {
            auto out = buffer.substr(0, end);
            buffer.erase(0, end + 2);
            return out;
          }
          char chunk[512];
          const auto n = ::recv(client.fd(), chunk, sizeof chunk, 0);
          if (n <= 0) {
            return {};
          }
          buffer.append(chunk, static_cast<std::size_t>(n));
        }
      };
      const std::string greeting = "220 t\r\n";
      const std::string ehlo = "250-t\r\n250 STARTTLS\r\n";
      (void)::send(client.fd(), greeting.data(), greeting.size(), MSG_NOSIGNAL);
      if (line().empty()) {
        continue;
      }
      (void)::send(client.fd(), ehlo.data(), ehlo.size(), MSG_NOSIGNAL);
      second_commands.push_back(line());
    }
  });
  Target target;
  target.host = "127.0.0.1";
  target.addresses = *resolve("127.0.0.1");
  target.timeout = 3s;
  target.tls = &tls;
  (void)probe_port(target, PortPlan{core::Proto::smtp, port, true, core::TlsMode::starttls, std::nullopt});
  done = true;
  server.join();
  REQUIRE(second_commands.size() >= 2);
  CHECK(second_commands.front() == "MAIL FROM:<>"); // the dialogue's cleartext check
  for (std::size_t i = 1; i < second_commands.size(); ++i) {
    CHECK(second_commands[i] == "STARTTLS"); // an extra handshake's
  }
}
