#include <mailports/probe/session.hpp>

#include "extras.hpp"

#include <mailports/net/stream.hpp>
#include <mailports/probe/reply.hpp>
#include <mailports/util/text.hpp>

#include <sys/socket.h>

#include <algorithm>
#include <functional>
#include <exception>
#include <system_error>
#include <thread>
#include <utility>

namespace mailports::probe {

using net::Clock;
using net::k_max_line;
using net::Stream;

namespace {

using namespace std::chrono_literals;

// A server that has not greeted by then on a port the table does not know
// is taken to wait for a TLS ClientHello (implicit TLS).
constexpr auto k_greeting_wait_unknown = 1000ms;
// On an implicit-TLS port, a plaintext greeting would come at once.
constexpr auto k_greeting_wait_implicit = 250ms;
// QUIT / LOGOUT is a courtesy: never wait long for its answer.
constexpr auto k_goodbye_wait = 500ms;

struct Stop {
  ProbeError error;
};

// "[127.0.0.2]" or "[IPv6:::1]": the local end as an SMTP address literal.
std::string local_address_literal(int fd)
{
  const auto local = net::local_address(fd);
  if (!local) {
    return "[127.0.0.1]";
  }
  return local->family == AF_INET6 ? "[IPv6:" + local->text + "]" : "[" + local->text + "]";
}

class Dialogue {
public:
  // `on_mode` learns the mode as soon as the dialogue knows it, before its
  // own handshake: the extra handshakes can start then.
  using ModeFound = std::function<void(core::TlsMode, std::optional<core::Proto>)>;

  Dialogue(const Target& target, const PortPlan& plan, Stream& stream, PortReport& report,
           Clock::time_point deadline, ModeFound on_mode = {})
    : m_target(target), m_plan(plan), m_stream(stream), m_report(report), m_deadline(deadline),
      m_on_mode(std::move(on_mode))
  {
  }

  // Throws Stop when the server fails; the report keeps what was learned.
  void run(Clock::time_point connected)
  {
    Clock::time_point until = m_deadline; // a plaintext port: wait for the greeting
    if (!m_plan.expected) {
      // At most half of the time, so that a short --timeout leaves some
      // for the TLS handshake.
      until = std::min(connected + k_greeting_wait_unknown, connected + (m_deadline - connected) / 2);
    } else if (*m_plan.expected == core::TlsMode::implicit) {
      until = connected + k_greeting_wait_implicit;
    }
    if (m_stream.wait_readable(std::min(until, m_deadline))) {
      plaintext();
    } else if (Clock::now() >= m_deadline) {
      throw Stop{{ErrorKind::timeout, {}}};
    } else {
      implicit();
    }
  }

  // QUIT or LOGOUT without waiting for the answer: an extra handshake has
  // nothing more to learn, and the server still sees a clean goodbye.
  void goodbye_unheard()
  {
    const auto quit = proto() == core::Proto::imap ? std::string_view("z LOGOUT\r\n") : "QUIT\r\n";
    (void)m_stream.write(quit, std::min(m_deadline, Clock::now() + k_goodbye_wait));
  }

  void goodbye()
  {
    m_deadline = std::min(m_deadline, Clock::now() + k_goodbye_wait);
    try {
      switch (proto()) {
      case core::Proto::smtp:
        command("QUIT\r\n");
        smtp_reply();
        break;
      case core::Proto::imap:
        command("z LOGOUT\r\n");
        imap_tagged("z");
        break;
      case core::Proto::pop3:
        command("QUIT\r\n");
        line();
        break;
      }
    } catch (const Stop&) { // the answer to a goodbye changes nothing
    }
  }

  // An extra handshake: as far as TLS in `mode`, offering only `limits`.
  TlsSession handshake_only(core::TlsMode mode, const net::TlsLimits& limits)
  {
    if (mode != core::TlsMode::implicit) {
      greeting();
      if (!capabilities().starttls) {
        throw Stop{{ErrorKind::bad_reply, "STARTTLS not offered"}};
      }
      if (!starttls_accepted()) {
        throw Stop{{ErrorKind::starttls_rejected, m_last_line}};
      }
      m_stream.discard_buffered();
    }
    auto session = m_stream.start_tls(*m_target.tls, m_target.host, m_deadline, limits);
    if (!session) {
      throw Stop{session.error()};
    }
    return std::move(session).value();
  }

private:
  void plaintext()
  {
    greeting();
    m_report.tls = core::TlsMode::none;
    const auto before = capabilities();
    m_report.starttls_offered = before.starttls;
    m_report.auth_before_tls = before.auth;
    if (!before.starttls) {
      return;
    }
    if (m_on_mode) {
      m_on_mode(core::TlsMode::starttls, m_report.proto);
    }
    cleartext_check(before);
    if (!starttls_accepted()) {
      m_report.starttls_result = StarttlsResult::rejected;
      throw Stop{{ErrorKind::starttls_rejected, m_last_line}};
    }
    m_stream.discard_buffered();
    m_imap_greeting.clear(); // what was said before TLS no longer counts
    handshake(StarttlsResult::failed);
    m_report.starttls_result = StarttlsResult::ok;
    m_report.tls = core::TlsMode::starttls;
    m_report.auth_after_tls = capabilities().auth;
  }

  // Would the server go on without TLS? What a client set to "STARTTLS if
  // available" meets when the offer is stripped. Never a password: SMTP
  // sends MAIL FROM:<> and RSET, POP3 a fixed dummy USER name.
  void cleartext_check(const Capabilities& before)
  {
    switch (proto()) {
    case core::Proto::smtp: {
      command("MAIL FROM:<>\r\n");
      const auto reply = smtp_reply();
      m_report.cleartext_accepted = smtp_code(reply) / 100 == 2;
      m_report.cleartext_reply = util::quote_for_message(reply.front(), k_max_line);
      command("RSET\r\n");
      smtp_reply();
      break;
    }
    case core::Proto::imap:
      m_report.cleartext_accepted = std::find(before.auth.begin(), before.auth.end(),
                                              k_imap_login_command) != before.auth.end();
      break;
    case core::Proto::pop3: {
      command("USER " + std::string(k_dummy_user) + "\r\n");
      const auto answer = line();
      m_report.cleartext_accepted = answer.starts_with("+OK");
      m_report.cleartext_reply = m_last_line;
      break;
    }
    }
  }

  void implicit()
  {
    if (m_on_mode) {
      m_on_mode(core::TlsMode::implicit, m_report.proto);
    }
    handshake(std::nullopt);
    m_report.tls = core::TlsMode::implicit;
    greeting();
    m_report.auth_after_tls = capabilities().auth;
  }

  void handshake(std::optional<StarttlsResult> on_failure)
  {
    auto session = m_stream.start_tls(*m_target.tls, m_target.host, m_deadline);
    if (!session) {
      auto error = session.error();
      if (on_failure) { // the server said yes to STARTTLS: any failure now is the upgrade's
        m_report.starttls_result = on_failure;
        if (error.kind == ErrorKind::timeout) {
          error = ProbeError{ErrorKind::tls_failed, "timed out"};
        }
      }
      throw Stop{error};
    }
    m_report.tls_session = std::move(session).value();
  }

  std::string line()
  {
    auto read = m_stream.read_line(m_deadline);
    if (!read) {
      throw Stop{read.error()};
    }
    m_last_line = util::quote_for_message(*read, k_max_line);
    return std::move(read).value();
  }

  void command(std::string_view text)
  {
    if (auto error = m_stream.write(text, m_deadline)) {
      throw Stop{*error};
    }
    m_stream.begin_reply();
  }

  [[noreturn]] void bad_reply() const { throw Stop{{ErrorKind::bad_reply, m_last_line}}; }

  // Known once greeting() has run: from the plan, else from the greeting.
  [[nodiscard]] core::Proto proto() const { return m_report.proto.value_or(core::Proto::smtp); }

  // 220 is SMTP's greeting, "* OK" (or "* PREAUTH", "* BYE") IMAP's and "+OK"
  // POP3's; any other SMTP code is still SMTP, which greeting() refuses.
  static std::optional<core::Proto> proto_of_greeting(std::string_view first)
  {
    if (parse_smtp_line(first)) {
      return core::Proto::smtp;
    }
    if (util::istarts_with(first, "* ")) {
      return core::Proto::imap;
    }
    if (first.starts_with("+OK")) {
      return core::Proto::pop3;
    }
    return std::nullopt;
  }

  // Every line of one SMTP reply; its code is the first line's, which may
  // have been read already.
  std::vector<std::string> smtp_reply(std::optional<std::string> first = std::nullopt)
  {
    std::vector<std::string> lines;
    for (;;) {
      if (first) {
        lines.push_back(*std::exchange(first, std::nullopt));
      } else {
        lines.push_back(line());
      }
      const auto parsed = parse_smtp_line(lines.back());
      if (!parsed) {
        bad_reply();
      }
      if (parsed->last) {
        return lines;
      }
    }
  }

  static int smtp_code(const std::vector<std::string>& reply)
  {
    return parse_smtp_line(reply.front())->code;
  }

  std::vector<std::string> imap_tagged(std::string_view tag)
  {
    std::vector<std::string> lines;
    for (;;) {
      lines.push_back(line());
      if (lines.back().starts_with(std::string(tag) + ' ')) {
        return lines;
      }
    }
  }

  void greeting()
  {
    m_stream.begin_reply();
    auto first = line();
    if (!m_report.proto) {
      m_report.proto = proto_of_greeting(first);
      if (!m_report.proto) {
        m_report.banner = m_last_line; // shows what does answer there (SSH, HTTP)
        bad_reply();
      }
    }
    switch (proto()) {
    case core::Proto::smtp: {
      const auto reply = smtp_reply(std::move(first));
      m_report.banner = util::quote_for_message(reply.front(), k_max_line);
      if (smtp_code(reply) != 220) {
        bad_reply();
      }
      break;
    }
    case core::Proto::imap: {
      m_report.banner = m_last_line;
      // IMAP status words are case-insensitive ("* ok", "s Ok").
      if (!util::istarts_with(first, "* OK") && !util::istarts_with(first, "* PREAUTH")) {
        bad_reply();
      }
      m_imap_greeting = first;
      break;
    }
    case core::Proto::pop3:
      m_report.banner = m_last_line;
      if (!m_last_line.starts_with("+OK")) {
        bad_reply();
      }
      break;
    }
  }

  Capabilities capabilities()
  {
    switch (proto()) {
    case core::Proto::smtp: {
      command("EHLO " + local_address_literal(m_stream.fd()) + "\r\n");
      auto reply = smtp_reply();
      if (smtp_code(reply) != 250) {
        return {}; // no ESMTP: no STARTTLS and no AUTH
      }
      reply.erase(reply.begin()); // the server's name
      auto caps = parse_ehlo(reply);
      m_report.auth_offered = m_report.auth_offered || !caps.auth.empty();
      return caps;
    }
    case core::Proto::imap: {
      command("c CAPABILITY\r\n");
      const auto lines = imap_tagged("c");
      for (const auto& l : lines) {
        if (l.size() > 13 && util::istarts_with(l, "* CAPABILITY ")) {
          return parse_imap_capability(l);
        }
      }
      // Some servers answer in the tagged line's response code instead;
      // else the greeting's list, unless TLS came since (RFC 3501 §6.2.1).
      for (const auto& source : {std::string_view(lines.back()), std::string_view(m_imap_greeting)}) {
        if (const auto listed = imap_greeting_capability(source)) {
          return parse_imap_capability(*listed);
        }
      }
      return parse_imap_capability({});
    }
    case core::Proto::pop3: {
      command("CAPA\r\n");
      if (!line().starts_with("+OK")) {
        return {}; // no CAPA: nothing is known
      }
      std::vector<std::string> lines;
      for (auto l = line(); l != "."; l = line()) {
        lines.push_back(std::move(l));
      }
      return parse_pop3_capa(lines);
    }
    }
    return {};
  }

  bool starttls_accepted()
  {
    switch (proto()) {
    case core::Proto::smtp:
      command("STARTTLS\r\n");
      return smtp_code(smtp_reply()) == 220;
    case core::Proto::imap: {
      command("s STARTTLS\r\n");
      const auto lines = imap_tagged("s");
      return util::istarts_with(lines.back(), "s OK");
    }
    case core::Proto::pop3:
      command("STLS\r\n");
      return line().starts_with("+OK");
    }
    return false;
  }

  const Target& m_target;
  const PortPlan& m_plan;
  Stream& m_stream;
  PortReport& m_report;
  Clock::time_point m_deadline;
  ModeFound m_on_mode;
  std::string m_last_line;
  std::string m_imap_greeting;
};

} // namespace

namespace {

// `on_connected` runs once the port is connected, before the dialogue.
PortReport attempt(const Target& target, const PortPlan& plan, Clock::time_point deadline,
                   const Dialogue::ModeFound& on_mode, const std::function<void()>& on_connected)
{
  PortReport report;
  report.proto = plan.proto;
  report.port = plan.port;
  report.named = plan.named;
  report.judged_as = plan.judged_as;
  auto connection = net::connect_any(target.addresses, plan.port, target.source, deadline);
  if (!connection) {
    report.error = connection.error();
    return report;
  }
  report.reachable = true;
  if (on_connected) {
    on_connected();
  }
  report.address = connection->address->text;
  const auto local = net::local_address(connection->socket.fd());
  report.from_own_address = local && local->text == connection->address->text;
  Stream stream(std::move(connection->socket));
  Dialogue dialogue(target, plan, stream, report, deadline, on_mode);
  try {
    dialogue.run(Clock::now());
    dialogue.goodbye();
  } catch (const Stop& stop) {
    report.error = stop.error;
  }
  return report;
}

// What this OpenSSL says when it cannot offer what was asked: the server
// never saw the handshake, so nothing is known about it.
bool local_failure(const ProbeError& error)
{
  return error.detail.find("no protocols available") != std::string::npos
         || error.detail.find("no ciphers available") != std::string::npos;
}

} // namespace

namespace detail {

Handshake handshake_only(const Target& target, const PortPlan& plan, core::TlsMode mode,
                         const net::TlsLimits& limits, Clock::time_point deadline)
{
  Handshake out;
  PortReport scratch; // the dialogue's notes; only the handshake counts
  scratch.proto = plan.proto;
  auto connection = net::connect_any(target.addresses, plan.port, target.source, deadline);
  if (!connection) {
    out.error = connection.error();
    return out;
  }
  Stream stream(std::move(connection->socket));
  Dialogue dialogue(target, plan, stream, scratch, deadline);
  try {
    out.session = dialogue.handshake_only(mode, limits);
    dialogue.goodbye_unheard();
  } catch (const Stop& stop) {
    out.error = stop.error;
    out.turned_down = stop.error.kind == ErrorKind::tls_failed && !local_failure(stop.error);
  }
  return out;
}

} // namespace detail

namespace {

using detail::Extras;

PortReport main_probe(const Target& target, const PortPlan& plan, Clock::time_point deadline,
                      const Dialogue::ModeFound& on_mode, const std::function<void()>& on_connected);

} // namespace

PortReport probe_port(const Target& target, const PortPlan& plan)
{
  const auto deadline = Clock::now() + target.timeout; // the whole port, connect included
  // The extra handshakes start as soon as the mode is known, beside the
  // probe's own dialogue: from the table for a standard port, else when the
  // dialogue finds it (the greeting, or silence). They then cost little
  // more wall time than the one dialogue (tests/bench/probe_depth.py).
  // Not before the dialogue's own connection: a server that forks a process
  // a connection (Dovecot's login, Postfix's smtpd) serves it first.
  std::optional<Extras> early;
  const bool wanted = target.extra_handshakes && target.tls != nullptr;
  const bool known = plan.expected && (*plan.expected == core::TlsMode::implicit || plan.proto);
  const auto on_connected = [&] {
    if (wanted && known && !early) {
      early.emplace(target, plan, *plan.expected, deadline);
    }
  };
  const auto on_mode = [&](core::TlsMode mode, std::optional<core::Proto> proto) {
    if (!wanted || (early && early->mode() == mode)) {
      return;
    }
    auto found = plan;
    found.proto = proto;
    early.reset(); // a guess the dialogue proved wrong: wait for it, drop it
    early.emplace(target, found, mode, deadline);
  };
  auto report = main_probe(target, plan, deadline, on_mode, on_connected);
  if (!report.tls_session || !report.tls || !target.extra_handshakes) {
    return report; // `early` is joined, its answers dropped: nothing to compare them with
  }
  if (early && early->mode() == *report.tls) {
    report.extra_handshakes = early->take();
    return report;
  }
  early.reset();
  auto found = plan;
  found.proto = report.proto;
  Extras late(target, found, *report.tls, deadline);
  report.extra_handshakes = late.take();
  return report;
}

namespace {

PortReport main_probe(const Target& target, const PortPlan& plan, Clock::time_point deadline,
                      const Dialogue::ModeFound& on_mode, const std::function<void()>& on_connected)
{
  auto report = attempt(target, plan, deadline, on_mode, on_connected);
  // On a port the table does not know, silence was taken for implicit TLS.
  // A server that was only slow to greet answers the ClientHello with its
  // greeting, and the handshake fails: ask once more, waiting for the
  // greeting this time, and keep the first answer unless that finds a mode.
  const bool guessed = !plan.expected && !report.tls && report.error
                       && report.error->kind == ErrorKind::tls_failed;
  if (guessed && Clock::now() < deadline) {
    auto plaintext = plan;
    plaintext.expected = core::TlsMode::starttls;
    auto second = attempt(target, plaintext, deadline, on_mode, {});
    if (second.tls) {
      return second;
    }
  }
  return report;
}

} // namespace

std::vector<PortReport> probe_ports(const Target& target, const std::vector<PortPlan>& plans)
{
  std::vector<PortReport> reports(plans.size());
  std::vector<std::thread> threads;
  threads.reserve(plans.size());
  for (std::size_t i = 0; i < plans.size(); ++i) {
    const auto work = [&target, &plans, &reports, i] {
      try {
        reports[i] = probe_port(target, plans[i]);
      } catch (const std::exception& e) { // e.g. out of memory: this port only
        reports[i].proto = plans[i].proto;
        reports[i].port = plans[i].port;
        reports[i].named = plans[i].named;
        reports[i].judged_as = plans[i].judged_as;
        reports[i].error = ProbeError{ErrorKind::io_failed, e.what()};
      }
    };
    try {
      threads.emplace_back(work);
    } catch (const std::system_error&) { // no thread to spare: in this one
      work();
    }
  }
  for (auto& thread : threads) {
    thread.join();
  }
  return reports;
}

} // namespace mailports::probe
