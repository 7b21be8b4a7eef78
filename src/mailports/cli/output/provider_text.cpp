#include <mailports/cli/output/provider.hpp>

#include <mailports/cli/messages.hpp>
#include <mailports/util/text.hpp>

#include <ostream>

namespace mailports::cli::output {

namespace {

void servers_text(std::ostream& out, const TextContext& ctx, const Lookup& lookup,
                  const std::vector<engine::JudgedServer>& list)
{
  int n = 0;
  for (const auto& judged : list) {
    const auto& s = *judged.server;
    const auto verdict = judged.check.verdict;
    out << say(Msg::server_line, ctx.lang, fmt::arg("n", ++n),
               fmt::arg("proto", util::to_upper(s.type)),
               fmt::arg("host", fill_for_user(lookup, s.host.value_or(""), ctx.lang)),
               fmt::arg("port", *s.port),
               fmt::arg("tls", ctx.table.mode(*s.tls).label.in(ctx.lang)),
               fmt::arg("verdict", ctx.style.verdict(verdict, std::string(mark(verdict)) + " "
                                                                 + std::string(verdict_label(verdict, ctx.lang)))))
        << '\n';
    if (s.username) {
      out << "   "
          << say(Msg::username_line, ctx.lang,
                 fmt::arg("value", fill_for_user(lookup, *s.username, ctx.lang)))
          << '\n';
    }
    auth_line_text(out, ctx, s.auth, "   ");
    if (s.leave_messages_on_server) {
      out << "   "
          << say(Msg::leave_line, ctx.lang,
                 fmt::arg("value", text(*s.leave_messages_on_server ? Msg::yes : Msg::no, ctx.lang)))
          << '\n';
    }
    if (s.unverified) {
      out << "   " << text(lookup.service ? Msg::service_server_unverified : Msg::server_unverified, ctx.lang)
          << '\n';
    }
    findings_text(out, ctx, judged.check, "   ");
  }
}

void way_text(std::ostream& out, const TextContext& ctx, const Lookup& lookup,
              const std::optional<engine::WayForward>& way)
{
  if (!way) {
    return;
  }
  const auto host = fill_for_user(lookup, way->server->host.value_or(""), ctx.lang);
  out << '\n';
  rendered_finding_text(out, ctx, *way->def,
                        way_message(*way->def, *way->server, host, ctx.lang), "  ");
  if (!way->suggestions.empty()) {
    out << "  " << text(Msg::way_checks, ctx.lang) << '\n';
    for (const auto& s : way->suggestions) {
      out << "    "
          << say(Msg::port_mode, ctx.lang, fmt::arg("port", s.port),
                 fmt::arg("tls", ctx.table.mode(s.tls).label.in(ctx.lang)))
          << '\n';
    }
  }
}

Msg auth_kind_msg(providers::AuthKind kind) noexcept
{
  switch (kind) {
  case providers::AuthKind::oauth2_only:
    return Msg::auth_kind_oauth2_only;
  case providers::AuthKind::app_password:
    return Msg::auth_kind_app_password;
  case providers::AuthKind::password:
    return Msg::auth_kind_password;
  }
  return Msg::auth_kind_password;
}

void sign_in_text(std::ostream& out, const TextContext& ctx, const providers::Provider& provider)
{
  if (const auto& f = provider.auth_facts) {
    out << '\n'
        << ctx.style.bold(say(Msg::auth_facts_heading, ctx.lang,
                              fmt::arg("kind", text(auth_kind_msg(f->kind), ctx.lang))))
        << '\n'
        << "  " << (ctx.lang == core::Lang::ja ? f->where_ja : f->where_en) << '\n'
        << "  " << say(Msg::auth_facts_source, ctx.lang, fmt::arg("url", f->url), fmt::arg("date", f->checked))
        << '\n';
    if (!f->verified) {
      out << "  " << text(Msg::auth_facts_unverified, ctx.lang) << '\n';
    }
  }
  if (const auto& e = provider.enable) {
    out << '\n' << ctx.style.bold(std::string(text(Msg::enable_heading, ctx.lang))) << '\n';
    if (const auto instruction = text_in(e->instructions, ctx.lang); !instruction.empty()) {
      out << "  " << instruction << '\n';
    }
    if (e->url) {
      out << "  " << say(Msg::enable_visit, ctx.lang, fmt::arg("value", *e->url)) << '\n';
    }
  }
}

bool has(const std::vector<engine::JudgedServer>& list, core::Proto proto)
{
  return std::any_of(list.begin(), list.end(),
                     [proto](const engine::JudgedServer& s) { return s.server->proto == proto; });
}

} // namespace

void advice_text(std::ostream& out, const TextContext& ctx, const Lookup& lookup,
                 const providers::Source& source, const providers::Provider& provider,
                 const engine::ProviderAdvice& advice)
{
  const auto who = lookup.address ? lookup.address->local + "@" + lookup.address->domain
                                  : lookup.domain;
  out << ctx.style.bold(say(Msg::provider_heading, ctx.lang, fmt::arg("who", who),
                            fmt::arg("name", fill_for_user(lookup, provider.name, ctx.lang)),
                            fmt::arg("file", provider.file),
                            fmt::arg("source", source.name)))
      << '\n';
  if (lookup.by == Lookup::By::host) {
    out << say(Msg::found_by_host, ctx.lang, fmt::arg("host", lookup.host)) << '\n';
  } else if (lookup.by == Lookup::By::server_domain) {
    out << say(Msg::found_by_server_domain, ctx.lang, fmt::arg("domain", lookup.domain),
               fmt::arg("value", server_hosts(provider)))
        << '\n';
  }
  if (!lookup.others.empty()) {
    std::string list;
    for (const auto* p : lookup.others) {
      list += list.empty() ? "" : ", ";
      list += p->id;
    }
    out << say(Msg::host_also_of, ctx.lang, fmt::arg("value", list)) << '\n';
  }
  advice_body_text(out, ctx, lookup, provider, advice);
}

void advice_body_text(std::ostream& out, const TextContext& ctx, const Lookup& lookup,
                      const providers::Provider& provider, const engine::ProviderAdvice& advice)
{
  sign_in_text(out, ctx, provider);
  if (!advice.incoming.empty()) {
    out << '\n' << text(Msg::incoming_heading, ctx.lang) << '\n';
    if (has(advice.incoming, core::Proto::imap) && has(advice.incoming, core::Proto::pop3)
        && advice.incoming.front().server->proto == core::Proto::imap) {
      out << text(Msg::imap_first, ctx.lang) << '\n';
    }
    servers_text(out, ctx, lookup, advice.incoming);
    way_text(out, ctx, lookup, advice.incoming_way);
  }
  if (!advice.outgoing.empty()) {
    out << '\n' << text(Msg::outgoing_heading, ctx.lang) << '\n';
    servers_text(out, ctx, lookup, advice.outgoing);
    way_text(out, ctx, lookup, advice.outgoing_way);
  }
  if (!advice.other.empty()) {
    std::string list;
    for (const auto* s : advice.other) {
      list += (list.empty() ? "" : ", ") + std::string(s->type) + (s->host ? " " + fill_for_user(lookup, *s->host, ctx.lang) : "");
    }
    out << '\n' << say(Msg::other_servers, ctx.lang, fmt::arg("value", list)) << '\n';
  }
  for (const auto& note : provider.notes) {
    const auto cited = note.url.empty() ? std::string(note.source)
                                        : say(Msg::note_source_line, ctx.lang, fmt::arg("source", note.source),
                                              fmt::arg("url", note.url));
    const auto& words = ctx.lang == core::Lang::ja && !note.text_ja.empty() ? note.text_ja : note.text;
    out << '\n'
        << ctx.style.bold(std::string(text(Msg::note, ctx.lang)) + ": " + cited) << '\n'
        << "  " << words << '\n';
  }
  if (!provider.docs.empty()) {
    out << '\n';
  }
  // documentation has docs' URLs with ISPDB's descriptions (schema 2);
  // a schema 1 file has only docs.
  for (const auto& url : provider.docs) {
    std::string_view descr;
    for (const auto& d : provider.documentation) {
      if (d.url == url) {
        descr = text_in(d.descriptions, ctx.lang);
        break;
      }
    }
    const auto value = descr.empty() ? std::string(url) : std::string(url) + " (" + std::string(descr) + ")";
    out << say(Msg::docs_line, ctx.lang, fmt::arg("value", value)) << '\n';
  }
}

void providers_text(std::ostream& out, const TextContext& ctx,
                    const std::vector<const providers::Provider*>& list)
{
  std::vector<std::vector<std::string>> rows{{std::string(text(Msg::col_id, ctx.lang)),
                                              std::string(text(Msg::col_name, ctx.lang)),
                                              std::string(text(Msg::col_domains, ctx.lang))}};
  for (const auto* p : list) {
    std::string domains;
    for (const auto& d : p->domains) {
      domains += (domains.empty() ? "" : " ") + std::string(d);
    }
    rows.push_back({std::string(p->id), std::string(p->name), domains});
  }
  table_text(out, rows);
}

} // namespace mailports::cli::output
