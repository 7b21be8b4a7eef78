#include <mailports/cli/output/discover.hpp>

#include <algorithm>

namespace mailports::cli::output {

namespace {

Json probe_json(const probe::PortReport& report)
{
  return Json{{"reachable", report.reachable},
              {"tls", report.tls ? Json(core::to_string(*report.tls)) : Json(nullptr)},
              {"error", report.error ? Json(report.error->detail) : Json(nullptr)}};
}

Json servers_json(const DiscoverAnswer& answer, const std::vector<discover::MergedServer>& list,
                  const rules::Table& table, core::Lang lang)
{
  Json out = Json::array();
  for (const auto& m : list) {
    const auto& s = m.server;
    Json sources = Json::array();
    for (const auto i : m.sources) {
      sources.push_back(Json{{"kind", discover::to_string(answer.sources[i].kind)},
                             {"url_or_name", answer.sources[i].name}});
    }
    Json server{{"proto", core::to_string(s.proto)},
                {"host", s.host},
                {"port", s.port},
                {"tls", core::to_string(s.tls)},
                {"username", s.username.empty() ? Json(nullptr) : Json(s.username)},
                {"auth", s.auth},
                {"sources", std::move(sources)},
                {"verdict", core::to_string(m.verdict)},
                {"findings", shown_json(server_findings(m, table, lang))}};
    if (m.probed) {
      server["probe"] = probe_json(*m.probed);
    }
    out.push_back(std::move(server));
  }
  return out;
}

} // namespace

Json shown_json(const std::vector<ShownFinding>& findings)
{
  Json out = Json::array();
  for (const auto& f : findings) {
    Json refs = Json::array();
    for (const auto ref : f.def->refs) {
      refs.push_back(ref);
    }
    out.push_back(Json{{"code", f.def->code},
                       {"severity", core::to_string(f.def->severity)},
                       {"message", f.message},
                       {"refs", std::move(refs)}});
  }
  return out;
}

Json discover_json(const DiscoverAnswer& answer, const rules::Table& table, core::Lang lang)
{
  Json sources = Json::array();
  for (const auto& r : answer.sources) {
    sources.push_back(Json{{"kind", discover::to_string(r.kind)},
                           {"url_or_name", r.name},
                           {"status", discover::to_string(r.status)},
                           {"elapsed_ms", r.elapsed.count()},
                           {"detail", r.detail},
                           {"findings", shown_json(note_findings(r.notes, table, lang))}});
  }
  const auto& lookup = answer.lookup;
  return Json{{"schema_version", k_json_schema_version},
              {"query", Json{{"address", lookup.address ? Json(lookup.address->local + "@" + lookup.address->domain)
                                                        : Json(nullptr)},
                             {"domain", lookup.domain}}},
              {"sources", std::move(sources)},
              {"incoming", servers_json(answer, answer.discovery.incoming, table, lang)},
              {"outgoing", servers_json(answer, answer.discovery.outgoing, table, lang)},
              {"verdict", core::to_string(answer.discovery.verdict)}};
}

std::vector<ShownFinding> note_findings(const std::vector<discover::Note>& notes, const rules::Table& table,
                                        core::Lang lang)
{
  std::vector<ShownFinding> out;
  for (const auto& note : notes) {
    if (const auto* def = table.finding(note.code)) {
      out.push_back({def, discover::render_note(table, *def, note, lang)});
    }
  }
  return out;
}

std::vector<ShownFinding> server_findings(const discover::MergedServer& server, const rules::Table& table,
                                          core::Lang lang)
{
  std::vector<ShownFinding> out;
  const auto add = [&](ShownFinding f) {
    const bool seen = std::any_of(out.begin(), out.end(), [&](const ShownFinding& o) {
      return o.def == f.def && o.message == f.message;
    });
    if (!seen) {
      out.push_back(std::move(f));
    }
  };
  for (const auto& f : server.check.findings) {
    add({f.def, engine::render_message(server.check, f, lang, table)});
  }
  if (server.probe_check) {
    for (const auto& f : server.probe_check->findings) {
      add({f.def, engine::render_message(*server.probe_check, f, lang, table)});
    }
  }
  for (auto& f : note_findings(server.notes, table, lang)) {
    add(std::move(f));
  }
  std::stable_sort(out.begin(), out.end(), [](const ShownFinding& a, const ShownFinding& b) {
    return a.def->severity > b.def->severity;
  });
  return out;
}

} // namespace mailports::cli::output
