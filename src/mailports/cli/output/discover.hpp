// Output for `discover`: every source with its status, then each server
// with the sources that named it and every finding on it.
#pragma once

#include <mailports/cli/output/json.hpp>
#include <mailports/cli/output/provider.hpp>
#include <mailports/cli/output/text.hpp>
#include <mailports/discover/merge.hpp>
#include <mailports/discover/source.hpp>

#include <vector>

namespace mailports::cli::output {

struct DiscoverAnswer {
  Lookup lookup;
  const std::vector<discover::SourceReport>& sources;
  const discover::Discovery& discovery;
  bool verified = false; // --verify ran
};

Json discover_json(const DiscoverAnswer& answer, const rules::Table& table, core::Lang lang);
void discover_text(std::ostream& out, const TextContext& ctx, const DiscoverAnswer& answer);

// A source's detail (English, as discover/ writes it) with its fixed words in
// `lang`; the words of a resolver or libcurl inside it stay as they are.
std::string localized_detail(std::string detail, core::Lang lang);

// A finding of any origin, rendered: the engine's, the probe's, a source's.
struct ShownFinding {
  const rules::FindingDef* def = nullptr;
  std::string message;
};

// Every finding on a server, worst first, each once.
std::vector<ShownFinding> server_findings(const discover::MergedServer& server, const rules::Table& table,
                                          core::Lang lang);
std::vector<ShownFinding> note_findings(const std::vector<discover::Note>& notes, const rules::Table& table,
                                        core::Lang lang);
// As `findings` in the JSON: code, severity, message, refs; in their order.
Json shown_json(const std::vector<ShownFinding>& findings);

} // namespace mailports::cli::output
