#include <mailports/cli/output/provider.hpp>

#include <mailports/cli/messages.hpp>

namespace mailports::cli::output {

namespace {

Json server_json(const Lookup& lookup, const engine::JudgedServer& judged,
                 const rules::Table& table, core::Lang lang)
{
  const auto& s = *judged.server;
  Json auth = Json::array();
  for (const auto& kind : s.auth) {
    auth.push_back(kind);
  }
  const auto templ = s.username.value_or("");
  const auto host = s.host.value_or("");
  return Json{{"proto", s.type},
              {"host", fill_for_user(lookup, host, lang)},
              {"host_template", host},
              {"port", *s.port},
              {"tls", core::to_string(*s.tls)},
              {"username", s.username ? Json(fill_for_user(lookup, templ, lang)) : Json(nullptr)},
              {"username_template", s.username ? Json(templ) : Json(nullptr)},
              {"auth", std::move(auth)},
              {"leave_messages_on_server", s.leave_messages_on_server
                                             ? Json(*s.leave_messages_on_server)
                                             : Json(nullptr)},
              {"source", s.source ? Json(*s.source) : Json(nullptr)},
              {"verdict", core::to_string(judged.check.verdict)},
              {"findings", findings_json(judged.check, table, lang)}};
}

Json servers_json(const Lookup& lookup, const std::vector<engine::JudgedServer>& list,
                  const rules::Table& table, core::Lang lang)
{
  Json out = Json::array();
  for (const auto& judged : list) {
    out.push_back(server_json(lookup, judged, table, lang));
  }
  return out;
}

} // namespace

Json advice_json(const Lookup& lookup, const providers::Source& source,
                 const providers::Provider& provider, const engine::ProviderAdvice& advice,
                 const rules::Table& table, core::Lang lang)
{
  Json docs = Json::array();
  for (const auto& url : provider.docs) {
    docs.push_back(url);
  }
  Json notes = Json::array();
  for (const auto& note : provider.notes) {
    notes.push_back(Json{{"source", note.source}, {"text", note.text}});
  }
  Json other = Json::array();
  for (const auto* s : advice.other) {
    other.push_back(Json{{"proto", s->type},
                         {"host", s->host ? Json(fill_for_user(lookup, *s->host, lang)) : Json(nullptr)}});
  }
  const auto email = lookup.address ? Json(lookup.address->local + "@" + lookup.address->domain)
                                    : Json(nullptr);
  return Json{{"schema_version", k_json_schema_version},
              {"found", true},
              {"email", email},
              {"domain", lookup.domain},
              {"provider", Json{{"id", provider.id},
                                {"name", fill_for_user(lookup, provider.name, lang)},
                                {"source", provider_source(source, provider)},
                                {"docs", std::move(docs)},
                                {"oauth2", provider.oauth2},
                                {"notes", std::move(notes)}}},
              {"verdict", core::to_string(advice.verdict)},
              {"ordering", text(Msg::ordering, lang)},
              {"incoming", servers_json(lookup, advice.incoming, table, lang)},
              {"outgoing", servers_json(lookup, advice.outgoing, table, lang)},
              {"other", std::move(other)}};
}

Json not_found_json(const Lookup& lookup)
{
  return Json{{"schema_version", k_json_schema_version},
              {"found", false},
              {"email", lookup.address
                          ? Json(lookup.address->local + "@" + lookup.address->domain)
                          : Json(nullptr)},
              {"domain", lookup.domain}};
}

Json providers_json(const providers::Catalog& catalog,
                    const std::vector<const providers::Provider*>& list)
{
  Json out = Json::array();
  for (const auto* p : list) {
    out.push_back(Json{{"id", p->id}, {"name", p->name}, {"file", p->file}, {"domains", p->domains}});
  }
  return Json{{"schema_version", k_json_schema_version},
              {"source", Json{{"name", catalog.source.name},
                              {"repository", catalog.source.repository},
                              {"commit", catalog.source.commit},
                              {"license", catalog.source.license}}},
              {"providers", std::move(out)}};
}

std::string provider_source(const providers::Source& source, const providers::Provider& p)
{
  std::string out(source.name);
  out += " ";
  out += source.commit.substr(0, 7);
  out += ", ";
  out += p.file;
  return out;
}

std::string fill_for_user(const Lookup& lookup, std::string_view templ, core::Lang lang)
{
  if (lookup.address) {
    return providers::resolve_username(templ, *lookup.address);
  }
  std::string out(templ);
  for (const auto& [placeholder, words] :
       {std::pair{"%EMAILADDRESS%", Msg::your_address},
        std::pair{"%EMAILLOCALPART%", Msg::your_local_part}}) {
    for (auto at = out.find(placeholder); at != std::string::npos; at = out.find(placeholder)) {
      out.replace(at, std::string_view(placeholder).size(), text(words, lang));
    }
  }
  return providers::resolve_username(out, providers::Address{"", lookup.domain});
}

} // namespace mailports::cli::output
