// Human-readable output. Everything is written to the stream passed in.
#pragma once

#include <mailports/cli/output/style.hpp>
#include <mailports/engine/check.hpp>
#include <mailports/engine/recommend.hpp>
#include <mailports/url/mail_url.hpp>

#include <iosfwd>
#include <vector>

namespace mailports::cli::output {

struct TextContext {
  const rules::Table& table;
  core::Lang lang;
  const Style& style;
};

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
