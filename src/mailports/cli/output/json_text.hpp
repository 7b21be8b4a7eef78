// The hot JSON outputs (`check`, `recommend`, `explain`, `ports`) written
// with JsonWriter: the same bytes as write_json() of json.hpp's and
// provider.hpp's nlohmann documents (json_text_test.cpp compares them for
// every port, protocol and built-in provider, in en and ja), at a fraction
// of the cost. Each ends with the newline write_json adds.
#pragma once

#include <mailports/cli/output/provider.hpp>

#include <string>

namespace mailports::cli::output {

std::string check_json_text(const engine::CheckResult& result, const rules::Table& table,
                            core::Lang lang, const url::MailUrl* url);
// One line of `check --batch`: as compact as dump(-1), no newline.
std::string check_json_compact(const engine::CheckResult& result, const rules::Table& table,
                               core::Lang lang, const url::MailUrl* url);
std::string recommend_json_text(const std::vector<engine::Recommendation>& recommendations,
                                core::Proto proto, core::Role role, core::TlsMode prefer,
                                const rules::Table& table, core::Lang lang);
std::string ports_json_text(const std::vector<const rules::Entry*>& entries,
                            const rules::Table& table, core::Lang lang);
std::string explain_json_text(std::uint16_t port, const std::vector<const rules::Entry*>& entries,
                              const rules::Table& table, core::Lang lang);
std::string advice_json_text(const Lookup& lookup, const providers::Source& source,
                             const providers::Provider& provider,
                             const engine::ProviderAdvice& advice, const rules::Table& table,
                             core::Lang lang);

} // namespace mailports::cli::output
