#include <mailports/cli/output/json.hpp>

#include <mailports/engine/lookup.hpp>

#include <ostream>

namespace mailports::cli::output {

namespace {

template <typename T>
Json name_or_any(const std::optional<T>& value)
{
  return value ? Json(core::to_string(*value)) : Json("any");
}

Json strings(std::span<const std::string_view> list)
{
  Json out = Json::array();
  for (const auto item : list) {
    out.push_back(item);
  }
  return out;
}

Json optional_string(const std::optional<std::string_view>& value)
{
  return value ? Json(*value) : Json(nullptr);
}

Json entry_json(const rules::Entry& e, core::Lang lang)
{
  return Json{{"proto", name_or_any(e.proto)},
              {"port", e.port},
              {"tls", name_or_any(e.tls)},
              {"role", name_or_any(e.role)},
              {"status", core::to_string(e.status)},
              {"rank", e.rank == 0 ? Json(nullptr) : Json(e.rank)},
              {"service", optional_string(e.service)},
              {"summary", e.summary.in(lang)},
              {"refs", strings(e.refs)},
              {"findings", strings(e.findings)},
              {"notes", strings(e.notes)}};
}

Json notes_json(const std::vector<const rules::Note*>& notes, core::Lang lang)
{
  Json out = Json::array();
  for (const auto* note : notes) {
    out.push_back(Json{{"id", note->id},
                       {"title", note->title.in(lang)},
                       {"text", note->text.in(lang)},
                       {"refs", strings(note->refs)}});
  }
  return out;
}

Json entries_array(const std::vector<const rules::Entry*>& entries, core::Lang lang)
{
  Json out = Json::array();
  for (const auto* entry : entries) {
    out.push_back(entry_json(*entry, lang));
  }
  return out;
}

} // namespace

Json findings_json(const engine::CheckResult& result, const rules::Table& table, core::Lang lang)
{
  Json findings = Json::array();
  for (const auto& f : result.findings) {
    findings.push_back(Json{{"code", f.def->code},
                            {"severity", core::to_string(f.def->severity)},
                            {"message", engine::render_message(result, f, lang, table)},
                            {"refs", strings(f.def->refs)}});
  }
  return findings;
}

Json check_json(const engine::CheckResult& result, const rules::Table& table, core::Lang lang,
                const url::MailUrl* url)
{
  const auto& q = result.query;
  Json suggestions = Json::array();
  for (const auto& s : result.suggestions) {
    suggestions.push_back(Json{{"port", s.port}, {"tls", core::to_string(s.tls)}});
  }
  const auto* entry = result.entry;
  return Json{{"schema_version", k_json_schema_version},
              {"proto", core::to_string(q.proto)},
              {"port", q.port},
              {"tls", core::to_string(q.tls)},
              {"tls_stated", q.tls_stated},
              {"role", core::to_string(q.role)},
              {"url", url != nullptr ? Json(url->redacted) : Json(nullptr)},
              {"host", url != nullptr ? Json(url->host) : Json(nullptr)},
              {"service", entry != nullptr ? optional_string(entry->service) : Json(nullptr)},
              {"status", entry != nullptr ? Json(core::to_string(entry->status)) : Json(nullptr)},
              {"verdict", core::to_string(result.verdict)},
              {"findings", findings_json(result, table, lang)},
              {"suggestions", std::move(suggestions)}};
}

Json recommend_json(const std::vector<engine::Recommendation>& recommendations,
                    core::Proto proto, core::Role role, core::TlsMode prefer,
                    const rules::Table& table, core::Lang lang)
{
  Json list = Json::array();
  std::vector<const rules::Entry*> entries;
  for (const auto& r : recommendations) {
    const auto& e = *r.entry;
    entries.push_back(&e);
    list.push_back(Json{{"rank", r.rank},
                        {"port", e.port},
                        {"tls", name_or_any(e.tls)},
                        {"service", optional_string(e.service)},
                        {"status", core::to_string(e.status)},
                        {"summary", e.summary.in(lang)},
                        {"refs", strings(e.refs)},
                        {"findings", strings(e.findings)}});
  }
  return Json{{"schema_version", k_json_schema_version},
              {"proto", core::to_string(proto)},
              {"role", core::to_string(role)},
              {"prefer", core::to_string(prefer)},
              {"recommendations", std::move(list)},
              {"notes", notes_json(engine::notes_for(table, entries), lang)}};
}

Json ports_json(const std::vector<const rules::Entry*>& entries, const rules::Table& table,
                core::Lang lang)
{
  return Json{{"schema_version", k_json_schema_version},
              {"rules", Json{{"version", table.version}, {"date", table.date}}},
              {"entries", entries_array(entries, lang)}};
}

Json explain_json(std::uint16_t port, const std::vector<const rules::Entry*>& entries,
                  const rules::Table& table, core::Lang lang)
{
  return Json{{"schema_version", k_json_schema_version},
              {"port", port},
              {"known", !entries.empty()},
              {"entries", entries_array(entries, lang)},
              {"notes", notes_json(engine::notes_for(table, entries), lang)}};
}

void write_json(std::ostream& out, const Json& document)
{
  out << document.dump(2, ' ', false, Json::error_handler_t::replace) << '\n';
}

} // namespace mailports::cli::output
