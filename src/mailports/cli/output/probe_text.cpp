#include <mailports/cli/output/probe.hpp>

#include <mailports/cli/messages.hpp>
#include <mailports/probe/session.hpp>
#include <mailports/util/text.hpp>

#include <ostream>

namespace mailports::cli::output {

namespace {

constexpr std::string_view k_indent = "    ";

std::string mode_text(const TextContext& ctx, const probe::PortReport& r)
{
  if (!r.tls) {
    return std::string(text(Msg::probe_mode_unknown, ctx.lang));
  }
  // "STARTTLS (required)" is a client's setting; a server only offers it.
  return *r.tls == core::TlsMode::starttls ? std::string("STARTTLS")
                                           : std::string(ctx.table.mode(*r.tls).label.in(ctx.lang));
}

std::string auth_text(const TextContext& ctx, const std::vector<std::string>& list)
{
  if (list.empty()) {
    return std::string(text(Msg::probe_none, ctx.lang));
  }
  const std::vector<std::string_view> views(list.begin(), list.end());
  return util::join(views, " ");
}

std::string yes_no(const TextContext& ctx, bool value)
{
  return std::string(text(value ? Msg::yes : Msg::no, ctx.lang));
}

// "valid until ... (30 days left)", or "(expired 11 days ago)": never a
// negative count of days left.
std::string validity_text(const TextContext& ctx, const probe::Certificate& c)
{
  if (c.days_left >= 0) {
    return say(Msg::probe_cert_valid, ctx.lang, fmt::arg("not_after", c.not_after), fmt::arg("days", c.days_left));
  }
  const auto ago = c.days_expired;
  const auto msg = ago == 0 ? Msg::probe_cert_expired_today : ago == 1 ? Msg::probe_cert_expired_day : Msg::probe_cert_expired;
  return say(msg, ctx.lang, fmt::arg("not_after", c.not_after), fmt::arg("days", ago));
}

// "no (unable to get local issuer certificate)": the reason is what a user
// needs to fix it, and the text must not send them to --json for it.
std::string trusted_text(const TextContext& ctx, const probe::Certificate& c)
{
  const auto& reason = c.chain_error ? c.chain_error : c.verify_error;
  if (c.chain_trusted || !reason) {
    return yes_no(ctx, c.chain_trusted);
  }
  // OpenSSL's words are English: the common reasons in the user's language.
  using Problem = probe::Certificate::ChainProblem;
  const auto words = [&]() -> std::string {
    if (!c.chain_error || ctx.lang == core::Lang::en) {
      return *reason;
    }
    switch (c.chain_problem) {
    case Problem::self_signed:
      return std::string(text(Msg::chain_self_signed, ctx.lang));
    case Problem::self_signed_in_chain:
      return std::string(text(Msg::chain_self_signed_in_chain, ctx.lang));
    case Problem::unknown_issuer:
      return std::string(text(Msg::chain_unknown_issuer, ctx.lang));
    case Problem::other:
      break;
    }
    return *reason;
  }();
  return say(Msg::probe_untrusted_because, ctx.lang, fmt::arg("reason", words));
}

void field(std::ostream& out, const TextContext& ctx, Msg label, const std::string& value)
{
  out << k_indent << text(label, ctx.lang) << ": " << value << '\n';
}

void session_text(std::ostream& out, const TextContext& ctx, const probe::TlsSession& session)
{
  out << k_indent << "TLS: " << session.version << ", " << session.cipher << '\n';
  if (!session.certificate) {
    field(out, ctx, Msg::probe_certificate, std::string(text(Msg::probe_no_certificate, ctx.lang)));
    return;
  }
  const auto& c = *session.certificate;
  field(out, ctx, Msg::probe_certificate,
        say(Msg::probe_cert_line, ctx.lang, fmt::arg("subject", c.subject), fmt::arg("issuer", c.issuer),
            fmt::arg("validity", validity_text(ctx, c)), fmt::arg("match", yes_no(ctx, c.hostname_match)),
            fmt::arg("trusted", trusted_text(ctx, c))));
}

std::string list_text(const std::vector<std::string>& list)
{
  const std::vector<std::string_view> views(list.begin(), list.end());
  return util::join(views, ", ");
}

// The extra handshakes (issue 16): versions in one line, each cipher try in its own.
void depth_text(std::ostream& out, const TextContext& ctx, const probe::PortReport& r)
{
  using Offer = probe::ExtraHandshake::Offer;
  using Outcome = probe::ExtraHandshake::Outcome;
  if (r.extra_handshakes.empty()) {
    return;
  }
  const auto accepted = probe::versions_accepted(r);
  const auto refused = probe::versions_refused(r);
  field(out, ctx, Msg::probe_versions,
        refused.empty() ? list_text(accepted)
                        : say(Msg::probe_versions_refused, ctx.lang, fmt::arg("accepted", list_text(accepted)),
                              fmt::arg("refused", list_text(refused))));
  for (const auto& e : r.extra_handshakes) {
    if (e.offer != Offer::no_forward_secrecy && e.offer != Offer::weak_cipher) {
      continue;
    }
    std::string value;
    if (e.outcome == Outcome::accepted && e.session) {
      value = say(Msg::probe_accepted_cipher, ctx.lang, fmt::arg("cipher", e.session->cipher));
    } else if (e.outcome == Outcome::refused) {
      value = std::string(text(Msg::probe_refused, ctx.lang));
    } else {
      value = say(Msg::probe_not_known, ctx.lang,
                  fmt::arg("reason", e.error ? probe_error_text(*e.error, ctx.lang) : std::string()));
    }
    field(out, ctx, e.offer == Offer::no_forward_secrecy ? Msg::probe_no_fs : Msg::probe_weak_cipher, value);
  }
}

void cleartext_text(std::ostream& out, const TextContext& ctx, const probe::PortReport& r)
{
  if (!r.cleartext_accepted) {
    return;
  }
  std::string value;
  if (!r.cleartext_reply) { // IMAP: read from CAPABILITY, nothing was sent
    value = std::string(text(*r.cleartext_accepted ? Msg::probe_cleartext_accepted : Msg::probe_refused, ctx.lang));
  } else {
    value = say(*r.cleartext_accepted ? Msg::probe_cleartext_accepted_reply : Msg::probe_cleartext_refused_reply,
                ctx.lang, fmt::arg("reply", *r.cleartext_reply));
  }
  field(out, ctx, Msg::probe_cleartext, value);
}

void judged_as_text(std::ostream& out, const TextContext& ctx, const probe::PortReport& r)
{
  if (!r.judged_as) {
    return;
  }
  std::string_view service;
  for (const auto& entry : ctx.table.entries) {
    if (entry.port == *r.judged_as && entry.service && (!r.proto || entry.matches(*r.proto))) {
      service = *entry.service;
      break;
    }
  }
  field(out, ctx, Msg::probe_judged_as,
        say(Msg::probe_judged_as_value, ctx.lang, fmt::arg("service", service), fmt::arg("port", *r.judged_as)));
}

void port_text(std::ostream& out, const TextContext& ctx, const ProbedPort& port)
{
  const auto& r = *port.report;
  const auto name = r.proto ? util::to_upper(core::to_string(*r.proto)) + " " + std::to_string(r.port)
                            : say(Msg::probe_port_unknown_proto, ctx.lang, fmt::arg("port", r.port));
  if (!r.reachable && !r.named) {
    out << "- " << name << "  "
        << say(Msg::probe_unreachable, ctx.lang,
               fmt::arg("error", r.error ? probe_error_text(*r.error, ctx.lang) : std::string()))
        << '\n';
    return;
  }
  const auto verdict = port.result.verdict;
  out << ctx.style.verdict(verdict, std::string(mark(verdict))) << ' ' << ctx.style.bold(name) << "  "
      << mode_text(ctx, r);
  if (r.address) {
    out << "  " << *r.address;
  }
  out << "  " << ctx.style.verdict(verdict, std::string(verdict_label(verdict, ctx.lang))) << '\n';
  judged_as_text(out, ctx, r);
  if (r.banner) {
    field(out, ctx, Msg::probe_greeting, *r.banner);
  }
  if (r.starttls_offered) {
    field(out, ctx, Msg::probe_starttls_offered, yes_no(ctx, *r.starttls_offered));
  }
  cleartext_text(out, ctx, r);
  if (r.tls_session) {
    session_text(out, ctx, *r.tls_session);
    depth_text(out, ctx, r);
  }
  if (r.auth_before_tls) {
    field(out, ctx, Msg::probe_auth_before, auth_text(ctx, *r.auth_before_tls));
  }
  if (r.auth_after_tls) {
    field(out, ctx, Msg::probe_auth_after, auth_text(ctx, *r.auth_after_tls));
  }
  if (r.error) {
    out << k_indent << probe_error_text(*r.error, ctx.lang) << '\n';
  }
  if (!port.result.findings.empty()) {
    out << '\n';
    findings_text(out, ctx, port.result, k_indent);
  }
}

} // namespace

void probe_text(std::ostream& out, const TextContext& ctx, const ProbeSummary& summary)
{
  out << say(Msg::probe_heading, ctx.lang, fmt::arg("host", summary.host),
             fmt::arg("count", summary.ports.size()))
      << '\n';
  for (const auto& port : summary.ports) {
    out << '\n';
    port_text(out, ctx, port);
  }
  const auto overall = std::string(mark(summary.verdict)) + " "
                       + std::string(verdict_label(summary.verdict, ctx.lang));
  out << '\n'
      << say(Msg::probe_overall, ctx.lang, fmt::arg("verdict", ctx.style.verdict(summary.verdict, overall)))
      << '\n';
}

} // namespace mailports::cli::output
