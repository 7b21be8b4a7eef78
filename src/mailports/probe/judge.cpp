#include <mailports/probe/judge.hpp>

#include <mailports/engine/lookup.hpp>

#include <algorithm>
#include <initializer_list>
#include <tuple>

namespace mailports::probe {

namespace {

// The table's entries for exactly this protocol and port.
std::vector<const rules::Entry*> own_entries(const rules::Table& table, core::Proto proto,
                                             std::uint16_t port)
{
  std::vector<const rules::Entry*> out;
  for (const auto* entry : engine::entries_for_port(table, port)) {
    if (entry->proto == proto) {
      out.push_back(entry);
    }
  }
  return out;
}

// Port 25 is judged as relay: that is what a server there is for (its
// client row only warns clients off).
core::Role role_of(const rules::Table& table, core::Proto proto, std::uint16_t port)
{
  const auto entries = own_entries(table, proto, port);
  const auto usable_for = [&entries](core::Role role) {
    return std::any_of(entries.begin(), entries.end(), [role](const rules::Entry* e) {
      return e->role == role && core::usable(e->status);
    });
  };
  return usable_for(core::Role::relay) && !usable_for(core::Role::client) ? core::Role::relay
                                                                          : core::Role::client;
}

// 127.0.0.0/8 and ::1, as net names them.
bool is_loopback(std::string_view address)
{
  return address.starts_with("127.") || address == "::1";
}

bool is_submission_port(const rules::Table& table, std::uint16_t port)
{
  const auto entries = own_entries(table, core::Proto::smtp, port);
  return std::any_of(entries.begin(), entries.end(), [](const rules::Entry* e) {
    return e->role == core::Role::client && core::usable(e->status);
  });
}

class ProbeJudge {
public:
  ProbeJudge(const rules::Table& table, engine::CheckResult& result) : m_table(table), m_result(result) {}

  void add(std::string_view code)
  {
    engine::Finding finding;
    finding.def = m_table.finding(code);
    if (finding.def != nullptr) { // run_probe refuses a table without the probe codes
      m_result.findings.push_back(std::move(finding));
    }
  }

  void session(const TlsSession& tls)
  {
    if (tls.version_number != 0 && tls.version_number < 0x0303) { // below TLS 1.2
      add(rules::codes::probe_tls_old);
    }
    if (!tls.certificate) {
      add(rules::codes::probe_cert_untrusted);
      return;
    }
    const auto& cert = *tls.certificate;
    if (!cert.chain_trusted) {
      add(rules::codes::probe_cert_untrusted);
    }
    if (cert.not_yet_valid) {
      add(rules::codes::probe_cert_not_yet_valid);
    }
    if (cert.days_left < 0) {
      add(rules::codes::probe_cert_expired);
    } else if (cert.days_left < k_expiry_warning_days) {
      add(rules::codes::probe_cert_expiring);
    }
    if (!cert.hostname_match) {
      add(rules::codes::probe_cert_name_mismatch);
    }
  }

  void extras(const std::vector<ExtraHandshake>& extras)
  {
    using Offer = ExtraHandshake::Offer;
    const auto accepted = [&extras](std::initializer_list<Offer> offers) {
      return std::any_of(extras.begin(), extras.end(), [offers](const ExtraHandshake& e) {
        return e.outcome == ExtraHandshake::Outcome::accepted
               && std::find(offers.begin(), offers.end(), e.offer) != offers.end();
      });
    };
    if (accepted({Offer::tls1_1, Offer::tls1_0, Offer::ssl3})) {
      add(rules::codes::probe_tls_old_accepted);
    }
    if (accepted({Offer::weak_cipher})) {
      add(rules::codes::probe_cipher_weak);
    }
    if (accepted({Offer::no_forward_secrecy})) {
      add(rules::codes::probe_cipher_no_forward_secrecy);
    }
  }

  void error(const ProbeError& error, bool protocol_known)
  {
    // A server that greeted, but as no mail protocol does (an SSH banner,
    // a web server): say that, not "no usable SMTP answer in time".
    if (!protocol_known && error.kind == ErrorKind::bad_reply
        && m_table.finding(rules::codes::probe_unknown_protocol) != nullptr) {
      add(rules::codes::probe_unknown_protocol);
      return;
    }
    switch (error.kind) {
    case ErrorKind::refused:
    case ErrorKind::connect_timeout:
    case ErrorKind::connect_failed:
    case ErrorKind::no_address:
      add(rules::codes::probe_unreachable);
      break;
    case ErrorKind::starttls_rejected:
      add(rules::codes::probe_starttls_rejected);
      break;
    case ErrorKind::tls_failed:
      add(rules::codes::probe_tls_failed);
      break;
    case ErrorKind::timeout:
    case ErrorKind::closed:
    case ErrorKind::line_too_long:
    case ErrorKind::reply_too_long:
    case ErrorKind::bad_reply:
    case ErrorKind::io_failed:
      add(rules::codes::probe_no_response);
      break;
    }
  }

  void conclude()
  {
    auto& findings = m_result.findings;
    std::stable_sort(findings.begin(), findings.end(), [](const auto& a, const auto& b) {
      return a.def->severity > b.def->severity;
    });
    m_result.verdict = findings.empty() ? core::Verdict::ok
                                        : core::verdict_of(findings.front().def->severity);
    m_result.suggestions.clear();
  }

private:
  const rules::Table& m_table;
  engine::CheckResult& m_result;
};

} // namespace

std::optional<core::TlsMode> expected_mode(const rules::Table& table, core::Proto proto,
                                           std::uint16_t port)
{
  bool implicit = false;
  bool plaintext_first = false;
  for (const auto* entry : own_entries(table, proto, port)) {
    if (core::usable(entry->status) && entry->tls) {
      (*entry->tls == core::TlsMode::implicit ? implicit : plaintext_first) = true;
    }
  }
  if (implicit == plaintext_first) {
    return std::nullopt; // unknown, or both (e.g. 2525)
  }
  return implicit ? core::TlsMode::implicit : core::TlsMode::starttls;
}

std::vector<PortPlan> sweep_plan(const rules::Table& table, std::optional<core::Proto> proto)
{
  std::vector<PortPlan> plans;
  for (const auto p : core::k_protos) {
    if (proto && *proto != p) {
      continue;
    }
    // (relay?, rank, port) for each wanted port, best first.
    std::vector<std::tuple<bool, int, std::uint16_t>> ports;
    for (const auto& entry : table.entries) {
      const bool wanted = entry.proto == p && entry.rank > 0
                          && (entry.status == core::Status::recommended
                              || entry.status == core::Status::acceptable);
      if (wanted) {
        ports.emplace_back(entry.role == core::Role::relay, entry.rank, entry.port);
      }
    }
    std::sort(ports.begin(), ports.end());
    for (const auto& candidate : ports) {
      const auto port = std::get<2>(candidate);
      const bool seen = std::any_of(plans.begin(), plans.end(), [&](const PortPlan& plan) {
        return plan.proto == p && plan.port == port;
      });
      if (!seen) {
        plans.push_back(PortPlan{p, port, false, expected_mode(table, p, port), std::nullopt});
      }
    }
  }
  return plans;
}

std::vector<PortPlan> named_plan(const rules::Table& table, std::optional<core::Proto> proto,
                                 const std::vector<std::uint16_t>& ports)
{
  std::vector<PortPlan> plans;
  for (const auto port : ports) {
    const auto speak = proto ? proto : engine::sole_proto_of_port(table, port);
    plans.push_back(PortPlan{speak, port, true, speak ? expected_mode(table, *speak, port) : std::nullopt, std::nullopt});
  }
  return plans;
}

bool counts(const PortReport& report) noexcept
{
  return report.reachable || report.named;
}

engine::CheckResult judge(const rules::Table& table, const PortReport& report)
{
  engine::CheckResult result;
  result.query.proto = report.proto.value_or(core::Proto::smtp);
  const auto port = report.judged_as.value_or(report.port); // --as: the standard port
  result.query.port = port;
  result.query.role = role_of(table, result.query.proto, port);
  // Without a greeting the protocol is unknown: only the probe's own
  // findings (no answer, the certificate) apply, none of the table's.
  if (report.tls && report.proto) {
    result.query.tls = *report.tls;
    // A probe sees that a server offers STARTTLS, not whether its peers
    // require it: judge it in the mode the role normally uses there, which
    // between servers is opportunistic (RFC 3207 §4; the relay rows rank it).
    const auto usual = engine::usual_mode(table, *report.proto, port, result.query.role);
    if (*report.tls == core::TlsMode::starttls && usual == core::TlsMode::opportunistic) {
      result.query.tls = usual;
    }
    result = engine::check(table, result.query);
  }
  ProbeJudge judge(table, result);
  if (!counts(report)) {
    return result;
  }
  if (report.auth_before_tls && !report.auth_before_tls->empty()) {
    judge.add(rules::codes::probe_auth_cleartext);
  }
  const bool plaintext_only = report.tls == core::TlsMode::none && report.starttls_offered == false;
  if (report.proto == core::Proto::smtp && plaintext_only
      && (is_submission_port(table, port) || report.auth_offered)) {
    judge.add(rules::codes::probe_starttls_missing);
  }
  if (report.tls_session) {
    judge.session(*report.tls_session);
  }
  judge.extras(report.extra_handshakes);
  // Between servers, going on in cleartext is what opportunistic TLS means
  // (RFC 3207 §4); for a client's port it is the downgrade.
  if (report.cleartext_accepted == true && result.query.role == core::Role::client) {
    judge.add(rules::codes::probe_cleartext_accepted);
  }
  if (report.from_own_address && report.proto != core::Proto::smtp && report.address
      && is_loopback(*report.address) && report.auth_before_tls && !report.auth_before_tls->empty()) {
    judge.add(rules::codes::probe_loopback_trusted);
  }
  if (report.error) {
    judge.error(*report.error, report.proto.has_value());
  }
  judge.conclude();
  return result;
}

} // namespace mailports::probe
