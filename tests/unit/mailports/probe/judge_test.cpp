#include "catch.hpp"

#include <mailports/engine/lookup.hpp>
#include <mailports/probe/judge.hpp>
#include <mailports/rules/builtin.hpp>

#include <algorithm>
#include <string>
#include <vector>

using namespace mailports;
using probe::PortReport;

namespace {

const rules::Table& table()
{
  return rules::builtin_table();
}

std::vector<std::string> codes(const engine::CheckResult& result)
{
  std::vector<std::string> out;
  for (const auto& f : result.findings) {
    out.emplace_back(f.def->code);
  }
  return out;
}

bool has(const engine::CheckResult& result, std::string_view code)
{
  const auto list = codes(result);
  return std::find(list.begin(), list.end(), code) != list.end();
}

probe::Certificate good_certificate()
{
  probe::Certificate cert;
  cert.subject = "CN=mail.example.com";
  cert.days_left = 90;
  cert.hostname_match = true;
  cert.chain_trusted = true;
  return cert;
}

PortReport implicit_report(std::uint16_t port, core::Proto proto = core::Proto::smtp)
{
  PortReport r;
  r.proto = proto;
  r.port = port;
  r.reachable = true;
  r.tls = core::TlsMode::implicit;
  r.tls_session = probe::TlsSession{"TLSv1.3", 0x0304, "TLS_AES_256_GCM_SHA384", good_certificate()};
  r.auth_after_tls = std::vector<std::string>{"PLAIN"};
  return r;
}

} // namespace

TEST_CASE("a sweep visits the table's standard ports, client ports first", "[probe][judge]")
{
  std::vector<std::pair<core::Proto, int>> got;
  for (const auto& plan : probe::sweep_plan(table(), std::nullopt)) {
    got.emplace_back(plan.proto.value(), plan.port);
    CHECK_FALSE(plan.named);
  }
  const std::vector<std::pair<core::Proto, int>> want = {
    {core::Proto::smtp, 465}, {core::Proto::smtp, 587}, {core::Proto::smtp, 25},
    {core::Proto::imap, 993}, {core::Proto::imap, 143}, {core::Proto::pop3, 995},
    {core::Proto::pop3, 110}};
  CHECK(got == want);
  CHECK(probe::sweep_plan(table(), core::Proto::imap).size() == 2);
}

TEST_CASE("the expected mode comes from the table, unknown for other ports", "[probe][judge]")
{
  CHECK(probe::expected_mode(table(), core::Proto::smtp, 465) == core::TlsMode::implicit);
  CHECK(probe::expected_mode(table(), core::Proto::smtp, 587) == core::TlsMode::starttls);
  CHECK(probe::expected_mode(table(), core::Proto::imap, 993) == core::TlsMode::implicit);
  CHECK_FALSE(probe::expected_mode(table(), core::Proto::smtp, 2525)); // both modes in use
  CHECK_FALSE(probe::expected_mode(table(), core::Proto::smtp, 40587));
  CHECK_FALSE(probe::expected_mode(table(), core::Proto::imap, 465)); // another protocol's port
}

TEST_CASE("a port's protocol, when the table gives it exactly one", "[probe][judge]")
{
  CHECK(engine::sole_proto_of_port(table(), 465) == core::Proto::smtp);
  CHECK(engine::sole_proto_of_port(table(), 2525) == core::Proto::smtp);
  CHECK(engine::sole_proto_of_port(table(), 993) == core::Proto::imap);
  CHECK(engine::sole_proto_of_port(table(), 110) == core::Proto::pop3);
  CHECK_FALSE(engine::sole_proto_of_port(table(), 443)); // listed for any protocol
  CHECK_FALSE(engine::sole_proto_of_port(table(), 40587));
  const auto plans = probe::named_plan(table(), std::nullopt, {40587});
  REQUIRE(plans.size() == 1);
  CHECK_FALSE(plans[0].proto);
  CHECK_FALSE(plans[0].expected);
}

TEST_CASE("without a greeting the protocol is unknown: only the probe's own findings", "[probe][judge]")
{
  auto report = implicit_report(40993);
  report.proto = std::nullopt; // the handshake worked, then the server closed
  report.auth_after_tls.reset();
  report.error = probe::ProbeError{probe::ErrorKind::closed, {}};
  const auto result = probe::judge(table(), report);
  CHECK(codes(result) == std::vector<std::string>{"probe-no-response"});
  CHECK(result.verdict == core::Verdict::error);
}

TEST_CASE("a good implicit-TLS submission server has no findings", "[probe][judge]")
{
  const auto result = probe::judge(table(), implicit_report(465));
  CHECK(codes(result).empty());
  CHECK(result.verdict == core::Verdict::ok);
}

TEST_CASE("a closed port of a sweep is not judged; a named one is an error", "[probe][judge]")
{
  PortReport closed;
  closed.port = 25;
  closed.error = probe::ProbeError{probe::ErrorKind::refused, {}};
  CHECK_FALSE(probe::counts(closed));
  CHECK(codes(probe::judge(table(), closed)).empty());

  closed.named = true;
  const auto named = probe::judge(table(), closed);
  CHECK(codes(named) == std::vector<std::string>{"probe-unreachable"});
  CHECK(named.verdict == core::Verdict::error);
}

TEST_CASE("cleartext AUTH and a submission port without STARTTLS", "[probe][judge]")
{
  PortReport r;
  r.port = 587;
  r.reachable = true;
  r.tls = core::TlsMode::none;
  r.starttls_offered = false;
  r.auth_before_tls = std::vector<std::string>{"PLAIN"};
  r.auth_offered = true;
  const auto result = probe::judge(table(), r);
  CHECK(has(result, "probe-auth-cleartext"));
  CHECK(has(result, "probe-starttls-missing"));
  CHECK(has(result, "cleartext-credentials")); // the engine's view of 587 without TLS
  CHECK(result.verdict == core::Verdict::error);
  CHECK(result.suggestions.empty());
}

TEST_CASE("port 25 with STARTTLS offered is a relay doing its job", "[probe][judge]")
{
  PortReport r;
  r.port = 25;
  r.reachable = true;
  r.tls = core::TlsMode::starttls;
  r.starttls_offered = true;
  r.starttls_result = probe::StarttlsResult::ok;
  r.auth_before_tls = std::vector<std::string>{};
  r.tls_session = probe::TlsSession{"TLSv1.3", 0x0304, "TLS_AES_128_GCM_SHA256", good_certificate()};
  const auto result = probe::judge(table(), r);
  CHECK(result.query.role == core::Role::relay);
  // Offering STARTTLS is the norm between servers; a probe cannot see whether
  // the server requires it, so no relay-starttls-required.
  CHECK(result.query.tls == core::TlsMode::opportunistic);
  CHECK(result.verdict == core::Verdict::ok);
  CHECK(codes(result) == std::vector<std::string>{"relay-opportunistic"});

  // Without STARTTLS and AUTH, port 25 is an old relay, not a submission port.
  r.tls = core::TlsMode::none;
  r.starttls_offered = false;
  r.tls_session.reset();
  const auto plain = probe::judge(table(), r);
  CHECK_FALSE(has(plain, "probe-starttls-missing"));
  CHECK(has(plain, "cleartext-relay"));
}

TEST_CASE("certificate problems, each with its own code", "[probe][judge]")
{
  auto r = implicit_report(993, core::Proto::imap);
  auto& cert = *r.tls_session->certificate;
  cert.chain_trusted = false;
  cert.hostname_match = false;
  cert.days_left = -3;
  auto result = probe::judge(table(), r);
  CHECK(has(result, "probe-cert-untrusted"));
  CHECK(has(result, "probe-cert-name-mismatch"));
  CHECK(has(result, "probe-cert-expired"));
  CHECK_FALSE(has(result, "probe-cert-expiring"));

  cert = good_certificate();
  cert.days_left = 13;
  result = probe::judge(table(), r);
  CHECK(codes(result) == std::vector<std::string>{"probe-cert-expiring"});
  CHECK(result.verdict == core::Verdict::warning);

  cert.days_left = 14;
  CHECK(codes(probe::judge(table(), r)).empty());

  cert.not_yet_valid = true; // e.g. the server's clock, or a certificate issued for later
  CHECK(codes(probe::judge(table(), r)) == std::vector<std::string>{"probe-cert-not-yet-valid"});
}

TEST_CASE("TLS below 1.2 is an error (RFC 8997)", "[probe][judge]")
{
  auto r = implicit_report(995, core::Proto::pop3);
  r.tls_session->version = "TLSv1.1";
  r.tls_session->version_number = 0x0302;
  CHECK(has(probe::judge(table(), r), "probe-tls-old"));
  r.tls_session->version_number = 0x0303;
  CHECK_FALSE(has(probe::judge(table(), r), "probe-tls-old"));
}

TEST_CASE("failures map to their findings, worst first", "[probe][judge]")
{
  PortReport r;
  r.port = 587;
  r.reachable = true;
  r.named = true;
  r.error = probe::ProbeError{probe::ErrorKind::line_too_long, "4096"};
  CHECK(codes(probe::judge(table(), r)) == std::vector<std::string>{"probe-no-response"});

  r.tls = core::TlsMode::none;
  r.starttls_offered = true;
  r.auth_before_tls = std::vector<std::string>{};
  r.starttls_result = probe::StarttlsResult::rejected;
  r.error = probe::ProbeError{probe::ErrorKind::starttls_rejected, "454 TLS not available"};
  const auto rejected = probe::judge(table(), r);
  CHECK(has(rejected, "probe-starttls-rejected"));
  CHECK(rejected.findings.front().def->severity == core::Severity::error);

  r.error = probe::ProbeError{probe::ErrorKind::tls_failed, "wrong version number"};
  CHECK(has(probe::judge(table(), r), "probe-tls-failed"));
}

TEST_CASE("extra handshakes: an old version or a weak cipher accepted (RFC 8997, RFC 9325)", "[probe][judge]")
{
  using probe::ExtraHandshake;
  auto r = implicit_report(465);
  ExtraHandshake old;
  old.offer = ExtraHandshake::Offer::tls1_0;
  old.outcome = ExtraHandshake::Outcome::refused;
  r.extra_handshakes = {old};
  CHECK(codes(probe::judge(table(), r)).empty());
  // Even though the best version is 1.3: the old one is still there.
  r.extra_handshakes[0].outcome = ExtraHandshake::Outcome::accepted;
  auto result = probe::judge(table(), r);
  CHECK(codes(result) == std::vector<std::string>{"probe-tls-old-accepted"});
  CHECK(result.verdict == core::Verdict::error);

  ExtraHandshake rsa;
  rsa.offer = ExtraHandshake::Offer::no_forward_secrecy;
  rsa.outcome = ExtraHandshake::Outcome::accepted;
  ExtraHandshake weak = rsa;
  weak.offer = ExtraHandshake::Offer::weak_cipher;
  r.extra_handshakes = {rsa};
  result = probe::judge(table(), r);
  CHECK(codes(result) == std::vector<std::string>{"probe-cipher-no-forward-secrecy"});
  CHECK(result.verdict == core::Verdict::warning);
  r.extra_handshakes = {rsa, weak};
  CHECK(codes(probe::judge(table(), r))
        == std::vector<std::string>{"probe-cipher-weak", "probe-cipher-no-forward-secrecy"});
  // Unknown (the try failed on the way): no finding either way.
  r.extra_handshakes[0].outcome = r.extra_handshakes[1].outcome = ExtraHandshake::Outcome::unknown;
  CHECK(codes(probe::judge(table(), r)).empty());
}

TEST_CASE("cleartext before STARTTLS: a finding on a client's port, normal on port 25", "[probe][judge]")
{
  PortReport r;
  r.port = 587;
  r.reachable = true;
  r.tls = core::TlsMode::starttls;
  r.starttls_offered = true;
  r.starttls_result = probe::StarttlsResult::ok;
  r.auth_before_tls = std::vector<std::string>{};
  r.tls_session = probe::TlsSession{"TLSv1.3", 0x0304, "TLS_AES_128_GCM_SHA256", good_certificate()};
  r.cleartext_accepted = true;
  CHECK(has(probe::judge(table(), r), "probe-cleartext-accepted"));
  r.cleartext_accepted = false;
  CHECK_FALSE(has(probe::judge(table(), r), "probe-cleartext-accepted"));
  r.port = 25;
  r.cleartext_accepted = true;
  CHECK_FALSE(has(probe::judge(table(), r), "probe-cleartext-accepted"));
  // --as submission: a test port judged as 587.
  r.port = 10587;
  r.judged_as = 587;
  const auto as = probe::judge(table(), r);
  CHECK(as.query.port == 587);
  CHECK_FALSE(has(as, "unknown-port"));
  CHECK(has(as, "probe-cleartext-accepted"));
}

TEST_CASE("Dovecot on loopback: a client from the server's own address", "[probe][judge]")
{
  PortReport r;
  r.proto = core::Proto::imap;
  r.port = 143;
  r.reachable = true;
  r.address = "127.0.0.1";
  r.tls = core::TlsMode::none;
  r.starttls_offered = false;
  r.auth_before_tls = std::vector<std::string>{"PLAIN"};
  r.from_own_address = true;
  CHECK(has(probe::judge(table(), r), "probe-loopback-trusted"));
  r.from_own_address = false; // e.g. --source 127.0.0.2
  CHECK_FALSE(has(probe::judge(table(), r), "probe-loopback-trusted"));
  r.from_own_address = true;
  r.address = "192.0.2.1";
  CHECK_FALSE(has(probe::judge(table(), r), "probe-loopback-trusted"));
}
