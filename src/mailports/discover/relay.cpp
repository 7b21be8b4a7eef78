#include <mailports/discover/relay.hpp>

#include "deadline.hpp"

#include <mailports/net/dane.hpp>
#include <mailports/probe/judge.hpp>
#include <mailports/probe/session.hpp>
#include <mailports/util/text.hpp>

#include <algorithm>
#include <future>

namespace mailports::discover {

namespace {

using detail::Clock;
using detail::left;
namespace codes = rules::codes;

Note note(std::string_view code, std::string value, std::string other)
{
  Note n;
  n.code = code;
  n.value = std::move(value);
  n.other = std::move(other);
  return n;
}

bool answered(net::DnsStatus status) noexcept
{
  return status == net::DnsStatus::found || status == net::DnsStatus::no_data || status == net::DnsStatus::nx_domain;
}

std::string why(net::DnsStatus status, const std::string& message)
{
  return std::string(net::to_string(status)) + (message.empty() ? "" : ": " + message);
}

std::string tlsa_text(const net::TlsaRecord& r)
{
  return std::to_string(r.usage) + " " + std::to_string(r.selector) + " " + std::to_string(r.matching_type);
}

// What is wrong with the certificate an MX sent, for MTA-STS (RFC 8461
// §4.2: trusted, for the MX's name, in date); empty when nothing is.
std::string certificate_problem(const probe::PortReport& report)
{
  if (!report.tls_session) {
    return report.error ? report.error->detail : std::string("no TLS");
  }
  if (!report.tls_session->certificate) {
    return "no certificate";
  }
  const auto& c = *report.tls_session->certificate;
  if (!c.chain_trusted) {
    return c.chain_error.value_or("untrusted chain");
  }
  if (!c.hostname_match) {
    return "name mismatch";
  }
  if (c.days_left < 0 || c.not_yet_valid) {
    return c.verify_error.value_or("out of date");
  }
  return {};
}

// No TCP connection at all: probe-unreachable says so, and there is no
// certificate or STARTTLS to judge.
bool unreached(const probe::PortReport& report) noexcept
{
  return !report.reachable;
}

// The TLS versions' mark of one MX: as grave as the table makes the
// findings of an old version, negotiated (probe-tls-old) or only accepted
// by an extra handshake (probe-tls-old-accepted); pass without them.
Mark versions_mark(const engine::CheckResult& check)
{
  auto mark = Mark::pass;
  for (const auto& f : check.findings) {
    if (f.def == nullptr || (f.def->code != codes::probe_tls_old && f.def->code != codes::probe_tls_old_accepted)) {
      continue;
    }
    switch (f.def->severity) {
    case core::Severity::error:
      return Mark::fail;
    case core::Severity::warning:
      mark = Mark::warning;
      break;
    case core::Severity::info:
      break;
    }
  }
  return mark;
}

core::Verdict worst_note(const rules::Table& table, const std::vector<Note>& notes, core::Verdict verdict)
{
  for (const auto& note : notes) {
    if (const auto* def = table.finding(note.code)) {
      verdict = std::max(verdict, core::verdict_of(def->severity));
    }
  }
  return verdict;
}

Mark worst(Mark a, Mark b)
{
  // fail > warning > not_judged > pass; absent only when all are.
  const auto rank = [](Mark m) {
    switch (m) {
    case Mark::fail:
      return 4;
    case Mark::warning:
      return 3;
    case Mark::not_judged:
      return 2;
    case Mark::pass:
      return 1;
    case Mark::absent:
      break;
    }
    return 0;
  };
  return rank(a) >= rank(b) ? a : b;
}

void judge_sts(RelayReport& report, bool& sts_enforced)
{
  auto& sts = report.sts;
  const auto& domain = report.domain;
  auto& mark = report.summary.mta_sts;
  if (!answered(sts.record_status)) {
    mark = Mark::not_judged;
    report.notes.push_back(note(codes::relay_mta_sts_record_malformed, domain, why(sts.record_status, sts.record_detail)));
    return;
  }
  if (!sts.record && sts.record_error.empty()) {
    mark = Mark::absent;
    report.notes.push_back(note(codes::relay_mta_sts_missing, domain, std::string()));
    return;
  }
  if (!sts.record) {
    mark = Mark::fail;
    report.notes.push_back(note(codes::relay_mta_sts_record_malformed, domain, sts.record_error));
    return;
  }
  mark = Mark::pass;
  if (!sts.fetch || sts.fetch->status != net::HttpStatus::ok) {
    mark = Mark::fail;
    const auto status = sts.fetch ? sts.fetch->status : net::HttpStatus::error;
    const auto detail = sts.fetch ? sts.fetch->detail : std::string("not fetched");
    const auto said = status == net::HttpStatus::http_error ? "HTTP " + std::to_string(sts.fetch->http_code)
                      : detail.empty()                      ? std::string(net::to_string(status))
                                                            : detail;
    report.notes.push_back(note(status == net::HttpStatus::tls_error ? codes::relay_mta_sts_policy_cert_invalid
                                                                      : codes::relay_mta_sts_policy_unreachable,
                                status == net::HttpStatus::tls_error ? "mta-sts." + domain : sts.policy_url, said));
    return;
  }
  if (!sts.policy) {
    mark = Mark::fail;
    report.notes.push_back(note(codes::relay_mta_sts_policy_malformed, sts.policy_url, sts.policy_error));
    return;
  }
  const auto& policy = *sts.policy;
  if (policy.mode == StsMode::none) {
    mark = Mark::warning;
    report.notes.push_back(note(codes::relay_mta_sts_mode_none, domain, std::string()));
    return; // the policy is withdrawn: the MX hosts are not held to it
  }
  if (policy.mode == StsMode::testing) {
    mark = Mark::warning;
    report.notes.push_back(note(codes::relay_mta_sts_mode_testing, domain, std::string()));
  }
  std::string patterns;
  for (const auto& p : policy.mx) {
    patterns += (patterns.empty() ? "" : ", ") + p;
  }
  // RFC 8461 §5: in testing mode senders deliver anyway and only report.
  const bool testing = policy.mode == StsMode::testing;
  bool all_good = true;
  for (auto& m : report.mxs) {
    const auto& host = m.mx.host;
    m.in_policy = std::any_of(policy.mx.begin(), policy.mx.end(),
                              [&](const std::string& p) { return mx_matches(p, host); });
    if (!*m.in_policy) {
      all_good = false;
      m.notes.push_back(note(testing ? codes::relay_mta_sts_testing_mx_not_in_policy
                                     : codes::relay_mta_sts_mx_not_in_policy,
                             host, patterns));
    }
    if (unreached(m.report)) {
      continue; // no certificate to judge; probe-unreachable says why
    }
    if (const auto problem = certificate_problem(m.report); !problem.empty()) {
      all_good = false;
      m.notes.push_back(note(testing ? codes::relay_mta_sts_testing_mx_cert_invalid
                                     : codes::relay_mta_sts_mx_cert_invalid,
                             host, problem));
    }
  }
  if (!all_good) {
    mark = testing ? Mark::warning : Mark::fail;
  }
  sts_enforced = all_good && policy.mode == StsMode::enforce;
}

void judge_tls_rpt(RelayReport& report)
{
  const auto& rpt = report.tls_rpt;
  auto& mark = report.summary.tls_rpt;
  if (!answered(rpt.status)) {
    mark = Mark::not_judged;
    report.notes.push_back(note(codes::relay_tls_rpt_malformed, report.domain, why(rpt.status, rpt.detail)));
  } else if (rpt.record) {
    mark = Mark::pass;
  } else if (!rpt.error.empty()) {
    mark = Mark::fail;
    report.notes.push_back(note(codes::relay_tls_rpt_malformed, report.domain, rpt.error));
  } else {
    mark = Mark::absent;
    report.notes.push_back(note(codes::relay_tls_rpt_missing, report.domain, std::string()));
  }
}

// One MX's DANE as notes, and its mark for the summary.
Mark judge_dane(MxFacts& m)
{
  m.dane = dane_state(m.tlsa, m.report, m.mx.host, m.dane_detail);
  const auto name = "_25._tcp." + m.mx.host;
  if (!m.remote_resolver.empty() && m.tlsa.status == net::DnsStatus::found && !m.tlsa.records.records.empty()) {
    m.notes.push_back(note(codes::relay_dane_resolver_not_local, m.remote_resolver, name));
  }
  switch (m.dane) {
  case DaneState::absent:
    m.notes.push_back(note(codes::relay_dane_missing, m.mx.host, std::string()));
    return Mark::absent;
  case DaneState::lookup_failed:
    m.notes.push_back(note(codes::relay_dane_lookup_failed, name, m.dane_detail));
    return Mark::fail;
  case DaneState::not_validated:
    m.notes.push_back(note(codes::relay_dane_not_validated, name, std::string()));
    return Mark::not_judged;
  case DaneState::match:
    m.notes.push_back(note(codes::relay_dane_match, m.mx.host, m.dane_detail));
    return Mark::pass;
  case DaneState::mismatch:
    m.notes.push_back(note(codes::relay_dane_mismatch, m.mx.host, m.dane_detail));
    return Mark::fail;
  case DaneState::ta_not_checked:
    m.notes.push_back(note(codes::relay_dane_ta_not_checked, name, m.dane_detail));
    return Mark::not_judged;
  case DaneState::unusable:
    m.notes.push_back(note(codes::relay_dane_unusable, name, m.dane_detail));
    return Mark::absent; // RFC 7672 §2.2: as if there were no TLSA records
  case DaneState::not_reached:
    return Mark::not_judged; // the MX's probe-unreachable says why
  }
  return Mark::not_judged;
}

void judge_probes(RelayReport& report)
{
  auto& s = report.summary;
  s.starttls = s.tls_versions = s.certificate = report.mxs.empty() ? Mark::not_judged : Mark::pass;
  bool any_session = false;
  bool any_reached = false;
  for (const auto& m : report.mxs) {
    const auto& r = m.report;
    if (unreached(r)) {
      continue; // not judged here: probe-unreachable says so on the MX
    }
    any_reached = true;
    if (!r.tls_session) {
      s.starttls = Mark::fail;
      continue;
    }
    any_session = true;
    s.tls_versions = worst(s.tls_versions, versions_mark(m.check));
    if (!certificate_problem(r).empty()) {
      s.certificate = Mark::fail;
    }
  }
  if (!any_reached) {
    s.starttls = Mark::not_judged;
  }
  if (!any_session) {
    s.tls_versions = s.certificate = Mark::not_judged;
  }
}

// The --dns-server when it is not on this host (net/dns.cpp then does not
// trust its AD bit); empty for the system's resolver or a local one.
std::string remote_resolver(const net::DnsOptions& dns)
{
  if (!dns.server || net::is_loopback_address(dns.server->address)) {
    return {};
  }
  return dns.server->address;
}

} // namespace

std::string_view to_string(DaneState state) noexcept
{
  switch (state) {
  case DaneState::absent:
    return "absent";
  case DaneState::lookup_failed:
    return "lookup-failed";
  case DaneState::not_validated:
    return "not-validated";
  case DaneState::match:
    return "match";
  case DaneState::mismatch:
    return "mismatch";
  case DaneState::unusable:
    return "unusable";
  case DaneState::not_reached:
    return "not-reached";
  case DaneState::ta_not_checked:
    break;
  }
  return "ta-not-checked";
}

std::string_view to_string(Mark mark) noexcept
{
  switch (mark) {
  case Mark::pass:
    return "pass";
  case Mark::warning:
    return "warning";
  case Mark::fail:
    return "fail";
  case Mark::absent:
    return "absent";
  case Mark::not_judged:
    break;
  }
  return "not-judged";
}

std::string sts_policy_url(std::string_view domain)
{
  return "https://mta-sts." + std::string(domain) + "/.well-known/mta-sts.txt";
}

DaneState dane_state(const net::DnsResult<net::Authenticated<net::TlsaRecord>>& tlsa, const probe::PortReport& report,
                     const std::string& host, std::string& detail)
{
  if (tlsa.status == net::DnsStatus::no_data || tlsa.status == net::DnsStatus::nx_domain ||
      (tlsa.status == net::DnsStatus::found && tlsa.records.records.empty())) {
    return DaneState::absent;
  }
  if (tlsa.status != net::DnsStatus::found) {
    detail = why(tlsa.status, tlsa.message);
    return DaneState::lookup_failed;
  }
  // Without the resolver's word that the records are authentic, anyone on
  // the path could have written them: not judged either way (RFC 7672 §2.2).
  if (!tlsa.records.authentic_data) {
    return DaneState::not_validated;
  }
  // RFC 7672 §3.1.3: usage 0 (PKIX-TA) and 1 (PKIX-EE) are not for SMTP;
  // a sender ignores them, and with nothing else there is no DANE.
  const auto& records = tlsa.records.records;
  const auto usable = [](const net::TlsaRecord& r) { return (r.usage == 2 || r.usage == 3) && r.unusable.empty(); };
  const auto list_all = [&] {
    std::string all;
    for (const auto& r : records) {
      all += (all.empty() ? "" : ", ") + tlsa_text(r) + (r.unusable.empty() ? "" : " (" + r.unusable + ")");
    }
    return all;
  };
  if (std::none_of(records.begin(), records.end(), usable)) {
    detail = list_all();
    return DaneState::unusable;
  }
  if (unreached(report)) {
    return DaneState::not_reached; // probe-unreachable says so; no certificate to compare
  }
  if (!report.tls_session || report.tls_session->certificate_der.empty()) {
    // RFC 7672 §2.2: with usable TLSA records a sender requires TLS.
    detail = report.tls_session ? "no certificate" : (report.error ? report.error->detail : std::string("no TLS"));
    return DaneState::mismatch;
  }
  const auto& session = *report.tls_session;
  std::string tried;
  bool any_usable = false;
  std::string unchecked; // DANE-TA records the chain could not be compared with
  for (const auto& r : records) {
    if (!usable(r) || r.selector > 1 || r.matching_type > 2) {
      continue; // RFC 7672 §2.2: a record that cannot be used is unusable, not a mismatch
    }
    if (r.usage == 3) {
      const auto matched = net::tlsa_matches(r, session.certificate_der);
      if (!matched) {
        continue;
      }
      any_usable = true;
      if (*matched) {
        detail = tlsa_text(r);
        return DaneState::match;
      }
    } else {
      // With a trust anchor, the chain up to it is checked as any chain is,
      // and the certificate must name the MX host (RFC 7672 §3.1.2, §3.2.3);
      // the certificate's own findings say what is wrong with it.
      const auto depth = net::tlsa_anchor_depth(r, session.certificate_der, session.chain_der, host);
      if (!depth) {
        if (depth.error().kind == net::DaneError::Kind::not_compared) {
          unchecked += (unchecked.empty() ? "" : ", ") + tlsa_text(r) + ": " + depth.error().message;
        }
        continue;
      }
      any_usable = true;
      if (*depth) {
        detail = tlsa_text(r);
        return DaneState::match;
      }
    }
    tried += (tried.empty() ? "" : ", ") + tlsa_text(r);
  }
  if (!unchecked.empty()) {
    detail = unchecked;
    return DaneState::ta_not_checked;
  }
  if (!any_usable) {
    detail = list_all();
    return DaneState::unusable;
  }
  detail = tried;
  return DaneState::mismatch;
}

void judge_relay(const rules::Table& table, RelayReport& report)
{
  report.notes.clear();
  const auto& domain = report.domain;
  if (!answered(report.mx_status)) {
    report.notes.push_back(note(codes::relay_mx_lookup_failed, domain, why(report.mx_status, report.mx_detail)));
  } else if (report.null_mx) {
    report.notes.push_back(note(codes::relay_null_mx, domain, std::string()));
  } else if (report.mxs.empty()) {
    report.notes.push_back(note(codes::relay_no_mx, domain, std::string()));
  }
  for (auto& m : report.mxs) {
    m.notes.clear();
    m.in_policy.reset();
  }
  judge_probes(report);
  bool sts_enforced = false;
  judge_sts(report, sts_enforced);
  judge_tls_rpt(report);

  auto dane = Mark::absent;
  bool dane_everywhere = !report.mxs.empty();
  for (auto& m : report.mxs) {
    const auto mark = judge_dane(m);
    dane_everywhere = dane_everywhere && mark == Mark::pass;
    dane = worst(dane, mark);
  }
  // Some MX hosts with DANE and some without: partial protection.
  if (dane == Mark::pass && !dane_everywhere) {
    dane = Mark::warning;
  }
  report.summary.dane = dane;
  if (!report.mxs.empty() && !sts_enforced && !dane_everywhere) {
    report.notes.push_back(note(codes::relay_no_downgrade_protection, domain, std::string()));
  }

  report.verdict = worst_note(table, report.notes, core::Verdict::ok);
  for (auto& m : report.mxs) {
    m.verdict = worst_note(table, m.notes, m.check.verdict);
    report.verdict = std::max(report.verdict, m.verdict);
  }
}

MxFacts check_relay_host(const rules::Table& table, const std::string& host, const RelayOptions& options)
{
  const auto deadline = Clock::now() + options.live.timeout;
  MxFacts m;
  m.mx.host = host;
  auto tlsa = std::async(std::launch::async, [&] {
    auto dns = options.live.dns;
    dns.timeout = left(deadline);
    return net::query_tlsa("_25._tcp." + host, dns);
  });
  const auto plan = probe::named_plan(table, core::Proto::smtp, {25}).front();
  m.report = probe_published(host, plan, options.live, deadline);
  m.check = probe::judge(table, m.report);
  m.tlsa = tlsa.get();
  m.remote_resolver = remote_resolver(options.live.dns);
  judge_dane(m);
  m.verdict = worst_note(table, m.notes, m.check.verdict);
  return m;
}

RelayReport check_relay(const rules::Table& table, std::string_view domain, const RelayOptions& options)
{
  const auto deadline = Clock::now() + options.live.timeout;
  RelayReport report;
  report.domain = std::string(domain);
  const auto dns_left = [&] {
    auto dns = options.live.dns;
    dns.timeout = left(deadline);
    return dns;
  };

  // MTA-STS: the record, then the policy (RFC 8461 §3.3: only when there is one).
  auto sts = std::async(std::launch::async, [&] {
    StsFacts facts;
    facts.policy_url = sts_policy_url(domain);
    const auto txt = net::query_txt("_mta-sts." + std::string(domain), dns_left());
    facts.record_status = txt.status;
    facts.record_detail = txt.message;
    if (txt.status != net::DnsStatus::found) {
      return facts;
    }
    const bool any_sts = std::any_of(txt.records.records.begin(), txt.records.records.end(),
                                     [](const std::string& r) { return r.rfind("v=STSv1", 0) == 0; });
    if (!any_sts) {
      return facts; // other TXT records only: no MTA-STS
    }
    auto record = parse_sts_records(txt.records.records);
    if (!record) {
      facts.record_error = record.error().message;
      return facts;
    }
    facts.record = std::move(record).value();
    auto http = options.http;
    http.timeout = left(deadline);
    http.max_body = k_max_sts_policy;
    http.max_redirects = 0; // RFC 8461 §3.3: redirects are not followed
    facts.fetch = net::get(facts.policy_url, http);
    if (facts.fetch->status == net::HttpStatus::ok) {
      const auto& type = facts.fetch->content_type;
      if (!util::istarts_with(type, "text/plain")) {
        facts.policy_error = "Content-Type \"" + type + "\", not text/plain";
        return facts;
      }
      auto policy = parse_sts_policy(facts.fetch->body);
      if (policy) {
        facts.policy = std::move(policy).value();
      } else {
        facts.policy_error = policy.error().message;
      }
    }
    return facts;
  });
  auto rpt = std::async(std::launch::async, [&] {
    TlsRptFacts facts;
    const auto txt = net::query_txt("_smtp._tls." + std::string(domain), dns_left());
    facts.status = txt.status;
    facts.detail = txt.message;
    if (txt.status != net::DnsStatus::found) {
      return facts;
    }
    const bool any = std::any_of(txt.records.records.begin(), txt.records.records.end(),
                                 [](const std::string& r) { return r.rfind("v=TLSRPTv1", 0) == 0; });
    if (!any) {
      return facts;
    }
    auto record = parse_tlsrpt_records(txt.records.records);
    if (record) {
      facts.record = std::move(record).value();
    } else {
      facts.error = record.error().message;
    }
    return facts;
  });

  const auto mx = net::query_mx(domain, dns_left());
  report.mx_status = mx.status;
  report.mx_detail = mx.message;
  std::vector<net::MxRecord> hosts;
  for (const auto& r : mx.records) {
    if (r.host.empty()) {
      report.null_mx = true; // RFC 7505: "0 ." alone
    } else if (hosts.size() < k_max_relay_mx) {
      hosts.push_back(r);
    } else {
      ++report.mx_left_out;
    }
  }
  if (report.null_mx) {
    hosts.clear();
  }
  std::vector<std::future<MxFacts>> probes;
  for (const auto& r : hosts) {
    probes.push_back(std::async(std::launch::async, [&, r] {
      MxFacts m;
      auto tlsa = std::async(std::launch::async, [&] { return net::query_tlsa("_25._tcp." + r.host, dns_left()); });
      m.mx = r;
      const auto plan = probe::named_plan(table, core::Proto::smtp, {25}).front();
      m.report = probe_published(r.host, plan, options.live, deadline);
      m.check = probe::judge(table, m.report);
      m.tlsa = tlsa.get();
      m.remote_resolver = remote_resolver(options.live.dns);
      return m;
    }));
  }
  for (auto& p : probes) {
    report.mxs.push_back(p.get());
  }
  report.sts = sts.get();
  report.tls_rpt = rpt.get();
  judge_relay(table, report);
  return report;
}

} // namespace mailports::discover
