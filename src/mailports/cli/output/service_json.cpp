#include <mailports/cli/output/service.hpp>

#include <mailports/cli/messages.hpp>

namespace mailports::cli::output {

namespace {

std::string replace_all(std::string_view text, std::string_view from, std::string_view to)
{
  std::string out(text);
  for (auto at = out.find(from); at != std::string::npos; at = out.find(from, at + to.size())) {
    out.replace(at, from.size(), to);
  }
  return out;
}

Json text_json(std::string_view en, std::string_view ja, core::Lang lang)
{
  return Json{{"text", lang == core::Lang::ja ? ja : en}, {"en", en}, {"ja", ja}};
}

Json strings(std::span<const std::string_view> list)
{
  Json out = Json::array();
  for (const auto item : list) {
    out.push_back(item);
  }
  return out;
}

Json sources_json(const providers::Service& s)
{
  Json out = Json::array();
  for (const auto& src : s.sources) {
    out.push_back(Json{{"name", src.name}, {"url", src.url}, {"checked", src.checked}, {"verified", src.verified}});
  }
  return out;
}

} // namespace

std::unique_ptr<FilledService> fill_service(const providers::Service& service, std::string region,
                                            std::string host, bool found_by_host)
{
  auto f = std::make_unique<FilledService>();
  f->service = &service;
  f->region = std::move(region);
  f->host = std::move(host);
  f->found_by_host = found_by_host;
  const auto account = f->host.empty() ? std::string(service.host_pattern.value_or("")) : f->host;
  for (const auto& s : service.servers) {
    auto filled = s;
    filled.host = f->hosts.emplace_back(
      replace_all(replace_all(s.host.value_or(""), "%REGION%", f->region), "%HOST%", account));
    (s.proto == core::Proto::smtp ? f->outgoing : f->incoming).push_back(filled);
  }
  auto& p = f->provider;
  p.id = service.id;
  p.ispdb_id = service.id;
  p.file = "services.json";
  p.name = service.name;
  p.incoming = f->incoming;
  p.outgoing = f->outgoing;
  return f;
}

Json service_json(const FilledService& filled, const engine::ProviderAdvice& advice,
                  const rules::Table& table, core::Lang lang)
{
  const auto& s = *filled.service;
  Lookup lookup;
  lookup.host = filled.host;
  auto out = advice_json(lookup, providers::Source{"mailports", "", "", "", ""}, filled.provider, advice, table, lang);
  out["provider"]["source"] = "data/services.json";
  out["found_by"] = filled.found_by_host ? "host" : std::string(providers::to_string(s.kind));
  // A service has no domain: null, as every other "none" in the contract.
  if (out["domain"] == "") {
    out["domain"] = nullptr;
  }
  // A hosting template asked without --host: no real host name to give, only
  // its pattern (*.sakura.ne.jp), which is not one.
  if (s.host_pattern && filled.host.empty()) {
    for (const auto* list : {"incoming", "outgoing"}) {
      for (auto& server : out[list]) {
        server["host"] = nullptr;
        server["host_template"] = *s.host_pattern;
      }
    }
  }
  Json codes = Json::array();
  for (const auto code : s.codes) {
    if (const auto* def = table.finding(code)) {
      codes.push_back(Json{{"code", def->code}, {"severity", core::to_string(def->severity)},
                           {"message", def->message.in(lang)}, {"refs", strings(def->refs)}});
    }
  }
  Json aliases = Json::array();
  for (const auto a : s.aliases) {
    aliases.push_back(a);
  }
  out["service"] = Json{{"id", s.id},
                        {"kind", providers::to_string(s.kind)},
                        {"name", s.name},
                        {"aliases", std::move(aliases)},
                        {"region", filled.region.empty() ? Json(nullptr) : Json(filled.region)},
                        {"host_pattern", s.host_pattern ? Json(*s.host_pattern) : Json(nullptr)},
                        {"host_example", s.host_example ? Json(*s.host_example) : Json(nullptr)},
                        {"username_rule", text_json(s.username_en, s.username_ja, lang)},
                        {"auth", text_json(s.auth_en, s.auth_ja, lang)},
                        {"findings", std::move(codes)},
                        {"verified", s.verified},
                        {"sources", sources_json(s)}};
  return out;
}

Json services_list_json(const std::vector<const providers::Service*>& list)
{
  Json out = Json::array();
  for (const auto* s : list) {
    Json hosts = Json::array();
    for (const auto& server : s->servers) {
      if (std::find(hosts.begin(), hosts.end(), Json(*server.host)) == hosts.end()) {
        hosts.push_back(*server.host);
      }
    }
    out.push_back(Json{{"id", s->id},
                       {"kind", providers::to_string(s->kind)},
                       {"name", s->name},
                       {"hosts", std::move(hosts)},
                       {"host_pattern", s->host_pattern ? Json(*s->host_pattern) : Json(nullptr)},
                       {"verified", s->verified}});
  }
  return out;
}

} // namespace mailports::cli::output
