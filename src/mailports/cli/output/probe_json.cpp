#include <mailports/cli/output/probe.hpp>

#include <mailports/cli/messages.hpp>
#include <mailports/probe/session.hpp>

namespace mailports::cli::output {

namespace {

template <typename T, typename F>
Json or_null(const std::optional<T>& value, F&& convert)
{
  return value ? convert(*value) : Json(nullptr);
}

Json string_list(const std::vector<std::string>& list)
{
  Json out = Json::array();
  for (const auto& item : list) {
    out.push_back(item);
  }
  return out;
}

std::string_view starttls_result_name(probe::StarttlsResult result)
{
  switch (result) {
  case probe::StarttlsResult::ok:
    return "ok";
  case probe::StarttlsResult::rejected:
    return "rejected";
  case probe::StarttlsResult::failed:
    return "failed";
  }
  return "failed";
}

Json certificate_json(const probe::Certificate& cert)
{
  return Json{{"subject", cert.subject},
              {"issuer", cert.issuer},
              {"sans", string_list(cert.sans)},
              {"not_before", cert.not_before},
              {"not_after", cert.not_after},
              {"days_left", cert.days_left},
              {"hostname_match", cert.hostname_match},
              {"chain_trusted", cert.chain_trusted},
              {"verify_error", or_null(cert.verify_error, [](const auto& v) { return Json(v); })}};
}

Json session_json(const probe::TlsSession& session)
{
  return Json{{"version", session.version},
              {"cipher", session.cipher},
              {"certificate", or_null(session.certificate, certificate_json)}};
}

std::string_view offer_name(probe::ExtraHandshake::Offer offer)
{
  using O = probe::ExtraHandshake::Offer;
  switch (offer) {
  case O::tls1_1: return "tls1.1";
  case O::tls1_0: return "tls1.0";
  case O::ssl3: return "ssl3";
  case O::no_forward_secrecy: return "no-forward-secrecy";
  case O::weak_cipher: return "weak-cipher";
  }
  return "tls1.1";
}

std::string_view outcome_name(probe::ExtraHandshake::Outcome outcome)
{
  using O = probe::ExtraHandshake::Outcome;
  switch (outcome) {
  case O::accepted: return "accepted";
  case O::refused: return "refused";
  case O::unknown: return "unknown";
  }
  return "unknown";
}

Json extra_json(const probe::ExtraHandshake& e, core::Lang lang)
{
  return Json{{"offer", offer_name(e.offer)},
              {"result", outcome_name(e.outcome)},
              {"version", or_null(e.session, [](const auto& s) { return Json(s.version); })},
              {"cipher", or_null(e.session, [](const auto& s) { return Json(s.cipher); })},
              {"error", or_null(e.error, [lang](const auto& err) { return Json(probe_error_text(err, lang)); })},
              {"inferred", e.inferred}};
}

// Issue 16's keys, added after the contract's: the versions and ciphers the
// extra handshakes found, the cleartext check, --as.
void add_depth(Json& out, const probe::PortReport& r, core::Lang lang)
{
  Json extras = Json::array();
  for (const auto& e : r.extra_handshakes) {
    extras.push_back(extra_json(e, lang));
  }
  out["tls_versions_accepted"] = string_list(probe::versions_accepted(r));
  out["tls_versions_refused"] = string_list(probe::versions_refused(r));
  out["extra_handshakes"] = std::move(extras);
  out["cleartext_accepted"] = or_null(r.cleartext_accepted, [](bool v) { return Json(v); });
  out["cleartext_reply"] = or_null(r.cleartext_reply, [](const auto& v) { return Json(v); });
  out["judged_as"] = or_null(r.judged_as, [](std::uint16_t v) { return Json(v); });
}

Json port_json(const ProbedPort& port, const rules::Table& table, core::Lang lang)
{
  const auto& r = *port.report;
  const bool counted = r.reachable || r.named;
  const auto text = [](const auto& v) { return Json(v); };
  Json out{
    {"proto", or_null(r.proto, [](core::Proto p) { return Json(core::to_string(p)); })},
    {"port", r.port},
    {"address", or_null(r.address, text)},
    {"reachable", r.reachable},
    {"tls", or_null(r.tls, [](core::TlsMode m) { return Json(core::to_string(m)); })},
    {"banner", or_null(r.banner, text)},
    {"starttls_offered", or_null(r.starttls_offered, text)},
    {"starttls_result", or_null(r.starttls_result, [](auto v) { return Json(starttls_result_name(v)); })},
    {"tls_session", or_null(r.tls_session, session_json)},
    {"auth_before_tls", or_null(r.auth_before_tls, string_list)},
    {"auth_after_tls", or_null(r.auth_after_tls, string_list)},
    {"error", or_null(r.error, [lang](const auto& e) { return Json(probe_error_text(e, lang)); })},
    {"error_code", or_null(r.error, [](const auto& e) { return Json(probe_error_code(e.kind)); })},
    {"verdict", counted ? core::to_string(port.result.verdict) : "unreachable"},
    {"findings", findings_json(port.result, table, lang)}};
  add_depth(out, r, lang);
  return out;
}

} // namespace

std::string_view probe_error_code(probe::ErrorKind kind) noexcept
{
  using K = probe::ErrorKind;
  switch (kind) {
  case K::refused: return "refused";
  case K::connect_timeout: return "connect-timeout";
  case K::connect_failed: return "connect-failed";
  case K::no_address: return "no-address";
  case K::closed: return "closed";
  case K::timeout: return "timeout";
  case K::line_too_long: return "line-too-long";
  case K::reply_too_long: return "reply-too-long";
  case K::bad_reply: return "bad-reply";
  case K::tls_failed: return "tls-failed";
  case K::starttls_rejected: return "starttls-rejected";
  case K::io_failed: return "io-failed";
  }
  return "io-failed";
}

std::string probe_error_text(const probe::ProbeError& error, core::Lang lang)
{
  const auto id = static_cast<Msg>(static_cast<int>(Msg::perr_refused) + static_cast<int>(error.kind));
  return say(id, lang, fmt::arg("detail", error.detail));
}

Json probe_json(const ProbeSummary& summary, const rules::Table& table, core::Lang lang)
{
  Json results = Json::array();
  for (const auto& port : summary.ports) {
    results.push_back(port_json(port, table, lang));
  }
  return Json{{"schema_version", k_json_schema_version},
              {"host", summary.host},
              {"results", std::move(results)},
              {"verdict", core::to_string(summary.verdict)}};
}

} // namespace mailports::cli::output
