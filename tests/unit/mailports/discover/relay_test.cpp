#include "catch.hpp"
#include "mailports/net/dane_certs.hpp"

#include <mailports/discover/merge.hpp>
#include <mailports/discover/relay.hpp>
#include <mailports/probe/judge.hpp>
#include <mailports/rules/builtin.hpp>

#include <algorithm>
#include <string>
#include <vector>

using namespace mailports;
using namespace mailports::discover;

namespace {

using mailports_test::k_cert; // what an MX "presented" below

using Tlsa = net::DnsResult<net::Authenticated<net::TlsaRecord>>;

// A TLSA answer as query_tlsa returns it; `validated` is the AD bit of the
// answer (dns_answer_test reads it from a recorded reply).
Tlsa tlsa(std::vector<net::TlsaRecord> records, bool validated)
{
  Tlsa out;
  out.status = records.empty() ? net::DnsStatus::no_data : net::DnsStatus::found;
  out.records.records = std::move(records);
  out.records.authentic_data = validated;
  return out;
}

net::TlsaRecord exact_ee(std::vector<std::uint8_t> data) { return net::TlsaRecord{3, 0, 0, std::move(data)}; }

// Port 25 with STARTTLS done and a good certificate for the name.
probe::PortReport good_port()
{
  probe::PortReport r;
  r.port = 25;
  r.reachable = true;
  r.tls = core::TlsMode::starttls;
  r.starttls_offered = true;
  net::TlsSession s;
  s.version = "TLSv1.3";
  s.version_number = 0x0304;
  s.certificate = net::Certificate{};
  s.certificate->chain_trusted = true;
  s.certificate->hostname_match = true;
  s.certificate->days_left = 100;
  s.certificate_der = k_cert;
  r.tls_session = s;
  return r;
}

MxFacts mx(const std::string& host, Tlsa records = tlsa({}, false))
{
  MxFacts m;
  m.mx = net::MxRecord{10, host};
  m.report = good_port();
  m.tlsa = std::move(records);
  return m;
}

RelayReport domain_with(std::vector<MxFacts> mxs)
{
  RelayReport r;
  r.domain = "example.test";
  r.mx_status = net::DnsStatus::found;
  r.mxs = std::move(mxs);
  r.sts.record_status = net::DnsStatus::nx_domain;
  r.sts.policy_url = sts_policy_url(r.domain);
  r.tls_rpt.status = net::DnsStatus::nx_domain;
  return r;
}

void add_policy(RelayReport& r, StsMode mode, std::vector<std::string> patterns)
{
  r.sts.record_status = net::DnsStatus::found;
  r.sts.record = StsRecord{"1"};
  net::HttpResult fetch;
  fetch.status = net::HttpStatus::ok;
  fetch.http_code = 200;
  r.sts.fetch = fetch;
  r.sts.policy = StsPolicy{mode, std::move(patterns), 86400};
}

bool has(const std::vector<Note>& notes, std::string_view code)
{
  return std::any_of(notes.begin(), notes.end(), [&](const Note& n) { return n.code == code; });
}

} // namespace

TEST_CASE("DANE: judged only from a validated answer", "[discover][relay]")
{
  std::string detail;
  const auto port = good_port();
  CHECK(dane_state(tlsa({}, false), port, "mx.example.test", detail) == DaneState::absent);
  CHECK(dane_state(tlsa({exact_ee(k_cert)}, false), port, "mx.example.test", detail) == DaneState::not_validated);
  CHECK(dane_state(tlsa({exact_ee(k_cert)}, true), port, "mx.example.test", detail) == DaneState::match);
  CHECK(detail == "3 0 0");
  CHECK(dane_state(tlsa({exact_ee({1, 2, 3})}, true), port, "mx.example.test", detail) == DaneState::mismatch);
  // DANE-TA: compared with the certificates sent after the leaf; this one sent
  // none. A "certificate" of three bytes is no anchor at all: unusable.
  CHECK(dane_state(tlsa({net::TlsaRecord{2, 0, 1, std::vector<std::uint8_t>(32, 0xCD)}}, true), port,
                   "mx.example.test", detail) == DaneState::mismatch);
  CHECK(dane_state(tlsa({net::TlsaRecord{2, 0, 0, {1, 2, 3}}}, true), port, "mx.example.test", detail)
        == DaneState::unusable);
  // validated records, but no TLS at all: a DANE sender does not deliver
  auto no_tls = port;
  no_tls.tls_session.reset();
  CHECK(dane_state(tlsa({exact_ee(k_cert)}, true), no_tls, "mx.example.test", detail) == DaneState::mismatch);
  Tlsa failed;
  failed.status = net::DnsStatus::server_failure;
  CHECK(dane_state(failed, port, "mx.example.test", detail) == DaneState::lookup_failed);
}

TEST_CASE("relay: validated DANE on every MX protects the domain", "[discover][relay]")
{
  const auto& table = rules::builtin_table();
  auto r = domain_with({mx("mx1.example.test", tlsa({exact_ee(k_cert)}, true))});
  judge_relay(table, r);
  CHECK(r.summary.dane == Mark::pass);
  CHECK(r.summary.starttls == Mark::pass);
  CHECK(r.summary.mta_sts == Mark::absent);
  CHECK(r.mxs[0].dane == DaneState::match);
  CHECK(has(r.mxs[0].notes, "relay-dane-match"));
  CHECK_FALSE(has(r.notes, "relay-no-downgrade-protection"));
  CHECK(has(r.notes, "relay-mta-sts-missing"));
  CHECK(has(r.notes, "relay-tls-rpt-missing"));
  CHECK(r.verdict == core::Verdict::warning); // TLS-RPT missing

  auto bad = domain_with({mx("mx1.example.test", tlsa({exact_ee({9, 9})}, true))});
  judge_relay(table, bad);
  CHECK(bad.summary.dane == Mark::fail);
  CHECK(has(bad.mxs[0].notes, "relay-dane-mismatch"));
  CHECK(bad.verdict == core::Verdict::error);
}

TEST_CASE("relay: DANE without the AD bit is not judged", "[discover][relay]")
{
  auto r = domain_with({mx("mx1.example.test", tlsa({exact_ee(k_cert)}, false))});
  judge_relay(rules::builtin_table(), r);
  CHECK(r.summary.dane == Mark::not_judged);
  CHECK(has(r.mxs[0].notes, "relay-dane-not-validated"));
  CHECK_FALSE(has(r.mxs[0].notes, "relay-dane-match"));
  CHECK(has(r.notes, "relay-no-downgrade-protection"));
}

TEST_CASE("relay: MTA-STS policy against the MX hosts", "[discover][relay]")
{
  const auto& table = rules::builtin_table();
  auto r = domain_with({mx("mx1.example.test"), mx("other.example.net")});
  add_policy(r, StsMode::enforce, {"*.example.test"});
  r.mxs[0].report.tls_session->certificate->hostname_match = false;
  judge_relay(table, r);
  CHECK(r.summary.mta_sts == Mark::fail);
  CHECK(r.mxs[0].in_policy == true);
  CHECK(has(r.mxs[0].notes, "relay-mta-sts-mx-cert-invalid"));
  CHECK(r.mxs[1].in_policy == false);
  CHECK(has(r.mxs[1].notes, "relay-mta-sts-mx-not-in-policy"));
  CHECK(r.summary.certificate == Mark::fail);

  auto good = domain_with({mx("mx1.example.test")});
  add_policy(good, StsMode::enforce, {"mx1.example.test"});
  good.tls_rpt.status = net::DnsStatus::found;
  good.tls_rpt.record = TlsRptRecord{{"mailto:r@example.test"}};
  judge_relay(table, good);
  CHECK(good.summary.mta_sts == Mark::pass);
  CHECK(good.summary.tls_rpt == Mark::pass);
  CHECK_FALSE(has(good.notes, "relay-no-downgrade-protection"));
  CHECK(good.mxs[0].verdict == core::Verdict::ok);

  auto testing = domain_with({mx("mx1.example.test")});
  add_policy(testing, StsMode::testing, {"mx1.example.test"});
  judge_relay(table, testing);
  CHECK(testing.summary.mta_sts == Mark::warning);
  CHECK(has(testing.notes, "relay-mta-sts-mode-testing"));
  CHECK(has(testing.notes, "relay-no-downgrade-protection"));
}

TEST_CASE("relay: the policy's fetch and the domain's MX", "[discover][relay]")
{
  const auto& table = rules::builtin_table();
  auto r = domain_with({mx("mx1.example.test")});
  add_policy(r, StsMode::enforce, {"mx1.example.test"});
  r.sts.policy.reset();
  r.sts.fetch->status = net::HttpStatus::tls_error;
  r.sts.fetch->detail = "certificate verify failed";
  judge_relay(table, r);
  CHECK(has(r.notes, "relay-mta-sts-policy-cert-invalid"));
  CHECK(r.summary.mta_sts == Mark::fail);

  r.sts.fetch->status = net::HttpStatus::ok;
  r.sts.policy_error = "line 1: version is not STSv1";
  judge_relay(table, r);
  CHECK(has(r.notes, "relay-mta-sts-policy-malformed"));

  auto none = domain_with({});
  judge_relay(table, none);
  CHECK(has(none.notes, "relay-no-mx"));
  CHECK(none.summary.starttls == Mark::not_judged);
  auto null_mx = domain_with({});
  null_mx.null_mx = true;
  judge_relay(table, null_mx);
  CHECK(has(null_mx.notes, "relay-null-mx"));
  CHECK_FALSE(has(null_mx.notes, "relay-no-mx"));

  auto no_tls = domain_with({mx("mx1.example.test")});
  no_tls.mxs[0].report.tls_session.reset();
  judge_relay(table, no_tls);
  CHECK(no_tls.summary.starttls == Mark::fail);
  CHECK(no_tls.summary.tls_versions == Mark::not_judged);
}

TEST_CASE("DANE: usage 0/1 and unusable records are ignored, DANE-TA checked against the chain", "[discover][relay]")
{
  std::string detail;
  const auto port = good_port();
  const net::TlsaRecord pkix_ta{0, 0, 0, k_cert};
  const net::TlsaRecord pkix_ee{1, 0, 0, k_cert};
  // RFC 7672 §3.1.3: usage 0 and 1 are not for SMTP, even when they match.
  CHECK(dane_state(tlsa({pkix_ta, pkix_ee}, true), port, "mx.example.test", detail) == DaneState::unusable);
  CHECK(detail == "0 0 0, 1 0 0");
  // A usage-3 record with a matching type no one supports: unusable, not a mismatch.
  const net::TlsaRecord odd_mtype{3, 0, 7, {1, 2, 3}};
  CHECK(dane_state(tlsa({odd_mtype}, true), port, "mx.example.test", detail) == DaneState::unusable);
  CHECK(dane_state(tlsa({odd_mtype, exact_ee({1, 2, 3})}, true), port, "mx.example.test", detail) == DaneState::mismatch);
  CHECK(detail == "3 0 0");
  // A record the DNS answer marked unusable is ignored: alone, unusable; beside a match, the match.
  net::TlsaRecord marked{3, 0, 1, {0}};
  marked.unusable = "TLSA data is 1 bytes, not the 32 of its digest";
  CHECK(dane_state(tlsa({marked}, true), port, "mx.example.test", detail) == DaneState::unusable);
  CHECK(detail == "3 0 1 (TLSA data is 1 bytes, not the 32 of its digest)");
  CHECK(dane_state(tlsa({marked, exact_ee(k_cert)}, true), port, "mx.example.test", detail) == DaneState::match);
  // usage 1 beside a matching usage 3: the 3 decides
  CHECK(dane_state(tlsa({pkix_ee, exact_ee(k_cert)}, true), port, "mx.example.test", detail) == DaneState::match);
  // DANE-TA beside a DANE-EE that does not match: the chain decides
  const net::TlsaRecord ta{2, 1, 0, mailports_test::k_ta_root_spki};
  auto chained = port;
  chained.tls_session->certificate_der = mailports_test::k_ta_leaf;
  chained.tls_session->chain_der = {mailports_test::k_ta_intermediate};
  CHECK(dane_state(tlsa({ta, exact_ee({9, 9})}, true), chained, "mx.example.test", detail) == DaneState::match);
  CHECK(detail == "2 1 0");
  CHECK(dane_state(tlsa({ta, exact_ee({9, 9})}, true), port, "mx.example.test", detail) == DaneState::mismatch);
  CHECK(detail == "2 1 0, 3 0 0");
  CHECK(dane_state(tlsa({ta, exact_ee(k_cert)}, true), port, "mx.example.test", detail) == DaneState::match);
  // An anchor found, but the certificate does not name the MX.
  CHECK(dane_state(tlsa({ta}, true), chained, "mx2.example.test", detail) == DaneState::mismatch);
  // A chain certificate that is not one: the anchor could not be compared.
  auto broken = chained;
  broken.tls_session->chain_der = {{0x30, 0x03, 0x02, 0x01, 0x00}};
  CHECK(dane_state(tlsa({ta, exact_ee({9, 9})}, true), broken, "mx.example.test", detail) == DaneState::ta_not_checked);
  CHECK(detail == "2 1 0: not a DER certificate");

  const auto& table = rules::builtin_table();
  auto r = domain_with({mx("mx1.example.test", tlsa({pkix_ta, pkix_ee}, true))});
  judge_relay(table, r);
  CHECK(has(r.mxs[0].notes, "relay-dane-unusable"));
  CHECK_FALSE(has(r.mxs[0].notes, "relay-dane-mismatch"));
  CHECK(r.summary.dane == Mark::absent);
  CHECK(has(r.notes, "relay-no-downgrade-protection"));

  auto both = domain_with({mx("mx1.example.test", tlsa({ta, exact_ee({9, 9})}, true))});
  both.mxs[0].report = broken;
  judge_relay(table, both);
  CHECK(has(both.mxs[0].notes, "relay-dane-ta-not-checked"));
  CHECK_FALSE(has(both.mxs[0].notes, "relay-dane-mismatch"));
  CHECK(both.summary.dane == Mark::not_judged);
}

TEST_CASE("relay: a remote --dns-server's AD bit is said to be untrusted", "[discover][relay]")
{
  const auto& table = rules::builtin_table();
  auto r = domain_with({mx("mx1.example.test", tlsa({exact_ee(k_cert)}, false)), mx("mx2.example.test")});
  r.mxs[0].remote_resolver = "192.0.2.53";
  r.mxs[1].remote_resolver = "192.0.2.53";
  judge_relay(table, r);
  CHECK(has(r.mxs[0].notes, "relay-dane-resolver-not-local"));
  CHECK(has(r.mxs[0].notes, "relay-dane-not-validated"));
  CHECK_FALSE(has(r.mxs[1].notes, "relay-dane-resolver-not-local")); // no TLSA records: nothing to say
  auto local = domain_with({mx("mx1.example.test", tlsa({exact_ee(k_cert)}, true))});
  judge_relay(table, local);
  CHECK_FALSE(has(local.mxs[0].notes, "relay-dane-resolver-not-local"));
}

TEST_CASE("relay: MTA-STS testing mode warns where enforce mode fails", "[discover][relay]")
{
  const auto& table = rules::builtin_table();
  auto r = domain_with({mx("mx1.example.test"), mx("other.example.net")});
  add_policy(r, StsMode::testing, {"*.example.test"});
  r.mxs[0].report.tls_session->certificate->hostname_match = false;
  judge_relay(table, r);
  CHECK(r.summary.mta_sts == Mark::warning);
  CHECK(has(r.mxs[0].notes, "relay-mta-sts-testing-mx-cert-invalid"));
  CHECK_FALSE(has(r.mxs[0].notes, "relay-mta-sts-mx-cert-invalid"));
  CHECK(has(r.mxs[1].notes, "relay-mta-sts-testing-mx-not-in-policy"));
  CHECK_FALSE(has(r.mxs[1].notes, "relay-mta-sts-mx-not-in-policy"));
  CHECK(r.mxs[1].verdict == core::Verdict::warning);
  for (const auto code : {"relay-mta-sts-testing-mx-cert-invalid", "relay-mta-sts-testing-mx-not-in-policy"}) {
    const auto* def = table.finding(code);
    REQUIRE(def != nullptr);
    CHECK(def->severity == core::Severity::warning);
  }
}

TEST_CASE("relay: an MX that could not be reached is not judged on STARTTLS or its certificate", "[discover][relay]")
{
  const auto& table = rules::builtin_table();
  auto r = domain_with({mx("mx1.example.test"), mx("mx2.example.test")});
  add_policy(r, StsMode::enforce, {"*.example.test"});
  auto& down = r.mxs[1].report;
  down = probe::PortReport{};
  down.port = 25;
  down.reachable = false;
  down.error = probe::ProbeError{probe::ErrorKind::connect_timeout, "connect timed out"};
  judge_relay(table, r);
  CHECK_FALSE(has(r.mxs[1].notes, "relay-mta-sts-mx-cert-invalid"));
  CHECK(r.summary.starttls == Mark::pass);
  CHECK(r.summary.certificate == Mark::pass);
  CHECK(r.summary.mta_sts == Mark::pass);

  auto all_down = domain_with({mx("mx1.example.test")});
  all_down.mxs[0].report = down;
  judge_relay(table, all_down);
  CHECK(all_down.summary.starttls == Mark::not_judged);

  // usable TLSA records, but nothing to compare them with: not a mismatch
  auto dane_down = domain_with({mx("mx1.example.test", tlsa({exact_ee(k_cert)}, true))});
  dane_down.mxs[0].report = down;
  judge_relay(table, dane_down);
  CHECK(dane_down.mxs[0].dane == DaneState::not_reached);
  CHECK_FALSE(has(dane_down.mxs[0].notes, "relay-dane-mismatch"));
  CHECK(dane_down.summary.dane == Mark::not_judged);
  CHECK(all_down.summary.certificate == Mark::not_judged);
}

TEST_CASE("relay: every code judge_relay raises is in the built-in table and renders", "[discover][relay]")
{
  const auto& table = rules::builtin_table();
  for (const auto code : rules::codes::relay_codes) {
    INFO(code);
    const auto* def = table.finding(code);
    REQUIRE(def != nullptr);
    Note n;
    n.code = code;
    n.value = "example.test";
    n.other = "why";
    for (const auto lang : {core::Lang::en, core::Lang::ja}) {
      const auto text = render_note(table, *def, n, lang);
      CHECK(text.find('{') == std::string::npos);
      CHECK(text.find('?') == std::string::npos);
      CHECK_FALSE(text.empty());
    }
  }
}

TEST_CASE("relay: an MX that still accepts TLS 1.1 fails the versions' mark, as its finding is an error",
          "[discover][relay]")
{
  const auto& table = rules::builtin_table();
  auto r = domain_with({mx("mx1.example.test"), mx("mx2.example.test")});
  for (auto& m : r.mxs) {
    m.check = probe::judge(table, m.report);
  }
  judge_relay(table, r);
  CHECK(r.summary.tls_versions == Mark::pass);

  probe::ExtraHandshake old;
  old.offer = probe::ExtraHandshake::Offer::tls1_1;
  old.outcome = probe::ExtraHandshake::Outcome::accepted;
  old.session = net::TlsSession{};
  old.session->version = "TLSv1.1";
  old.session->version_number = 0x0302;
  r.mxs[1].report.extra_handshakes.push_back(old);
  r.mxs[1].check = probe::judge(table, r.mxs[1].report);
  const auto found = std::find_if(r.mxs[1].check.findings.begin(), r.mxs[1].check.findings.end(),
                                  [](const auto& f) { return f.def->code == "probe-tls-old-accepted"; });
  REQUIRE(found != r.mxs[1].check.findings.end());
  REQUIRE(found->def->severity == core::Severity::error);
  judge_relay(table, r);
  CHECK(r.summary.tls_versions == Mark::fail);

  // TLS 1.0 negotiated by the MX's own handshake, the extra ones undecided
  // (e.g. the deadline passed): the same mark.
  auto negotiated = domain_with({mx("mx1.example.test")});
  negotiated.mxs[0].report.tls_session->version = "TLSv1";
  negotiated.mxs[0].report.tls_session->version_number = 0x0301;
  negotiated.mxs[0].check = probe::judge(table, negotiated.mxs[0].report);
  judge_relay(table, negotiated);
  CHECK(negotiated.summary.tls_versions == Mark::fail);
}

TEST_CASE("relay: each way the MTA-STS record, its policy, the MX or TLSA lookup can fail has its note",
          "[discover][relay]")
{
  const auto& table = rules::builtin_table();
  // The _mta-sts TXT query itself failed: not judged, and said.
  auto r = domain_with({mx("mx1.example.test")});
  r.sts.record_status = net::DnsStatus::server_failure;
  judge_relay(table, r);
  CHECK(has(r.notes, "relay-mta-sts-record-malformed"));
  CHECK(r.summary.mta_sts == Mark::not_judged);
  // A record that is there but not a valid STSv1 record.
  r.sts.record_status = net::DnsStatus::found;
  r.sts.record_error = "no v=STSv1 record";
  judge_relay(table, r);
  CHECK(has(r.notes, "relay-mta-sts-record-malformed"));
  CHECK(r.summary.mta_sts == Mark::fail);

  // The policy could not be fetched: HTTP 404, or no answer in time.
  for (const auto status : {net::HttpStatus::http_error, net::HttpStatus::timeout}) {
    auto unreachable = domain_with({mx("mx1.example.test")});
    add_policy(unreachable, StsMode::enforce, {"mx1.example.test"});
    unreachable.sts.policy.reset();
    unreachable.sts.fetch->status = status;
    unreachable.sts.fetch->http_code = status == net::HttpStatus::http_error ? 404 : 0;
    judge_relay(table, unreachable);
    INFO(net::to_string(status));
    CHECK(has(unreachable.notes, "relay-mta-sts-policy-unreachable"));
    CHECK_FALSE(has(unreachable.notes, "relay-mta-sts-policy-cert-invalid"));
    CHECK(unreachable.summary.mta_sts == Mark::fail);
  }

  // mode: none withdraws the policy: a warning, and no MX is held to it.
  auto none = domain_with({mx("mx1.example.test")});
  add_policy(none, StsMode::none, {"*.elsewhere.test"});
  judge_relay(table, none);
  CHECK(has(none.notes, "relay-mta-sts-mode-none"));
  CHECK(none.summary.mta_sts == Mark::warning);
  CHECK_FALSE(has(none.mxs[0].notes, "relay-mta-sts-mx-not-in-policy"));

  // The MX query failed: said, and nothing else to judge.
  auto no_answer = domain_with({});
  no_answer.mx_status = net::DnsStatus::timeout;
  judge_relay(table, no_answer);
  CHECK(has(no_answer.notes, "relay-mx-lookup-failed"));
  CHECK_FALSE(has(no_answer.notes, "relay-no-mx"));

  // The TLSA query failed: said on the MX, and a failure (RFC 7672 §2.2, the
  // finding's reference: a DANE sender cannot tell whether to use it).
  Tlsa failed;
  failed.status = net::DnsStatus::server_failure;
  auto dane = domain_with({mx("mx1.example.test", failed)});
  judge_relay(table, dane);
  CHECK(has(dane.mxs[0].notes, "relay-dane-lookup-failed"));
  CHECK(dane.summary.dane == Mark::fail);
}
