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
    findings_text(out, ctx, judged.check, "   ");
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
  if (!advice.incoming.empty()) {
    out << '\n' << text(Msg::incoming_heading, ctx.lang) << '\n';
    if (has(advice.incoming, core::Proto::imap) && has(advice.incoming, core::Proto::pop3)) {
      out << text(Msg::imap_first, ctx.lang) << '\n';
    }
    servers_text(out, ctx, lookup, advice.incoming);
  }
  if (!advice.outgoing.empty()) {
    out << '\n' << text(Msg::outgoing_heading, ctx.lang) << '\n';
    servers_text(out, ctx, lookup, advice.outgoing);
  }
  if (!advice.other.empty()) {
    std::string list;
    for (const auto* s : advice.other) {
      list += (list.empty() ? "" : ", ") + std::string(s->type) + (s->host ? " " + fill_for_user(lookup, *s->host, ctx.lang) : "");
    }
    out << '\n' << say(Msg::other_servers, ctx.lang, fmt::arg("value", list)) << '\n';
  }
  for (const auto& note : provider.notes) {
    out << '\n'
        << ctx.style.bold(std::string(text(Msg::note, ctx.lang)) + ": " + std::string(note.source)) << '\n'
        << "  " << note.text << '\n';
  }
  if (!provider.docs.empty()) {
    out << '\n';
  }
  for (const auto& url : provider.docs) {
    out << say(Msg::docs_line, ctx.lang, fmt::arg("value", url)) << '\n';
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
