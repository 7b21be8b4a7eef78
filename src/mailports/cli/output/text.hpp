// Human-readable output. Everything is written to the stream passed in.
#pragma once

#include <mailports/cli/output/style.hpp>
#include <mailports/engine/check.hpp>
#include <mailports/engine/recommend.hpp>
#include <mailports/url/mail_url.hpp>

#include <functional>
#include <iosfwd>
#include <span>
#include <string>
#include <vector>

namespace mailports::cli::output {

struct TextContext {
  const rules::Table& table;
  core::Lang lang;
  const Style& style;
};

// Each finding: severity and code, the message, the references.
void findings_text(std::ostream& out, const TextContext& ctx, const engine::CheckResult& result,
                   std::string_view indent);

// "authentication: normal password, OAuth2": a server's methods in the
// client's words (nothing for an empty list).
void auth_line_text(std::ostream& out, const TextContext& ctx, const std::vector<std::string>& kinds,
                    std::string_view indent);
void auth_line_text(std::ostream& out, const TextContext& ctx, std::span<const std::string_view> kinds,
                    std::string_view indent);

// One finding whose message is already rendered (discover's mix of origins).
void rendered_finding_text(std::ostream& out, const TextContext& ctx, const rules::FindingDef& def,
                           std::string_view message, std::string_view indent);

// Rows padded to columns by display width, so Japanese text lines up.
// `decorate` may wrap a padded cell (row, column) in colour escapes, which
// take no columns on screen.
using Decorate = std::function<std::string(std::size_t, std::size_t, const std::string&)>;
void table_text(std::ostream& out, const std::vector<std::vector<std::string>>& rows,
                const std::vector<std::string>& after_row = {}, const Decorate& decorate = {});

void check_text(std::ostream& out, const TextContext& ctx, const engine::CheckResult& result,
                const url::MailUrl* url);
void recommend_text(std::ostream& out, const TextContext& ctx,
                    const std::vector<engine::Recommendation>& recommendations, core::Proto proto,
                    core::Role role);
void ports_text(std::ostream& out, const TextContext& ctx,
                const std::vector<const rules::Entry*>& entries);
void explain_text(std::ostream& out, const TextContext& ctx, std::uint16_t port,
                  const std::vector<const rules::Entry*>& entries);

} // namespace mailports::cli::output
