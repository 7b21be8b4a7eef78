#include <mailports/cli/output/probe.hpp>

#include <mailports/cli/messages.hpp>

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

Json port_json(const ProbedPort& port, const rules::Table& table, core::Lang lang)
{
  const auto& r = *port.report;
  const bool counted = r.reachable || r.named;
  const auto text = [](const auto& v) { return Json(v); };
  return Json{
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
