#include <mailports/cli/output/discover.hpp>
#include <mailports/cli/output/probe.hpp>
#include <mailports/cli/output/relay.hpp>

#include <algorithm>

namespace mailports::cli::output {

namespace {

// Worst first, as the text shows them.
Json shown(std::vector<ShownFinding> findings)
{
  std::stable_sort(findings.begin(), findings.end(),
                   [](const ShownFinding& a, const ShownFinding& b) { return a.def->severity > b.def->severity; });
  return shown_json(findings);
}

// The port-25 probe as `probe --json` writes one port (the same keys).
Json port_json(const discover::MxFacts& m, const rules::Table& table, core::Lang lang)
{
  ProbeSummary one{m.mx.host, {ProbedPort{&m.report, m.check}}, m.check.verdict};
  auto all = probe_json(one, table, lang);
  return std::move(all["results"][0]);
}

Json tlsa_json(const discover::MxFacts& m)
{
  Json records = Json::array();
  for (const auto& r : m.tlsa.records.records) {
    std::string hex;
    static constexpr char digits[] = "0123456789abcdef";
    for (const auto byte : r.data) {
      hex += digits[byte >> 4];
      hex += digits[byte & 0xF];
    }
    records.push_back(Json{{"usage", r.usage}, {"selector", r.selector}, {"matching_type", r.matching_type},
                           {"data", hex}, {"unusable", r.unusable.empty() ? Json(nullptr) : Json(r.unusable)}});
  }
  return Json{{"name", "_25._tcp." + m.mx.host},
              {"status", net::to_string(m.tlsa.status)},
              {"validated", m.tlsa.records.authentic_data},
              {"records", std::move(records)},
              {"result", discover::to_string(m.dane)},
              {"detail", m.dane_detail}};
}

Json mx_json(const discover::MxFacts& m, const rules::Table& table, core::Lang lang)
{
  std::vector<ShownFinding> findings;
  for (const auto& f : m.check.findings) {
    findings.push_back({f.def, engine::render_message(m.check, f, lang, table)});
  }
  for (auto& f : note_findings(m.notes, table, lang)) {
    findings.push_back(std::move(f));
  }
  return Json{{"host", m.mx.host},
              {"preference", m.mx.preference},
              {"probe", port_json(m, table, lang)},
              {"in_sts_policy", m.in_policy ? Json(*m.in_policy) : Json(nullptr)},
              {"dane", tlsa_json(m)},
              {"verdict", core::to_string(m.verdict)},
              {"findings", shown(std::move(findings))}};
}

Json sts_json(const discover::StsFacts& s)
{
  Json policy = nullptr;
  if (s.policy) {
    Json mx = Json::array();
    for (const auto& p : s.policy->mx) {
      mx.push_back(p);
    }
    policy = Json{{"mode", discover::to_string(s.policy->mode)}, {"mx", std::move(mx)}, {"max_age", s.policy->max_age}};
  }
  return Json{{"record_status", net::to_string(s.record_status)},
              {"id", s.record ? Json(s.record->id) : Json(nullptr)},
              {"record_error", s.record_error.empty() ? Json(nullptr) : Json(s.record_error)},
              {"policy_url", s.policy_url},
              {"fetch_status", s.fetch ? Json(net::to_string(s.fetch->status)) : Json(nullptr)},
              {"http_code", s.fetch && s.fetch->http_code ? Json(s.fetch->http_code) : Json(nullptr)},
              {"fetch_error", s.fetch && !s.fetch->detail.empty() ? Json(s.fetch->detail) : Json(nullptr)},
              {"policy", std::move(policy)},
              {"policy_error", s.policy_error.empty() ? Json(nullptr) : Json(s.policy_error)}};
}

Json tls_rpt_json(const discover::TlsRptFacts& t)
{
  Json rua = nullptr;
  if (t.record) {
    rua = Json::array();
    for (const auto& r : t.record->rua) {
      rua.push_back(r);
    }
  }
  return Json{{"status", net::to_string(t.status)}, {"rua", std::move(rua)},
              {"error", t.error.empty() ? Json(nullptr) : Json(t.error)}};
}

} // namespace

Json relay_json(const discover::RelayReport& report, const rules::Table& table, core::Lang lang)
{
  Json mxs = Json::array();
  for (const auto& m : report.mxs) {
    mxs.push_back(mx_json(m, table, lang));
  }
  const auto& s = report.summary;
  return Json{{"schema_version", k_json_schema_version},
              {"query", Json{{"domain", report.domain}, {"role", "relay"}}},
              {"mx_status", net::to_string(report.mx_status)},
              {"null_mx", report.null_mx},
              {"mx_left_out", report.mx_left_out},
              {"mx", std::move(mxs)},
              {"mta_sts", sts_json(report.sts)},
              {"tls_rpt", tls_rpt_json(report.tls_rpt)},
              {"summary", Json{{"starttls", discover::to_string(s.starttls)},
                               {"tls_versions", discover::to_string(s.tls_versions)},
                               {"certificate", discover::to_string(s.certificate)},
                               {"mta_sts", discover::to_string(s.mta_sts)},
                               {"tls_rpt", discover::to_string(s.tls_rpt)},
                               {"dane", discover::to_string(s.dane)}}},
              {"findings", shown(note_findings(report.notes, table, lang))},
              {"verdict", core::to_string(report.verdict)}};
}

Json relay_host_json(const discover::MxFacts& mx, const rules::Table& table, core::Lang lang)
{
  auto one = mx_json(mx, table, lang);
  one.erase("preference");
  return Json{{"schema_version", k_json_schema_version},
              {"query", Json{{"host", mx.mx.host}, {"role", "relay"}}},
              {"relay", std::move(one)},
              {"verdict", core::to_string(mx.verdict)}};
}

} // namespace mailports::cli::output
