// The sources joined: each server once, with every source that named it,
// where sources disagree, and each server judged by the engine like
// `check`, ordered like `recommend --email` (engine::advise).
#pragma once

#include <mailports/discover/source.hpp>
#include <mailports/engine/check.hpp>
#include <mailports/probe/report.hpp>

#include <cstddef>
#include <optional>
#include <vector>

namespace mailports::discover {

struct MergedServer {
  FoundServer server;               // the first source's user name and methods
  std::vector<std::size_t> sources; // indices into the reports, in priority order
  std::vector<Note> notes;          // from the sources and the merge, once each
  engine::CheckResult check;        // the engine on (proto, port, tls) as a client
  // --verify: what the server did, and the probe's judgement of it.
  std::optional<probe::PortReport> probed;
  std::optional<engine::CheckResult> probe_check;
  core::Verdict verdict = core::Verdict::ok; // worst of all the above
};

struct Discovery {
  std::vector<MergedServer> incoming; // best first
  std::vector<MergedServer> outgoing;
  core::Verdict verdict = core::Verdict::ok; // worst of the first incoming and outgoing

  [[nodiscard]] bool empty() const noexcept { return incoming.empty() && outgoing.empty(); }
};

// Adds autoconfig-http-only to every plain-HTTP autoconfig source that found
// something when no HTTPS one did.
void mark_plain_http(std::vector<SourceReport>& reports);

// `reports` in priority order (run_sources, then guesses).
Discovery merge(const rules::Table& table, const std::vector<SourceReport>& reports);

// Recomputes each server's verdict and the whole one (after --verify).
void settle_verdicts(const rules::Table& table, Discovery& discovery);

// A note's message in `lang`, from its finding in `table`, with {value}
// and {other} filled (the table's other placeholders are check's: "?").
std::string render_note(const rules::Table& table, const rules::FindingDef& def, const Note& note, core::Lang lang);

// "autoconfig https://...", "srv _imaps._tcp.example.com": a source as
// findings name it.
std::string describe(const SourceReport& report);

} // namespace mailports::discover
