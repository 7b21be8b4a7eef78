#include <mailports/discover/merge.hpp>

#include <mailports/engine/provider.hpp>
#include <mailports/probe/judge.hpp>
#include <mailports/util/text.hpp>

#include <fmt/args.h>
#include <fmt/format.h>

#include <algorithm>
#include <tuple>

namespace mailports::discover {

namespace {

void add_note(std::vector<Note>& notes, const Note& note)
{
  if (std::find(notes.begin(), notes.end(), note) == notes.end()) {
    notes.push_back(note);
  }
}

bool same_setting(const FoundServer& a, const FoundServer& b)
{
  return a.proto == b.proto && a.host == b.host && a.port == b.port && a.tls == b.tls;
}

std::string setting_text(const FoundServer& s)
{
  return util::to_upper(core::to_string(s.proto)) + " " + s.host + ":" + std::to_string(s.port);
}

std::vector<MergedServer> join(const std::vector<SourceReport>& reports, bool outgoing)
{
  std::vector<MergedServer> out;
  for (std::size_t i = 0; i < reports.size(); ++i) {
    for (const auto& found : outgoing ? reports[i].outgoing : reports[i].incoming) {
      auto at = std::find_if(out.begin(), out.end(),
                             [&](const MergedServer& m) { return same_setting(m.server, found); });
      if (at == out.end()) {
        MergedServer merged;
        merged.server = found;
        merged.server.notes.clear();
        out.push_back(std::move(merged));
        at = std::prev(out.end());
      } else {
        // The first source that names a user name or methods gives them.
        if (at->server.username.empty()) {
          at->server.username = found.username;
        }
        if (at->server.auth.empty()) {
          at->server.auth = found.auth;
        }
      }
      if (std::find(at->sources.begin(), at->sources.end(), i) == at->sources.end()) {
        at->sources.push_back(i);
      }
      for (const auto& note : found.notes) {
        add_note(at->notes, note);
      }
      if (found.probed && !at->probed) {
        at->probed = found.probed;
      }
    }
  }
  return out;
}

// A server that only plain-HTTP autoconfig answers named: unauthenticated.
void mark_unauthenticated(std::vector<MergedServer>& list, const std::vector<SourceReport>& reports)
{
  for (auto& m : list) {
    const bool only_http = std::all_of(m.sources.begin(), m.sources.end(), [&](std::size_t i) {
      return reports[i].kind == SourceKind::autoconfig && reports[i].over_http;
    });
    if (only_http && !m.sources.empty()) {
      add_note(m.notes, Note{rules::codes::autoconfig_http_only, reports[m.sources.front()].name, {}, {}, {}});
    }
  }
}

// Sources disagree on a protocol when the servers one names and the servers
// the first source names have none in common: another host, port or mode.
// The SRV records count as one source (_submissions and _submission are
// two offers, not two opinions); guesses are what answered, not what anyone
// published, and are not compared.
void mark_disagreement(std::vector<MergedServer>& list, const std::vector<SourceReport>& reports, bool outgoing)
{
  struct Named {
    const SourceReport* source;
    const FoundServer* server;
  };
  std::vector<std::vector<const SourceReport*>> groups;
  std::vector<const SourceReport*> srv;
  for (const auto& report : reports) {
    if (report.kind == SourceKind::srv) {
      if (srv.empty()) {
        groups.emplace_back(); // its place in the order; filled below
      }
      srv.push_back(&report);
    } else if (report.kind != SourceKind::guess) {
      groups.push_back({&report});
    }
  }
  for (auto& group : groups) {
    if (group.empty()) {
      group = srv;
    }
  }
  for (const auto proto : core::k_protos) {
    std::vector<Named> first;
    for (const auto& group : groups) {
      std::vector<Named> named;
      for (const auto* report : group) {
        for (const auto& s : outgoing ? report->outgoing : report->incoming) {
          if (s.proto == proto) {
            named.push_back({report, &s});
          }
        }
      }
      if (named.empty()) {
        continue;
      }
      if (first.empty()) {
        first = std::move(named);
        continue;
      }
      const bool shared = std::any_of(named.begin(), named.end(), [&](const Named& n) {
        return std::any_of(first.begin(), first.end(),
                           [&](const Named& f) { return same_setting(*f.server, *n.server); });
      });
      if (shared) {
        continue;
      }
      const auto& a = first.front();
      const auto& b = named.front();
      const Note note{rules::codes::sources_disagree, describe(*a.source) + ": " + setting_text(*a.server),
                      describe(*b.source) + ": " + setting_text(*b.server), a.server->tls, b.server->tls};
      for (auto& m : list) {
        if (same_setting(m.server, *a.server) || same_setting(m.server, *b.server)) {
          add_note(m.notes, note);
        }
      }
    }
  }
}

void order(std::vector<MergedServer>& list)
{
  // Like engine::advise: implicit TLS, then STARTTLS, then the rest; IMAP
  // before POP3; then the sources' priority (the order found).
  std::stable_sort(list.begin(), list.end(), [](const MergedServer& a, const MergedServer& b) {
    const auto key = [](const MergedServer& m) {
      return std::make_tuple(engine::tls_order(m.server.tls), m.server.proto == core::Proto::pop3);
    };
    return key(a) < key(b);
  });
}

} // namespace

std::string describe(const SourceReport& report)
{
  return std::string(to_string(report.kind)) + " " + report.name;
}

void mark_plain_http(std::vector<SourceReport>& reports)
{
  const auto found_over = [&](bool plain) {
    return std::any_of(reports.begin(), reports.end(), [plain](const SourceReport& r) {
      return r.kind == SourceKind::autoconfig && r.over_http == plain && r.status == SourceStatus::found;
    });
  };
  if (found_over(true) && !found_over(false)) {
    for (auto& r : reports) {
      if (r.kind == SourceKind::autoconfig && r.over_http && r.status == SourceStatus::found) {
        add_note(r.notes, Note{rules::codes::autoconfig_http_only, r.name, {}, {}, {}});
      }
    }
  }
}

Discovery merge(const rules::Table& table, const std::vector<SourceReport>& reports)
{
  Discovery out;
  for (const bool outgoing : {false, true}) {
    auto list = join(reports, outgoing);
    mark_unauthenticated(list, reports);
    mark_disagreement(list, reports, outgoing);
    for (auto& m : list) {
      // A published setting is what a client is told to use, and a client
      // that asks for STARTTLS requires it (Thunderbird does).
      const engine::Query query{m.server.proto, m.server.port, m.server.tls, core::Role::client, true};
      m.check = engine::check(table, query);
      if (m.probed) {
        m.probe_check = probe::judge(table, *m.probed);
      }
    }
    order(list);
    (outgoing ? out.outgoing : out.incoming) = std::move(list);
  }
  settle_verdicts(table, out);
  return out;
}

void settle_verdicts(const rules::Table& table, Discovery& discovery)
{
  discovery.verdict = core::Verdict::ok;
  for (auto* list : {&discovery.incoming, &discovery.outgoing}) {
    for (auto& m : *list) {
      m.verdict = m.check.verdict;
      if (m.probe_check) {
        m.verdict = std::max(m.verdict, m.probe_check->verdict);
      }
      for (const auto& note : m.notes) {
        if (const auto* def = table.finding(note.code)) {
          m.verdict = std::max(m.verdict, core::verdict_of(def->severity));
        }
      }
    }
    if (!list->empty()) {
      discovery.verdict = std::max(discovery.verdict, list->front().verdict);
    }
  }
}

std::string render_note(const rules::Table& table, const rules::FindingDef& def, const Note& note, core::Lang lang)
{
  const auto with_mode = [&](const std::string& text, const std::optional<core::TlsMode>& tls) {
    if (!tls) {
      return text;
    }
    const std::string label(table.mode(*tls).label.in(lang));
    return text.empty() ? label : text + " " + label;
  };
  fmt::dynamic_format_arg_store<fmt::format_context> args;
  args.push_back(fmt::arg("value", with_mode(note.value, note.value_tls)));
  args.push_back(fmt::arg("other", with_mode(note.other, note.other_tls)));
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

} // namespace mailports::discover
