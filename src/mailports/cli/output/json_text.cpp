#include <mailports/cli/output/json_text.hpp>

#include <mailports/cli/messages.hpp>
#include <mailports/cli/output/json_writer.hpp>
#include <mailports/engine/lookup.hpp>

namespace mailports::cli::output {

namespace {

// Each writer below mirrors its namesake in json.cpp or provider_json.cpp,
// member for member.

template <typename T>
void name_or_any(JsonWriter& w, std::string_view name, const std::optional<T>& value)
{
  w.field(name, value ? core::to_string(*value) : std::string_view("any"));
}

void strings(JsonWriter& w, std::string_view name, std::span<const std::string_view> list)
{
  w.key(name).begin_array();
  for (const auto item : list) {
    w.value(item);
  }
  w.end_array();
}

void optional_string(JsonWriter& w, std::string_view name, const std::optional<std::string_view>& value)
{
  if (value) {
    w.field(name, *value);
  } else {
    w.null_field(name);
  }
}

void entry_json(JsonWriter& w, const rules::Entry& e, core::Lang lang)
{
  w.begin_object();
  name_or_any(w, "proto", e.proto);
  w.field("port", e.port);
  name_or_any(w, "tls", e.tls);
  name_or_any(w, "role", e.role);
  w.field("status", core::to_string(e.status));
  if (e.rank == 0) {
    w.null_field("rank");
  } else {
    w.field("rank", e.rank);
  }
  optional_string(w, "service", e.service);
  w.field("summary", e.summary.in(lang));
  strings(w, "refs", e.refs);
  strings(w, "findings", e.findings);
  strings(w, "notes", e.notes);
  w.end_object();
}

void notes_json(JsonWriter& w, const std::vector<const rules::Note*>& notes, core::Lang lang)
{
  w.key("notes").begin_array();
  for (const auto* note : notes) {
    w.begin_object()
      .field("id", note->id)
      .field("title", note->title.in(lang))
      .field("text", note->text.in(lang));
    strings(w, "refs", note->refs);
    w.end_object();
  }
  w.end_array();
}

void entries_array(JsonWriter& w, const std::vector<const rules::Entry*>& entries, core::Lang lang)
{
  w.key("entries").begin_array();
  for (const auto* entry : entries) {
    entry_json(w, *entry, lang);
  }
  w.end_array();
}

void findings_json(JsonWriter& w, const engine::CheckResult& result, const rules::Table& table,
                   core::Lang lang)
{
  w.key("findings").begin_array();
  for (const auto& f : result.findings) {
    w.begin_object()
      .field("code", f.def->code)
      .field("severity", core::to_string(f.def->severity))
      .field("message", engine::render_message(result, f, lang, table));
    strings(w, "refs", f.def->refs);
    w.end_object();
  }
  w.end_array();
}

void suggestions_json(JsonWriter& w, std::string_view name, const std::vector<engine::Suggestion>& list)
{
  w.key(name).begin_array();
  for (const auto& s : list) {
    w.begin_object().field("port", s.port).field("tls", core::to_string(s.tls)).end_object();
  }
  w.end_array();
}

void server_json(JsonWriter& w, const Lookup& lookup, const engine::JudgedServer& judged,
                 const rules::Table& table, core::Lang lang)
{
  const auto& s = *judged.server;
  const auto templ = s.username.value_or("");
  const auto host = s.host.value_or("");
  w.begin_object()
    .field("proto", s.type)
    .field("host", fill_for_user(lookup, host, lang))
    .field("host_template", host)
    .field("port", *s.port)
    .field("tls", core::to_string(*s.tls));
  if (s.username) {
    w.field("username", fill_for_user(lookup, templ, lang)).field("username_template", templ);
  } else {
    w.null_field("username").null_field("username_template");
  }
  strings(w, "auth", s.auth);
  if (s.leave_messages_on_server) {
    w.field("leave_messages_on_server", *s.leave_messages_on_server);
  } else {
    w.null_field("leave_messages_on_server");
  }
  optional_string(w, "source", s.source);
  w.field("unverified", s.unverified).field("verdict", core::to_string(judged.check.verdict));
  findings_json(w, judged.check, table, lang);
  w.end_object();
}

void servers_json(JsonWriter& w, std::string_view name, const Lookup& lookup,
                  const std::vector<engine::JudgedServer>& list, const rules::Table& table,
                  core::Lang lang)
{
  w.key(name).begin_array();
  for (const auto& judged : list) {
    server_json(w, lookup, judged, table, lang);
  }
  w.end_array();
}

void lang_texts_json(JsonWriter& w, std::string_view name, std::span<const providers::LangText> texts)
{
  w.key(name).begin_array();
  for (const auto& t : texts) {
    w.begin_object().field("lang", t.lang).field("text", t.text).end_object();
  }
  w.end_array();
}

void auth_facts_json(JsonWriter& w, const providers::Provider& provider, core::Lang lang)
{
  if (!provider.auth_facts) {
    w.null_field("auth_facts");
    return;
  }
  const auto& f = *provider.auth_facts;
  w.key("auth_facts")
    .begin_object()
    .field("kind", providers::to_string(f.kind))
    .field("where", lang == core::Lang::ja ? f.where_ja : f.where_en)
    .field("where_en", f.where_en)
    .field("where_ja", f.where_ja)
    .field("url", f.url)
    .field("checked", f.checked)
    .field("verified", f.verified)
    .end_object();
}

void enable_json(JsonWriter& w, const providers::Provider& provider)
{
  if (!provider.enable) {
    w.null_field("enable");
    return;
  }
  w.key("enable").begin_object();
  optional_string(w, "url", provider.enable->url);
  lang_texts_json(w, "instructions", provider.enable->instructions);
  w.end_object();
}

void documentation_json(JsonWriter& w, const providers::Provider& provider)
{
  w.key("documentation").begin_array();
  for (const auto& d : provider.documentation) {
    w.begin_object().field("url", d.url);
    lang_texts_json(w, "descriptions", d.descriptions);
    w.end_object();
  }
  w.end_array();
}

void way_json(JsonWriter& w, std::string_view name, const Lookup& lookup,
              const std::optional<engine::WayForward>& way, core::Lang lang)
{
  if (!way) {
    w.null_field(name);
    return;
  }
  const auto host = fill_for_user(lookup, way->server->host.value_or(""), lang);
  w.key(name)
    .begin_object()
    .field("code", way->def->code)
    .field("severity", core::to_string(way->def->severity))
    .field("message", way_message(*way->def, *way->server, host, lang))
    .field("probe", "mailports probe " + host);
  suggestions_json(w, "check_first", way->suggestions);
  w.end_object();
}

void write_check(JsonWriter& w, const engine::CheckResult& result, const rules::Table& table,
                 core::Lang lang, const url::MailUrl* url)
{
  const auto& q = result.query;
  const auto* entry = result.entry;
  w.begin_object()
    .field("schema_version", k_json_schema_version)
    .field("proto", core::to_string(q.proto))
    .field("port", q.port)
    .field("tls", core::to_string(q.tls))
    .field("tls_stated", q.tls_stated)
    .field("role", core::to_string(q.role));
  if (url != nullptr) {
    w.field("url", url->redacted).field("host", url->host);
  } else {
    w.null_field("url").null_field("host");
  }
  if (entry != nullptr) {
    optional_string(w, "service", entry->service);
    w.field("status", core::to_string(entry->status));
  } else {
    w.null_field("service").null_field("status");
  }
  w.field("verdict", core::to_string(result.verdict));
  findings_json(w, result, table, lang);
  suggestions_json(w, "suggestions", result.suggestions);
  w.end_object();
}

} // namespace

std::string check_json_text(const engine::CheckResult& result, const rules::Table& table,
                            core::Lang lang, const url::MailUrl* url)
{
  JsonWriter w;
  write_check(w, result, table, lang, url);
  return std::move(w).finish("\n");
}

std::string check_json_compact(const engine::CheckResult& result, const rules::Table& table,
                               core::Lang lang, const url::MailUrl* url)
{
  JsonWriter w(-1, 1024);
  write_check(w, result, table, lang, url);
  return std::move(w).finish();
}

std::string recommend_json_text(const std::vector<engine::Recommendation>& recommendations,
                                core::Proto proto, core::Role role, core::TlsMode prefer,
                                const rules::Table& table, core::Lang lang)
{
  JsonWriter w;
  w.begin_object()
    .field("schema_version", k_json_schema_version)
    .field("proto", core::to_string(proto))
    .field("role", core::to_string(role))
    .field("prefer", core::to_string(prefer));
  w.key("recommendations").begin_array();
  std::vector<const rules::Entry*> entries;
  for (const auto& r : recommendations) {
    const auto& e = *r.entry;
    entries.push_back(&e);
    w.begin_object().field("rank", r.rank).field("port", e.port);
    name_or_any(w, "tls", e.tls);
    optional_string(w, "service", e.service);
    w.field("status", core::to_string(e.status)).field("summary", e.summary.in(lang));
    strings(w, "refs", e.refs);
    strings(w, "findings", e.findings);
    w.end_object();
  }
  w.end_array();
  notes_json(w, engine::notes_for(table, entries), lang);
  w.end_object();
  return std::move(w).finish("\n");
}

std::string ports_json_text(const std::vector<const rules::Entry*>& entries,
                            const rules::Table& table, core::Lang lang)
{
  JsonWriter w(2, 16 * 1024); // the whole table: ~15 kB
  w.begin_object().field("schema_version", k_json_schema_version);
  w.key("rules").begin_object().field("version", table.version).field("date", table.date).end_object();
  entries_array(w, entries, lang);
  w.end_object();
  return std::move(w).finish("\n");
}

std::string explain_json_text(std::uint16_t port, const std::vector<const rules::Entry*>& entries,
                              const rules::Table& table, core::Lang lang)
{
  JsonWriter w;
  w.begin_object()
    .field("schema_version", k_json_schema_version)
    .field("port", port)
    .field("known", !entries.empty());
  entries_array(w, entries, lang);
  notes_json(w, engine::notes_for(table, entries), lang);
  w.end_object();
  return std::move(w).finish("\n");
}

std::string advice_json_text(const Lookup& lookup, const providers::Source& source,
                             const providers::Provider& provider,
                             const engine::ProviderAdvice& advice, const rules::Table& table,
                             core::Lang lang)
{
  JsonWriter w(2, 8 * 1024); // Gmail's: ~6.6 kB
  w.begin_object().field("schema_version", k_json_schema_version).field("found", true);
  if (lookup.address) {
    w.field("email", lookup.address->local + "@" + lookup.address->domain);
  } else {
    w.null_field("email");
  }
  w.field("domain", lookup.domain);
  w.key("provider")
    .begin_object()
    .field("id", provider.id)
    .field("name", fill_for_user(lookup, provider.name, lang))
    .field("source", provider_source(source, provider));
  strings(w, "docs", provider.docs);
  w.field("oauth2", provider.oauth2);
  w.key("notes").begin_array();
  for (const auto& note : provider.notes) {
    w.begin_object()
      .field("source", note.source)
      .field("text", note.text)
      .field("url", note.url)
      .field("text_ja", note.text_ja)
      .end_object();
  }
  w.end_array();
  w.field("ispdb_id", provider.ispdb_id);
  auth_facts_json(w, provider, lang);
  enable_json(w, provider);
  documentation_json(w, provider);
  w.end_object();
  w.field("found_by", by_word(lookup.by));
  if (lookup.host.empty()) {
    w.null_field("host");
  } else {
    w.field("host", lookup.host);
  }
  w.field("verdict", core::to_string(advice.verdict)).field("ordering", text(Msg::ordering, lang));
  servers_json(w, "incoming", lookup, advice.incoming, table, lang);
  servers_json(w, "outgoing", lookup, advice.outgoing, table, lang);
  w.key("other").begin_array();
  for (const auto* s : advice.other) {
    w.begin_object().field("proto", s->type);
    if (s->host) {
      w.field("host", fill_for_user(lookup, *s->host, lang));
    } else {
      w.null_field("host");
    }
    w.end_object();
  }
  w.end_array();
  w.key("way_forward").begin_object();
  way_json(w, "incoming", lookup, advice.incoming_way, lang);
  way_json(w, "outgoing", lookup, advice.outgoing_way, lang);
  w.end_object();
  w.end_object();
  return std::move(w).finish("\n");
}

} // namespace mailports::cli::output
