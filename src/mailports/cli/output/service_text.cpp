#include <mailports/cli/output/service.hpp>

#include <mailports/cli/messages.hpp>

#include <ostream>

namespace mailports::cli::output {

void service_text(std::ostream& out, const TextContext& ctx, const FilledService& filled,
                  const engine::ProviderAdvice& advice)
{
  const auto& s = *filled.service;
  const bool ja = ctx.lang == core::Lang::ja;
  const auto heading = s.kind == providers::ServiceKind::service ? Msg::service_heading : Msg::hosting_heading;
  out << ctx.style.bold(say(heading, ctx.lang, fmt::arg("name", s.name), fmt::arg("id", s.id))) << '\n';
  if (!filled.region.empty()) {
    out << say(Msg::service_region_line, ctx.lang, fmt::arg("value", filled.region)) << '\n';
  }
  if (!filled.host.empty()) {
    out << say(Msg::service_host_filled, ctx.lang, fmt::arg("host", filled.host)) << '\n';
  } else if (s.host_pattern) {
    out << say(Msg::service_host_template, ctx.lang, fmt::arg("pattern", *s.host_pattern),
               fmt::arg("example", s.host_example.value_or("")))
        << '\n';
  }
  if (!s.verified) {
    out << ctx.style.verdict(core::Verdict::warning, std::string(text(Msg::service_unverified, ctx.lang))) << '\n';
  }
  out << '\n' << text(Msg::service_username_heading, ctx.lang) << '\n'
      << "  " << (ja ? s.username_ja : s.username_en) << '\n'
      << text(Msg::service_auth_heading, ctx.lang) << '\n'
      << "  " << (ja ? s.auth_ja : s.auth_en) << '\n';
  Lookup lookup;
  lookup.host = filled.host;
  lookup.service = true;
  advice_body_text(out, ctx, lookup, filled.provider, advice);
  for (const auto code : s.codes) {
    if (const auto* def = ctx.table.finding(code)) {
      out << '\n';
      rendered_finding_text(out, ctx, *def, def->message.in(ctx.lang), "  ");
    }
  }
  out << '\n' << text(Msg::service_sources_heading, ctx.lang) << '\n';
  for (const auto& src : s.sources) {
    out << "  "
        << say(src.verified ? Msg::service_source_read : Msg::service_source_unread, ctx.lang,
               fmt::arg("name", src.name), fmt::arg("url", src.url), fmt::arg("date", src.checked))
        << '\n';
  }
}

void services_list_text(std::ostream& out, const TextContext& ctx,
                        const std::vector<const providers::Service*>& list)
{
  std::vector<std::vector<std::string>> rows{{std::string(text(Msg::col_id, ctx.lang)),
                                              std::string(text(Msg::col_kind, ctx.lang)),
                                              std::string(text(Msg::col_name, ctx.lang))}};
  for (const auto* s : list) {
    rows.push_back({std::string(s->id), std::string(providers::to_string(s->kind)), std::string(s->name)});
  }
  table_text(out, rows);
}

} // namespace mailports::cli::output
