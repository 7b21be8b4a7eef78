#include <mailports/cli/output/discover.hpp>

#include <mailports/cli/messages.hpp>
#include <mailports/util/text.hpp>

#include <ostream>

namespace mailports::cli::output {

namespace {

Msg status_word(discover::SourceStatus status)
{
  switch (status) {
  case discover::SourceStatus::found:
    return Msg::discover_found;
  case discover::SourceStatus::not_found:
    return Msg::discover_not_found;
  case discover::SourceStatus::error:
    return Msg::discover_error;
  case discover::SourceStatus::timeout:
    break;
  }
  return Msg::discover_timeout;
}

// The mark before a source: found is the good news, an error or a timeout
// worth a look, "not found" the usual answer of most sources.
std::string status_mark(const TextContext& ctx, discover::SourceStatus status)
{
  switch (status) {
  case discover::SourceStatus::found:
    return ctx.style.verdict(core::Verdict::ok, "✓");
  case discover::SourceStatus::not_found:
    return "·";
  case discover::SourceStatus::error:
  case discover::SourceStatus::timeout:
    break;
  }
  return ctx.style.verdict(core::Verdict::warning, "!");
}

void servers_text(std::ostream& out, const TextContext& ctx, const DiscoverAnswer& answer,
                  const std::vector<discover::MergedServer>& list)
{
  int n = 0;
  for (const auto& m : list) {
    const auto& s = m.server;
    out << say(Msg::server_line, ctx.lang, fmt::arg("n", ++n), fmt::arg("proto", util::to_upper(core::to_string(s.proto))),
               fmt::arg("host", s.host), fmt::arg("port", s.port),
               fmt::arg("tls", ctx.table.mode(s.tls).label.in(ctx.lang)),
               fmt::arg("verdict", ctx.style.verdict(m.verdict, std::string(mark(m.verdict)) + " " +
                                                                  std::string(verdict_label(m.verdict, ctx.lang)))))
        << '\n';
    if (!s.username.empty()) {
      out << "   " << say(Msg::username_line, ctx.lang, fmt::arg("value", s.username)) << '\n';
    }
    auth_line_text(out, ctx, s.auth, "   ");
    std::string from;
    for (const auto i : m.sources) {
      from += (from.empty() ? "" : (ctx.lang == core::Lang::ja ? "、" : ", ")) + discover::describe(answer.sources[i]);
    }
    out << "   " << say(Msg::discover_from_line, ctx.lang, fmt::arg("value", from)) << '\n';
    if (m.probed) {
      const auto& p = *m.probed;
      const auto why = p.error && !p.error->detail.empty() ? p.error->detail : std::string("-");
      const auto did = p.reachable && p.tls ? std::string(ctx.table.mode(*p.tls).label.in(ctx.lang))
                       : p.reachable        ? say(Msg::discover_no_mode, ctx.lang, fmt::arg("value", why))
                                            : say(Msg::discover_no_answer, ctx.lang, fmt::arg("value", why));
      out << "   " << say(Msg::discover_server_did, ctx.lang, fmt::arg("value", did)) << '\n';
    }
    for (const auto& f : server_findings(m, ctx.table, ctx.lang)) {
      rendered_finding_text(out, ctx, *f.def, f.message, "   ");
    }
  }
}

} // namespace

std::string localized_detail(std::string detail, core::Lang lang)
{
  if (lang == core::Lang::en) {
    return detail;
  }
  for (auto id = static_cast<int>(Msg::detail_not_in); id <= static_cast<int>(Msg::detail_dns_error); ++id) {
    const auto from = text(static_cast<Msg>(id), core::Lang::en);
    const auto to = text(static_cast<Msg>(id), lang);
    for (auto at = detail.find(from); at != std::string::npos; at = detail.find(from, at + to.size())) {
      detail.replace(at, from.size(), to);
    }
  }
  return detail;
}

void discover_text(std::ostream& out, const TextContext& ctx, const DiscoverAnswer& answer)
{
  const auto& lookup = answer.lookup;
  const auto who = lookup.address ? lookup.address->local + "@" + lookup.address->domain : lookup.domain;
  std::size_t found = 0;
  for (const auto& r : answer.sources) {
    found += r.status == discover::SourceStatus::found ? 1 : 0;
  }
  out << ctx.style.bold(say(Msg::discover_heading, ctx.lang, fmt::arg("who", who), fmt::arg("count", found),
                            fmt::arg("total", answer.sources.size())))
      << '\n';
  const auto& d = answer.discovery;
  if (!d.incoming.empty()) {
    out << '\n' << text(Msg::incoming_heading, ctx.lang) << '\n';
    servers_text(out, ctx, answer, d.incoming);
  }
  if (!d.outgoing.empty()) {
    out << '\n' << text(Msg::outgoing_heading, ctx.lang) << '\n';
    servers_text(out, ctx, answer, d.outgoing);
  }
  out << '\n' << text(Msg::discover_sources_heading, ctx.lang) << '\n';
  for (const auto& r : answer.sources) {
    out << say(Msg::discover_source_line, ctx.lang, fmt::arg("mark", status_mark(ctx, r.status)),
               fmt::arg("kind", discover::to_string(r.kind)), fmt::arg("name", r.name),
               fmt::arg("status", text(status_word(r.status), ctx.lang)), fmt::arg("elapsed", r.elapsed.count()))
        << '\n';
    if (!r.detail.empty()) {
      out << "    " << localized_detail(r.detail, ctx.lang) << '\n';
    }
    for (const auto& f : note_findings(r.notes, ctx.table, ctx.lang)) {
      rendered_finding_text(out, ctx, *f.def, f.message, "    ");
    }
  }
}

} // namespace mailports::cli::output
