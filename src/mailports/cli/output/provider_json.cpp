#include <mailports/cli/output/provider.hpp>

#include <mailports/cli/messages.hpp>
#include <mailports/util/text.hpp>

#include <fmt/args.h>

#include <algorithm>

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
              {"unverified", s.unverified},
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

Json lang_texts_json(std::span<const providers::LangText> texts)
{
  Json out = Json::array();
  for (const auto& t : texts) {
    out.push_back(Json{{"lang", t.lang}, {"text", t.text}});
  }
  return out;
}

Json auth_facts_json(const providers::Provider& provider, core::Lang lang)
{
  if (!provider.auth_facts) {
    return nullptr;
  }
  const auto& f = *provider.auth_facts;
  return Json{{"kind", providers::to_string(f.kind)},
              {"where", lang == core::Lang::ja ? f.where_ja : f.where_en},
              {"where_en", f.where_en},
              {"where_ja", f.where_ja},
              {"url", f.url},
              {"checked", f.checked},
              {"verified", f.verified}};
}

Json enable_json(const providers::Provider& provider)
{
  if (!provider.enable) {
    return nullptr;
  }
  return Json{{"url", provider.enable->url ? Json(*provider.enable->url) : Json(nullptr)},
              {"instructions", lang_texts_json(provider.enable->instructions)}};
}

Json documentation_json(const providers::Provider& provider)
{
  Json out = Json::array();
  for (const auto& d : provider.documentation) {
    out.push_back(Json{{"url", d.url}, {"descriptions", lang_texts_json(d.descriptions)}});
  }
  return out;
}

Json way_json(const Lookup& lookup, const std::optional<engine::WayForward>& way, core::Lang lang)
{
  if (!way) {
    return nullptr;
  }
  const auto host = fill_for_user(lookup, way->server->host.value_or(""), lang);
  Json suggestions = Json::array();
  for (const auto& s : way->suggestions) {
    suggestions.push_back(Json{{"port", s.port}, {"tls", core::to_string(s.tls)}});
  }
  return Json{{"code", way->def->code},
              {"severity", core::to_string(way->def->severity)},
              {"message", way_message(*way->def, *way->server, host, lang)},
              {"probe", "mailports probe " + host},
              {"check_first", std::move(suggestions)}};
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
    notes.push_back(Json{{"source", note.source}, {"text", note.text}, {"url", note.url},
                         {"text_ja", note.text_ja}});
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
                                {"notes", std::move(notes)},
                                {"ispdb_id", provider.ispdb_id},
                                {"auth_facts", auth_facts_json(provider, lang)},
                                {"enable", enable_json(provider)},
                                {"documentation", documentation_json(provider)}}},
              {"found_by", by_word(lookup.by)},
              {"host", lookup.host.empty() ? Json(nullptr) : Json(lookup.host)},
              {"verdict", core::to_string(advice.verdict)},
              {"ordering", text(Msg::ordering, lang)},
              {"incoming", servers_json(lookup, advice.incoming, table, lang)},
              {"outgoing", servers_json(lookup, advice.outgoing, table, lang)},
              {"other", std::move(other)},
              {"way_forward", Json{{"incoming", way_json(lookup, advice.incoming_way, lang)},
                                   {"outgoing", way_json(lookup, advice.outgoing_way, lang)}}}};
}

Json not_found_json(const Lookup& lookup)
{
  return Json{{"schema_version", k_json_schema_version},
              {"found", false},
              {"email", lookup.address
                          ? Json(lookup.address->local + "@" + lookup.address->domain)
                          : Json(nullptr)},
              {"domain", lookup.domain},
              {"host", lookup.host.empty() ? Json(nullptr) : Json(lookup.host)}};
}

namespace {

Json provider_hosts(const providers::Provider& p)
{
  Json out = Json::array();
  for (const auto* list : {&p.incoming, &p.outgoing}) {
    for (const auto& s : *list) {
      if (s.host && std::find(out.begin(), out.end(), Json(*s.host)) == out.end()) {
        out.push_back(*s.host);
      }
    }
  }
  return out;
}

} // namespace

Json providers_json(const providers::Catalog& catalog,
                    const std::vector<const providers::Provider*>& list)
{
  Json out = Json::array();
  for (const auto* p : list) {
    out.push_back(Json{{"id", p->id}, {"name", p->name}, {"file", p->file}, {"domains", p->domains},
                       {"ispdb_id", p->ispdb_id}, {"hosts", provider_hosts(*p)}});
  }
  return Json{{"schema_version", k_json_schema_version},
              {"source", Json{{"name", catalog.source.name},
                              {"repository", catalog.source.repository},
                              {"commit", catalog.source.commit},
                              {"license", catalog.source.license}}},
              {"providers", std::move(out)}};
}

std::string way_message(const rules::FindingDef& def, const providers::Server& server,
                        const std::string& host, core::Lang lang)
{
  fmt::dynamic_format_arg_store<fmt::format_context> args;
  args.push_back(fmt::arg("value", util::to_upper(server.type)));
  args.push_back(fmt::arg("other", host));
  for (const auto name : rules::k_message_placeholders) {
    if (name != "value" && name != "other") {
      args.push_back(fmt::arg(name.data(), std::string("?")));
    }
  }
  try {
    return fmt::vformat(def.message.in(lang), args);
  } catch (const fmt::format_error&) {
    // The loader rejects bad placeholders; this keeps a hand-built table safe.
    return std::string(def.message.in(lang));
  }
}

std::string server_hosts(const providers::Provider& provider)
{
  std::vector<std::string> hosts;
  for (const auto* list : {&provider.incoming, &provider.outgoing}) {
    for (const auto& s : *list) {
      if (s.host && std::find(hosts.begin(), hosts.end(), *s.host) == hosts.end()) {
        hosts.emplace_back(*s.host);
      }
    }
  }
  std::string out;
  for (const auto& h : hosts) {
    out += (out.empty() ? "" : ", ") + h;
  }
  return out;
}

std::string_view by_word(Lookup::By by) noexcept
{
  switch (by) {
  case Lookup::By::domain:
    return "domain";
  case Lookup::By::host:
    return "host";
  case Lookup::By::server_domain:
    return "server_domain";
  }
  return "domain";
}

std::string_view text_in(std::span<const providers::LangText> texts, core::Lang lang)
{
  const auto wanted = lang == core::Lang::ja ? std::string_view("ja") : std::string_view("en");
  for (const auto want : {wanted, std::string_view("en")}) {
    for (const auto& t : texts) {
      if (t.lang == want) {
        return t.text;
      }
    }
  }
  return texts.empty() ? std::string_view() : std::string_view(texts.front().text);
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
