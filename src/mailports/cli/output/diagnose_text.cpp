#include <mailports/cli/output/diagnose.hpp>

#include <mailports/cli/messages.hpp>
#include <mailports/util/text.hpp>

#include <ostream>

namespace mailports::cli::output {

namespace {

Msg source_word(diagnose::Source source)
{
  switch (source) {
  case diagnose::Source::client:
    return Msg::source_client;
  case diagnose::Source::library:
    return Msg::source_library;
  case diagnose::Source::server:
    break;
  }
  return Msg::source_server;
}

std::string fix_text(const diagnose::CauseReading& reading, const TextContext& ctx)
{
  std::string out;
  for (const auto& s : reading.check->suggestions) {
    out += (out.empty() ? "" : (ctx.lang == core::Lang::ja ? "、" : "; ")) +
           util::to_upper(core::to_string(reading.check->query.proto)) + " " + std::to_string(s.port) + " " +
           std::string(ctx.table.mode(s.tls).label.in(ctx.lang));
  }
  return out;
}

void match_text(std::ostream& out, const TextContext& ctx, const Diagnosis& d, const DiagnosedMatch& m)
{
  const auto& family = *m.family;
  std::string emitters;
  for (const auto& e : family.emitters) {
    emitters += (emitters.empty() ? "" : (ctx.lang == core::Lang::ja ? "、" : ", ")) + e;
  }
  out << ctx.style.bold(say(Msg::diagnose_heading, ctx.lang, fmt::arg("title", family.title(ctx.lang)),
                            fmt::arg("source", text(source_word(family.source), ctx.lang)),
                            fmt::arg("emitters", emitters)))
      << '\n';
  if (m.contradicts) {
    out << say(Msg::diagnose_contradiction, ctx.lang,
               fmt::arg("value", context_text(d.context, ctx.table, ctx.lang)))
        << '\n';
  }
  out << text(Msg::diagnose_causes, ctx.lang) << '\n';
  int n = 0;
  for (const auto& c : m.causes) {
    const auto& def = *c.cause->finding;
    out << ++n << ". " << ctx.style.severity(def.severity, severity_label(def.severity, ctx.lang)) << "  " << def.code
        << '\n'
        << "   " << diagnosed_cause_message(c, ctx.table, ctx.lang) << '\n';
    out << "   " << say(Msg::diagnose_why, ctx.lang, fmt::arg("value", c.cause->why(ctx.lang))) << '\n';
    if (c.check && !c.check->suggestions.empty()) {
      out << "   " << say(Msg::diagnose_fix, ctx.lang, fmt::arg("value", fix_text(c, ctx))) << '\n';
    }
    if (!c.fits) {
      out << "   " << say(Msg::diagnose_not_fit, ctx.lang,
                          fmt::arg("value", context_text(d.context, ctx.table, ctx.lang)))
          << '\n';
    }
    out << "   " << text(Msg::refs, ctx.lang) << ": " << util::join(def.refs) << '\n';
  }
}

} // namespace

std::string context_text(const diagnose::Context& context, const rules::Table& table, core::Lang lang)
{
  std::string out;
  const auto add = [&](const std::string& part) { out += (out.empty() ? "" : (lang == core::Lang::ja ? "、" : ", ")) + part; };
  if (context.proto) {
    add(util::to_upper(core::to_string(*context.proto)));
  }
  if (context.port) {
    add((lang == core::Lang::ja ? "ポート番号 " : "port ") + std::to_string(*context.port));
  }
  if (context.tls) {
    add(std::string(table.mode(*context.tls).label.in(lang)));
  }
  if (context.role) {
    add(std::string(role_label(*context.role, lang)));
  }
  return out;
}

void diagnose_text(std::ostream& out, const TextContext& ctx, const Diagnosis& d)
{
  if (d.summary != nullptr) {
    out << say(Msg::diagnose_log_heading, ctx.lang, fmt::arg("lines", d.lines), fmt::arg("kinds", d.summary->size()))
        << "\n";
  }
  if (d.context_check) {
    const auto v = d.context_check->verdict;
    if (d.summary != nullptr) {
      out << '\n';
    }
    out << say(Msg::diagnose_your_setting, ctx.lang, fmt::arg("value", context_text(d.context, ctx.table, ctx.lang)),
               fmt::arg("verdict", ctx.style.verdict(v, std::string(mark(v)) + " " +
                                                          std::string(verdict_label(v, ctx.lang)))))
        << '\n';
    findings_text(out, ctx, *d.context_check, "  ");
  } else if (!d.context_missing.empty()) {
    if (d.summary != nullptr) {
      out << '\n';
    }
    out << say(Msg::diagnose_context_incomplete, ctx.lang,
               fmt::arg("value", context_text(d.context, ctx.table, ctx.lang)),
               fmt::arg("missing", util::join(d.context_missing)))
        << '\n';
    if (d.context.port && d.context_missing.front() == "--proto") {
      out << say(Msg::diagnose_context_no_proto, ctx.lang, fmt::arg("port", *d.context.port),
                 fmt::arg("reason", text(d.port_several ? Msg::why_port_several : Msg::why_port_none, ctx.lang)))
          << '\n';
    }
  }
  for (std::size_t i = 0; i < d.matches.size(); ++i) {
    if (i > 0 || d.summary != nullptr || d.context_check || !d.context_missing.empty()) {
      out << '\n';
    }
    match_text(out, ctx, d, d.matches[i]);
    if (d.summary != nullptr) {
      const auto& count = (*d.summary)[i];
      std::string first;
      for (const auto line : count.first_lines) {
        first += (first.empty() ? "" : ", ") + std::to_string(line);
      }
      out << "   " << say(Msg::diagnose_log_count, ctx.lang, fmt::arg("count", count.count), fmt::arg("first", first))
          << '\n'
          << "   " << say(Msg::diagnose_example, ctx.lang, fmt::arg("value", util::quote_for_message(count.example, 200)))
          << '\n';
    }
  }
}

} // namespace mailports::cli::output
