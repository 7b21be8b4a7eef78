#include <mailports/cli/output/text.hpp>

#include <mailports/cli/messages.hpp>
#include <mailports/engine/lookup.hpp>
#include <mailports/util/text.hpp>

#include <algorithm>
#include <ostream>
#include <string>

namespace mailports::cli::output {

namespace {

std::string proto_display(core::Proto proto)
{
  return util::to_upper(core::to_string(proto));
}

std::string mode_label(const TextContext& ctx, core::TlsMode mode)
{
  return std::string(ctx.table.mode(mode).label.in(ctx.lang));
}

void refs_line(std::ostream& out, const TextContext& ctx, std::string_view indent,
               std::span<const std::string_view> refs)
{
  out << indent << text(Msg::refs, ctx.lang) << ": " << util::join(refs) << '\n';
}

void notes_text(std::ostream& out, const TextContext& ctx,
                const std::vector<const rules::Note*>& notes)
{
  for (const auto* note : notes) {
    out << '\n'
        << ctx.style.bold(std::string(text(Msg::note, ctx.lang)) + ": "
                          + std::string(note->title.in(ctx.lang)))
        << '\n'
        << "  " << note->text.in(ctx.lang) << '\n';
    refs_line(out, ctx, "  ", note->refs);
  }
}

template <typename T>
std::string name_or_any(const TextContext& ctx, const std::optional<T>& value)
{
  return value ? std::string(core::to_string(*value)) : std::string(text(Msg::any, ctx.lang));
}

void finding_text(std::ostream& out, const TextContext& ctx, const engine::CheckResult& result,
                  const engine::Finding& finding, std::string_view indent)
{
  rendered_finding_text(out, ctx, *finding.def, engine::render_message(result, finding, ctx.lang, ctx.table),
                        indent);
}

} // namespace

void auth_line_text(std::ostream& out, const TextContext& ctx, const std::vector<std::string>& kinds,
                    std::string_view indent)
{
  const std::vector<std::string_view> views(kinds.begin(), kinds.end());
  auth_line_text(out, ctx, std::span<const std::string_view>(views), indent);
}

void auth_line_text(std::ostream& out, const TextContext& ctx, std::span<const std::string_view> kinds,
                    std::string_view indent)
{
  if (kinds.empty()) {
    return;
  }
  std::string words;
  for (const auto& kind : kinds) {
    words += (words.empty() ? "" : ", ") + auth_label(kind, ctx.lang);
  }
  out << indent << say(Msg::auth_line, ctx.lang, fmt::arg("value", words)) << '\n';
}

void rendered_finding_text(std::ostream& out, const TextContext& ctx, const rules::FindingDef& def,
                           std::string_view message, std::string_view indent)
{
  const auto severity = def.severity;
  const auto deeper = std::string(indent) + "  ";
  out << indent << ctx.style.severity(severity, severity_label(severity, ctx.lang)) << "  " << def.code << '\n'
      << deeper << message << '\n';
  refs_line(out, ctx, deeper, def.refs);
}

void findings_text(std::ostream& out, const TextContext& ctx, const engine::CheckResult& result,
                   std::string_view indent)
{
  for (const auto& finding : result.findings) {
    finding_text(out, ctx, result, finding, indent);
  }
}

void table_text(std::ostream& out, const std::vector<std::vector<std::string>>& rows,
                const std::vector<std::string>& after_row, const Decorate& decorate)
{
  std::vector<std::size_t> widths;
  for (const auto& row : rows) {
    widths.resize(std::max(widths.size(), row.size()));
    for (std::size_t c = 0; c < row.size(); ++c) {
      widths[c] = std::max(widths[c], util::display_width(row[c]));
    }
  }
  for (std::size_t r = 0; r < rows.size(); ++r) {
    std::string line;
    for (std::size_t c = 0; c < rows[r].size(); ++c) {
      line += decorate ? decorate(r, c, rows[r][c]) : rows[r][c];
      if (c + 1 < rows[r].size()) {
        line += std::string(widths[c] - util::display_width(rows[r][c]) + 2, ' ');
      }
    }
    out << line << '\n';
    if (r < after_row.size() && !after_row[r].empty()) {
      out << after_row[r] << '\n';
    }
  }
}

namespace {

// What a status means for someone choosing a setting: the colour of its cell.
core::Verdict tone_of(core::Status status)
{
  switch (status) {
  case core::Status::recommended:
    return core::Verdict::ok;
  case core::Status::acceptable:
  case core::Status::fallback:
  case core::Status::discouraged:
  case core::Status::not_mail_port:
    return core::Verdict::warning;
  case core::Status::insecure:
  case core::Status::mismatch:
    return core::Verdict::error;
  }
  return core::Verdict::error;
}

constexpr std::size_t k_status_column = 4;

// Colours the STATUS column of an entry table whose row r > 0 is entries[r - 1].
Decorate status_colours(const TextContext& ctx, const std::vector<const rules::Entry*>& entries)
{
  return [&ctx, &entries](std::size_t r, std::size_t c, const std::string& cell) {
    return r > 0 && c == k_status_column ? ctx.style.verdict(tone_of(entries[r - 1]->status), cell)
                                         : cell;
  };
}

// The TLS and role cells. English keeps the codes: they read as English and
// are the very words --tls and --role take. A Japanese reader gets the labels
// check prints (SSL/TLS, STARTTLS, 自動, なし; メールソフト, サーバー間の転送),
// the terms on a mail client's screen.
std::string mode_cell(const TextContext& ctx, const std::optional<core::TlsMode>& mode)
{
  return ctx.lang == core::Lang::en || !mode ? name_or_any(ctx, mode) : mode_label(ctx, *mode);
}

std::string role_cell(const TextContext& ctx, const std::optional<core::Role>& role)
{
  return ctx.lang == core::Lang::en || !role ? name_or_any(ctx, role)
                                             : std::string(role_label(*role, ctx.lang));
}

std::vector<std::string> entry_row(const TextContext& ctx, const rules::Entry& e)
{
  return {name_or_any(ctx, e.proto), std::to_string(e.port), mode_cell(ctx, e.tls),
          role_cell(ctx, e.role),
          std::string(mark(tone_of(e.status))) + " " + std::string(status_label(e.status, ctx.lang)),
          std::string(e.service.value_or("-"))};
}

std::vector<std::string> header_row(const TextContext& ctx)
{
  return {std::string(text(Msg::col_proto, ctx.lang)),  std::string(text(Msg::col_port, ctx.lang)),
          std::string(text(Msg::col_tls, ctx.lang)),    std::string(text(Msg::col_role, ctx.lang)),
          std::string(text(Msg::col_status, ctx.lang)), std::string(text(Msg::col_service, ctx.lang))};
}

} // namespace

void check_text(std::ostream& out, const TextContext& ctx, const engine::CheckResult& result,
                const url::MailUrl* url)
{
  const auto& q = result.query;
  const auto verdict = ctx.style.verdict(
    result.verdict,
    std::string(mark(result.verdict)) + " " + std::string(verdict_label(result.verdict, ctx.lang)));
  const auto heading = say(url != nullptr ? Msg::check_heading_url : Msg::check_heading, ctx.lang,
                           fmt::arg("url", url != nullptr ? url->redacted : std::string()),
                           fmt::arg("proto", proto_display(q.proto)), fmt::arg("port", q.port),
                           fmt::arg("tls", mode_label(ctx, q.tls)),
                           fmt::arg("role", role_label(q.role, ctx.lang)),
                           fmt::arg("verdict", verdict));
  out << heading << '\n';
  if (result.entry != nullptr) {
    out << "  " << result.entry->summary.in(ctx.lang) << '\n';
  }
  for (const auto& finding : result.findings) {
    out << '\n';
    finding_text(out, ctx, result, finding, "  ");
  }
  if (!result.suggestions.empty()) {
    out << '\n' << text(Msg::try_instead, ctx.lang) << '\n';
    for (const auto& s : result.suggestions) {
      out << "  "
          << say(Msg::port_mode, ctx.lang, fmt::arg("port", s.port),
                 fmt::arg("tls", mode_label(ctx, s.tls)))
          << '\n';
    }
  }
}

void recommend_text(std::ostream& out, const TextContext& ctx,
                    const std::vector<engine::Recommendation>& recommendations, core::Proto proto,
                    core::Role role)
{
  out << say(Msg::recommend_heading, ctx.lang, fmt::arg("proto", proto_display(proto)),
             fmt::arg("role", role_label(role, ctx.lang)))
      << '\n';
  std::vector<const rules::Entry*> entries;
  for (const auto& r : recommendations) {
    const auto& e = *r.entry;
    entries.push_back(&e);
    out << '\n'
        << r.rank << ". "
        << ctx.style.bold(say(Msg::port_mode, ctx.lang, fmt::arg("port", e.port),
                              fmt::arg("tls", mode_label(ctx, *e.tls))))
        << "  (" << e.service.value_or("-") << ", " << status_label(e.status, ctx.lang) << ")\n"
        << "   " << e.summary.in(ctx.lang) << '\n';
    refs_line(out, ctx, "   ", e.refs);
  }
  notes_text(out, ctx, engine::notes_for(ctx.table, entries));
}

void ports_text(std::ostream& out, const TextContext& ctx,
                const std::vector<const rules::Entry*>& entries)
{
  std::vector<std::vector<std::string>> rows{header_row(ctx)};
  for (const auto* entry : entries) {
    rows.push_back(entry_row(ctx, *entry));
  }
  table_text(out, rows, {}, status_colours(ctx, entries));
}

void explain_text(std::ostream& out, const TextContext& ctx, std::uint16_t port,
                  const std::vector<const rules::Entry*>& entries)
{
  if (entries.empty()) {
    out << say(Msg::explain_unknown, ctx.lang, fmt::arg("port", port)) << '\n';
    return;
  }
  out << ctx.style.bold(say(Msg::explain_heading, ctx.lang, fmt::arg("port", port))) << "\n\n";
  std::vector<std::vector<std::string>> rows{header_row(ctx)};
  std::vector<std::string> summaries{""};
  for (const auto* entry : entries) {
    rows.push_back(entry_row(ctx, *entry));
    summaries.push_back("    " + std::string(entry->summary.in(ctx.lang)));
  }
  table_text(out, rows, summaries, status_colours(ctx, entries));
  notes_text(out, ctx, engine::notes_for(ctx.table, entries));
}

} // namespace mailports::cli::output
