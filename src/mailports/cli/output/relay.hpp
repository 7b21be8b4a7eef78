// Output for the relay role: a domain's MX hosts on port 25 with MTA-STS,
// TLS-RPT, DANE and a summary (`discover --role relay`), or one host
// (`probe --role relay`).
#pragma once

#include <mailports/cli/output/json.hpp>
#include <mailports/cli/output/text.hpp>
#include <mailports/discover/relay.hpp>

namespace mailports::cli::output {

Json relay_json(const discover::RelayReport& report, const rules::Table& table, core::Lang lang);
void relay_text(std::ostream& out, const TextContext& ctx, const discover::RelayReport& report);

Json relay_host_json(const discover::MxFacts& mx, const rules::Table& table, core::Lang lang);
void relay_host_text(std::ostream& out, const TextContext& ctx, const discover::MxFacts& mx);

} // namespace mailports::cli::output
