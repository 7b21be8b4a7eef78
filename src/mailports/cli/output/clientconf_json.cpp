#include <mailports/cli/output/clientconf.hpp>

#include <mailports/cli/messages.hpp>

namespace mailports::cli::output {

namespace {

Json strings(std::span<const std::string_view> list)
{
  Json out = Json::array();
  for (const auto s : list) {
    out.push_back(s);
  }
  return out;
}

std::string_view origin_name(clientconf::VersionChoice::Origin origin)
{
  switch (origin) {
  case clientconf::VersionChoice::Origin::option:
    return "option";
  case clientconf::VersionChoice::Origin::installed:
    return "installed";
  case clientconf::VersionChoice::Origin::newest:
    break;
  }
  return "newest";
}

Json client_json(const clientconf::Format& format, const clientconf::VersionChoice& version)
{
  if (format.client.empty()) {
    return nullptr;
  }
  return Json{{"name", format.client}, {"version", version.version.text}, {"origin", origin_name(version.origin)}};
}

Json client_finding_json(const clientconf::ClientFinding& finding, const rules::Table& table, core::Lang lang)
{
  const auto* def = clientconf::definition(table, finding);
  return Json{{"code", finding.code},
              {"severity", core::to_string(clientconf::severity_of(table, finding))},
              {"message", clientconf::render(table, finding, lang)},
              {"refs", def != nullptr ? strings(def->refs) : Json::array()},
              {"line", finding.where.line != 0 ? Json(finding.where.line) : Json(nullptr)},
              {"setting", finding.setting.empty() ? Json(nullptr) : Json(finding.setting)}};
}

Json client_findings_json(const std::vector<clientconf::ClientFinding>& findings, const rules::Table& table,
                          core::Lang lang)
{
  Json out = Json::array();
  for (const auto& f : findings) {
    out.push_back(client_finding_json(f, table, lang));
  }
  return out;
}

Json endpoint_json(const clientconf::Endpoint& e, const clientconf::JudgedEndpoint& judged, const rules::Table& table,
                   core::Lang lang)
{
  Json findings = findings_json(judged.check, table, lang);
  for (auto& f : findings) {
    f["line"] = e.where.line != 0 ? Json(e.where.line) : Json(nullptr);
    f["setting"] = e.setting;
  }
  for (const auto& f : e.findings) {
    findings.push_back(client_finding_json(f, table, lang));
  }
  Json suggestions = Json::array();
  for (const auto& s : judged.check.suggestions) {
    suggestions.push_back(Json{{"port", s.port}, {"tls", core::to_string(s.tls)}});
  }
  return Json{{"proto", core::to_string(e.proto)},
              {"host", e.host},
              {"port", e.port},
              {"port_stated", e.port_stated},
              {"tls", core::to_string(e.tls)},
              {"tls_stated", e.tls_stated},
              {"user", e.user.empty() ? Json(nullptr) : Json(e.user)},
              {"setting", e.setting},
              {"line", e.where.line != 0 ? Json(e.where.line) : Json(nullptr)},
              {"verdict", core::to_string(judged.verdict)},
              {"findings", std::move(findings)},
              {"suggestions", std::move(suggestions)}};
}

} // namespace

Json lint_json(const std::vector<LintedFile>& files, const rules::Table& table, core::Lang lang)
{
  Json list = Json::array();
  auto verdict = core::Verdict::ok;
  for (const auto& file : files) {
    Json entry{{"file", file.path},
               {"format", file.format != nullptr ? Json(file.format->name) : Json(nullptr)},
               {"client", file.format != nullptr ? client_json(*file.format, file.version) : Json(nullptr)}};
    if (!file.result) {
      entry["verdict"] = nullptr;
      entry["error"] = Json{{"exit_code", static_cast<int>(file.error_code)},
                            {"message", file.error},
                            {"line", file.error_at ? Json(file.error_at->line) : Json(nullptr)},
                            {"column", file.error_at ? Json(file.error_at->column) : Json(nullptr)}};
      list.push_back(std::move(entry));
      continue;
    }
    const auto& result = *file.result;
    verdict = std::max(verdict, result.verdict);
    Json accounts = Json::array();
    for (std::size_t a = 0; a < result.parsed.accounts.size(); ++a) {
      const auto& account = result.parsed.accounts[a];
      Json servers = Json::array();
      for (std::size_t e = 0; e < account.endpoints.size(); ++e) {
        servers.push_back(endpoint_json(account.endpoints[e], result.accounts[a].endpoints[e], table, lang));
      }
      accounts.push_back(Json{{"name", account.name},
                              {"line", account.where.line != 0 ? Json(account.where.line) : Json(nullptr)},
                              {"verdict", core::to_string(result.accounts[a].verdict)},
                              {"findings", client_findings_json(account.findings, table, lang)},
                              {"servers", std::move(servers)}});
    }
    entry["verdict"] = core::to_string(result.verdict);
    entry["error"] = nullptr;
    entry["findings"] = client_findings_json(result.parsed.findings, table, lang);
    entry["accounts"] = std::move(accounts);
    list.push_back(std::move(entry));
  }
  return Json{{"schema_version", k_json_schema_version}, {"verdict", core::to_string(verdict)}, {"files", std::move(list)}};
}

Json config_json(const clientconf::Format& format, const clientconf::Planned& planned, const std::string& config,
                 const std::string& output_path, const rules::Table& table, core::Lang lang)
{
  const auto server_json = [&](const clientconf::JudgedCandidate& judged) {
    return Json{{"proto", core::to_string(judged.server.proto)},
                {"host", judged.server.host},
                {"port", judged.server.port},
                {"tls", core::to_string(judged.server.tls)},
                {"verdict", core::to_string(judged.check.verdict)},
                {"findings", findings_json(judged.check, table, lang)}};
  };
  Json servers = Json::array();
  for (const auto& judged : planned.planned) {
    servers.push_back(server_json(judged));
  }
  Json left_out = Json::array();
  for (const auto& judged : planned.refused) {
    left_out.push_back(server_json(judged));
  }
  const auto& plan = planned.plan;
  return Json{{"schema_version", k_json_schema_version},
              {"format", format.name},
              {"client", client_json(format, plan.version)},
              {"account", plan.account},
              {"user", plan.user.empty() ? Json(nullptr) : Json(plan.user)},
              {"address", plan.address.empty() ? Json(nullptr) : Json(plan.address)},
              {"domain", plan.domain.empty() ? Json(nullptr) : Json(plan.domain)},
              {"verdict", core::to_string(planned.verdict)},
              {"servers", std::move(servers)},
              {"left_out", std::move(left_out)},
              {"output", output_path.empty() ? Json(nullptr) : Json(output_path)},
              {"config", config}};
}

} // namespace mailports::cli::output
