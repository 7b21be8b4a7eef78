#include <mailports/cli/output/diagnose.hpp>

#include <mailports/cli/messages.hpp>

namespace mailports::cli::output {

namespace {

template <typename T>
Json optional_json(const std::optional<T>& value)
{
  return value ? Json(*value) : Json(nullptr);
}

Json fix_json(const diagnose::CauseReading& reading)
{
  Json fix = Json::array();
  if (reading.check) {
    for (const auto& s : reading.check->suggestions) {
      fix.push_back(Json{{"proto", core::to_string(reading.check->query.proto)},
                         {"port", s.port},
                         {"tls", core::to_string(s.tls)}});
    }
  }
  return fix;
}

// The cause's finding message, filled for the setting it was read with.
std::string cause_message(const diagnose::CauseReading& reading, const rules::Table& table, core::Lang lang)
{
  const auto from = [&](const engine::CheckResult& result) -> std::optional<std::string> {
    for (const auto& f : result.findings) {
      if (f.def == reading.cause->finding) {
        return engine::render_message(result, f, lang, table);
      }
    }
    return std::nullopt;
  };
  if (reading.check) {
    // For the user's setting; where the cause does not fit it, for the
    // catalogue's own example of the cause.
    if (auto text = from(*reading.check)) {
      return *text;
    }
    if (auto text = from(engine::check(table, *reading.cause->setting))) {
      return *text;
    }
  }
  engine::CheckResult none;
  return engine::render_message(none, engine::Finding{reading.cause->finding, {}, {}, {}, {}}, lang, table);
}

Json causes_json(const DiagnosedMatch& m, const rules::Table& table, core::Lang lang)
{
  Json out = Json::array();
  for (const auto& c : m.causes) {
    Json refs = Json::array();
    for (const auto ref : c.cause->finding->refs) {
      refs.push_back(ref);
    }
    out.push_back(Json{{"code", c.cause->finding->code},
                       {"severity", core::to_string(c.cause->finding->severity)},
                       {"message", cause_message(c, table, lang)},
                       {"why", c.cause->why(lang)},
                       {"fits", c.fits},
                       {"fix", fix_json(c)},
                       {"refs", std::move(refs)}});
  }
  return out;
}

} // namespace

std::string diagnosed_cause_message(const diagnose::CauseReading& reading, const rules::Table& table, core::Lang lang)
{
  return cause_message(reading, table, lang);
}

Json diagnose_json(const Diagnosis& d, const rules::Table& table, core::Lang lang)
{
  const auto& c = d.context;
  Json context{{"proto", c.proto ? Json(core::to_string(*c.proto)) : Json(nullptr)},
               {"port", optional_json(c.port)},
               {"tls", c.tls ? Json(core::to_string(*c.tls)) : Json(nullptr)},
               {"role", c.role ? Json(core::to_string(*c.role)) : Json(nullptr)}};
  Json matches = Json::array();
  for (const auto& m : d.matches) {
    matches.push_back(Json{{"id", m.family->id},
                           {"family", m.family->title(lang)},
                           {"source", diagnose::to_string(m.family->source)},
                           {"emitters", m.family->emitters},
                           {"line", m.line},
                           {"context_fits", !m.contradicts},
                           {"causes", causes_json(m, table, lang)}});
  }
  Json out{{"schema_version", k_json_schema_version},
           {"input", Json{{"lines", d.lines}, {"context", std::move(context)}}},
           {"matches", std::move(matches)},
           {"verdict", core::to_string(d.verdict)}};
  if (!d.context_missing.empty()) {
    Json missing = Json::array();
    for (const auto option : d.context_missing) {
      missing.push_back(std::string(option));
    }
    out["context_missing"] = std::move(missing);
  }
  if (d.context_check) {
    out["context_check"] = Json{{"verdict", core::to_string(d.context_check->verdict)},
                                {"findings", findings_json(*d.context_check, table, lang)}};
  }
  if (d.summary != nullptr) {
    Json summary = Json::array();
    for (const auto& f : *d.summary) {
      summary.push_back(Json{{"id", f.family->id},
                             {"count", f.count},
                             {"first_lines", f.first_lines},
                             {"example", f.example}});
    }
    out["summary"] = std::move(summary);
  }
  return out;
}

} // namespace mailports::cli::output
