#include <mailports/cli/messages.hpp>
#include <mailports/cli/output/discover.hpp>
#include <mailports/cli/output/relay.hpp>

#include <ostream>

namespace mailports::cli::output {

namespace {

Msg dane_word(discover::DaneState state)
{
  switch (state) {
  case discover::DaneState::absent:
    return Msg::relay_dane_absent;
  case discover::DaneState::lookup_failed:
    return Msg::relay_dane_lookup_failed;
  case discover::DaneState::not_validated:
    return Msg::relay_dane_not_validated;
  case discover::DaneState::match:
    return Msg::relay_dane_match;
  case discover::DaneState::mismatch:
    return Msg::relay_dane_mismatch;
  case discover::DaneState::unusable:
    return Msg::relay_dane_unusable;
  case discover::DaneState::not_reached:
    return Msg::relay_dane_not_reached;
  case discover::DaneState::ta_not_checked:
    break;
  }
  return Msg::relay_dane_ta;
}

std::string mark_text(const TextContext& ctx, discover::Mark mark)
{
  switch (mark) {
  case discover::Mark::pass:
    return ctx.style.verdict(core::Verdict::ok, std::string(text(Msg::relay_mark_pass, ctx.lang)));
  case discover::Mark::warning:
    return ctx.style.verdict(core::Verdict::warning, std::string(text(Msg::relay_mark_warning, ctx.lang)));
  case discover::Mark::fail:
    return ctx.style.verdict(core::Verdict::error, std::string(text(Msg::relay_mark_fail, ctx.lang)));
  case discover::Mark::absent:
    return std::string(text(Msg::relay_mark_absent, ctx.lang));
  case discover::Mark::not_judged:
    break;
  }
  return std::string(text(Msg::relay_mark_not_judged, ctx.lang));
}

std::string verdict_text(const TextContext& ctx, core::Verdict verdict)
{
  return ctx.style.verdict(verdict, std::string(mark(verdict)) + " " + std::string(verdict_label(verdict, ctx.lang)));
}

// What port 25 did, the certificate, the policy match and DANE, then the findings.
void mx_body(std::ostream& out, const TextContext& ctx, const discover::MxFacts& m, std::string_view indent)
{
  const auto& p = m.report;
  const auto why = p.error && !p.error->detail.empty() ? p.error->detail : std::string("-");
  std::string did;
  if (p.tls_session) {
    did = "STARTTLS, " + p.tls_session->version + ", " + p.tls_session->cipher;
  } else if (p.reachable) {
    did = say(Msg::discover_no_mode, ctx.lang, fmt::arg("value", why));
  } else {
    did = say(Msg::discover_no_answer, ctx.lang, fmt::arg("value", why));
  }
  out << indent << say(Msg::relay_port_line, ctx.lang, fmt::arg("value", did)) << '\n';
  if (p.tls_session && p.tls_session->certificate) {
    const auto& c = *p.tls_session->certificate;
    const bool valid = c.chain_trusted && c.hostname_match && c.days_left >= 0 && !c.not_yet_valid;
    const auto value = valid ? std::string(text(Msg::relay_cert_valid, ctx.lang))
                             : c.verify_error.value_or(c.chain_error.value_or("-"));
    out << indent << say(Msg::relay_cert_line, ctx.lang, fmt::arg("value", value)) << '\n';
  }
  if (m.in_policy) {
    out << indent
        << say(Msg::relay_policy_line, ctx.lang,
               fmt::arg("value", text(*m.in_policy ? Msg::relay_in_policy : Msg::relay_not_in_policy, ctx.lang)))
        << '\n';
  }
  out << indent << say(Msg::relay_dane_line, ctx.lang, fmt::arg("value", text(dane_word(m.dane), ctx.lang))) << '\n';
  for (const auto& f : m.check.findings) {
    rendered_finding_text(out, ctx, *f.def, engine::render_message(m.check, f, ctx.lang, ctx.table), indent);
  }
  for (const auto& f : note_findings(m.notes, ctx.table, ctx.lang)) {
    rendered_finding_text(out, ctx, *f.def, f.message, indent);
  }
}

std::string sts_value(const TextContext& ctx, const discover::StsFacts& s)
{
  if (s.policy) {
    std::string mx;
    for (const auto& p : s.policy->mx) {
      mx += (mx.empty() ? "" : ", ") + p;
    }
    return say(Msg::relay_sts_policy, ctx.lang, fmt::arg("value", s.record ? s.record->id : std::string("-")),
               fmt::arg("mode", discover::to_string(s.policy->mode)), fmt::arg("max_age", s.policy->max_age),
               fmt::arg("mx", mx));
  }
  if (s.record) {
    return "id " + s.record->id;
  }
  return s.record_error.empty() ? std::string(text(Msg::relay_no_record, ctx.lang)) : s.record_error;
}

} // namespace

void relay_text(std::ostream& out, const TextContext& ctx, const discover::RelayReport& report)
{
  out << ctx.style.bold(say(Msg::relay_heading, ctx.lang, fmt::arg("value", report.domain),
                            fmt::arg("count", report.mxs.size())))
      << "  " << verdict_text(ctx, report.verdict) << '\n';
  int n = 0;
  for (const auto& m : report.mxs) {
    out << '\n'
        << say(Msg::relay_mx_line, ctx.lang, fmt::arg("n", ++n), fmt::arg("preference", m.mx.preference),
               fmt::arg("host", m.mx.host), fmt::arg("verdict", verdict_text(ctx, m.verdict)))
        << '\n';
    mx_body(out, ctx, m, "   ");
  }
  if (report.mx_left_out > 0) {
    out << '\n' << say(Msg::relay_left_out, ctx.lang, fmt::arg("count", report.mx_left_out)) << '\n';
  }
  out << '\n' << text(Msg::relay_domain_heading, ctx.lang) << '\n';
  out << "   " << say(Msg::relay_sts_line, ctx.lang, fmt::arg("value", sts_value(ctx, report.sts))) << '\n';
  std::string rua = report.tls_rpt.error.empty() ? std::string(text(Msg::relay_no_record, ctx.lang)) : report.tls_rpt.error;
  if (report.tls_rpt.record) {
    rua.clear();
    for (const auto& r : report.tls_rpt.record->rua) {
      rua += (rua.empty() ? "rua " : ", ") + r;
    }
  }
  out << "   " << say(Msg::relay_tls_rpt_line, ctx.lang, fmt::arg("value", rua)) << '\n';
  for (const auto& f : note_findings(report.notes, ctx.table, ctx.lang)) {
    rendered_finding_text(out, ctx, *f.def, f.message, "   ");
  }
  const auto& s = report.summary;
  out << '\n' << text(Msg::relay_summary_heading, ctx.lang) << '\n';
  const std::pair<Msg, discover::Mark> rows[] = {
    {Msg::relay_subject_starttls, s.starttls}, {Msg::relay_subject_versions, s.tls_versions},
    {Msg::relay_subject_certificate, s.certificate}, {Msg::relay_subject_mta_sts, s.mta_sts},
    {Msg::relay_subject_tls_rpt, s.tls_rpt}, {Msg::relay_subject_dane, s.dane}};
  std::vector<std::vector<std::string>> table;
  for (const auto& [subject, mark] : rows) {
    table.push_back({"   " + std::string(text(subject, ctx.lang)), mark_text(ctx, mark)});
  }
  table_text(out, table);
}

void relay_host_text(std::ostream& out, const TextContext& ctx, const discover::MxFacts& mx)
{
  out << ctx.style.bold(say(Msg::relay_host_heading, ctx.lang, fmt::arg("value", mx.mx.host))) << "  "
      << verdict_text(ctx, mx.verdict) << '\n';
  mx_body(out, ctx, mx, "   ");
}

} // namespace mailports::cli::output
