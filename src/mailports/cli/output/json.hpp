// The JSON contract. Keys never change meaning within a schema_version;
// new keys may be added. See README "JSON output".
#pragma once

#include <mailports/engine/check.hpp>
#include <mailports/engine/recommend.hpp>
#include <mailports/url/mail_url.hpp>

#include <nlohmann/json.hpp>

#include <iosfwd>
#include <optional>
#include <vector>

namespace mailports::cli::output {

inline constexpr int k_json_schema_version = 1;

using Json = nlohmann::ordered_json;

Json check_json(const engine::CheckResult& result, const rules::Table& table, core::Lang lang,
                const url::MailUrl* url);
Json recommend_json(const std::vector<engine::Recommendation>& recommendations,
                    core::Proto proto, core::Role role, core::TlsMode prefer,
                    const rules::Table& table, core::Lang lang);
Json ports_json(const std::vector<const rules::Entry*>& entries, const rules::Table& table,
                core::Lang lang);
Json explain_json(std::uint16_t port, const std::vector<const rules::Entry*>& entries,
                  const rules::Table& table, core::Lang lang);

// The findings of one check, as in `check --json`.
Json findings_json(const engine::CheckResult& result, const rules::Table& table, core::Lang lang);

// Pretty-printed, one trailing newline; invalid UTF-8 from user input is
// replaced rather than thrown on.
void write_json(std::ostream& out, const Json& document);

} // namespace mailports::cli::output
