// Port 25 for the relay role (issue 16 §3): a domain's MX hosts, each
// probed on port 25 and judged as a relay, with the published hardening:
// MTA-STS (RFC 8461), TLS-RPT (RFC 8460) and DANE (RFC 7672). check_relay
// gathers the facts (every lookup and probe at once, within one deadline);
// judge_relay turns facts into table codes and a summary, with no I/O, so
// the DNSSEC-validated path is unit-tested with a recorded answer.
#pragma once

#include <mailports/discover/live.hpp>
#include <mailports/discover/mta_sts.hpp>
#include <mailports/discover/source.hpp>
#include <mailports/engine/check.hpp>
#include <mailports/net/dns.hpp>
#include <mailports/net/http.hpp>
#include <mailports/probe/report.hpp>
#include <mailports/rules/relay_codes.hpp>
#include <mailports/rules/table.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mailports::discover {

// MX hosts probed at most (each its own thread): they come from an answer
// anyone on the path may have written.
inline constexpr std::size_t k_max_relay_mx = 10;

struct StsFacts {
  net::DnsStatus record_status = net::DnsStatus::error; // of the _mta-sts TXT query
  std::string record_detail;                            // the resolver's words, when not found
  std::optional<StsRecord> record;                      // the one STSv1 record, well-formed
  std::string record_error;                             // why the records were not usable
  std::string policy_url;                               // https://mta-sts.D/.well-known/mta-sts.txt
  std::optional<net::HttpResult> fetch;                 // only when a record was found
  std::optional<StsPolicy> policy;                      // the body, parsed
  std::string policy_error;                             // why not
};

struct TlsRptFacts {
  net::DnsStatus status = net::DnsStatus::error;
  std::string detail;
  std::optional<TlsRptRecord> record;
  std::string error; // records found but not usable
};

enum class DaneState : std::uint8_t {
  absent,         // no TLSA records
  lookup_failed,  // the TLSA query failed (SERVFAIL, timeout, ...)
  not_validated,  // records without the AD bit: not judged (RFC 7672 §2.2)
  match,          // validated; the leaf matches a DANE-EE record, or its chain a DANE-TA one
  mismatch,       // validated, and nothing matches (or no certificate at all)
  ta_not_checked, // validated DANE-TA records the sent chain could not be compared with (not DER)
  unusable,       // validated, but none SMTP can use (usage 0/1, RFC 7672 §3.1.3; unsupported parameters)
  not_reached,    // usable records, but port 25 could not be reached: nothing to compare
};
std::string_view to_string(DaneState state) noexcept; // "absent", "lookup-failed", ...

struct MxFacts {
  net::MxRecord mx;
  probe::PortReport report;  // port 25
  engine::CheckResult check; // probe::judge of the report
  net::DnsResult<net::Authenticated<net::TlsaRecord>> tlsa;
  // The --dns-server asked, when it is not on this host: its AD bit is not
  // trusted (net::is_loopback_address), which judge_relay says.
  std::string remote_resolver;
  // Filled by judge_relay:
  std::optional<bool> in_policy; // nullopt: no usable policy
  DaneState dane = DaneState::absent;
  std::string dane_detail; // the record that matched, or why none did
  std::vector<Note> notes;
  core::Verdict verdict = core::Verdict::ok;
};

// internet.nl's mail test in short: one mark per subject.
enum class Mark : std::uint8_t { pass, warning, fail, absent, not_judged };
std::string_view to_string(Mark mark) noexcept; // "pass", "warning", "fail", "absent", "not-judged"

struct RelaySummary {
  Mark starttls = Mark::not_judged;     // every MX did STARTTLS
  Mark tls_versions = Mark::not_judged; // none accepted TLS 1.1 or older
  Mark certificate = Mark::not_judged;  // every MX's certificate trusted, for its name, in date
  Mark mta_sts = Mark::absent;
  Mark tls_rpt = Mark::absent;
  Mark dane = Mark::absent;
};

struct RelayReport {
  std::string domain;
  net::DnsStatus mx_status = net::DnsStatus::error;
  std::string mx_detail;
  bool null_mx = false;
  std::size_t mx_left_out = 0; // past k_max_relay_mx
  std::vector<MxFacts> mxs;    // by preference
  StsFacts sts;
  TlsRptFacts tls_rpt;
  std::vector<Note> notes; // the domain's
  RelaySummary summary;
  core::Verdict verdict = core::Verdict::ok;
};

struct RelayOptions {
  LiveOptions live;      // the probes and host addresses (timeout, TLS context, connect-to)
  net::HttpOptions http; // the policy fetch (CA file, connect-to)
};

// "https://mta-sts.D/.well-known/mta-sts.txt" (RFC 8461 §3.3).
std::string sts_policy_url(std::string_view domain);

// DANE for one MX `host`: the TLSA answer against the certificates the
// server sent (DANE-EE, usage 3, on the leaf, whose names and dates RFC 7672
// §3.1.1 ignores; DANE-TA, usage 2, on the chain, checked as a chain, the
// leaf naming `host`). `detail` says which record matched, or why none did.
DaneState dane_state(const net::DnsResult<net::Authenticated<net::TlsaRecord>>& tlsa,
                     const probe::PortReport& report, const std::string& host, std::string& detail);

// The facts of `report` judged: each MX's notes and verdict, the domain's
// notes, the summary and the verdict. No I/O except dane_state's libssl.
void judge_relay(const rules::Table& table, RelayReport& report);

// The MX query first; then, at once, every MX's port-25 probe and TLSA
// query, the MTA-STS record and policy, and the TLS-RPT record, each within
// options.live.timeout from the start. Then judge_relay.
RelayReport check_relay(const rules::Table& table, std::string_view domain, const RelayOptions& options);

// Port 25 of one host as a relay, with its TLSA records (`probe --role
// relay`): the report and the check filled and judged, without MTA-STS.
MxFacts check_relay_host(const rules::Table& table, const std::string& host, const RelayOptions& options);

} // namespace mailports::discover
