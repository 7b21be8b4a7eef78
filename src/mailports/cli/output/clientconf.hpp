// config's and lint's answers, as text and as JSON (a versioned contract:
// keys never change meaning within a schema_version).
#pragma once

#include <mailports/cli/exit_code.hpp>
#include <mailports/cli/output/json.hpp>
#include <mailports/cli/output/text.hpp>
#include <mailports/clientconf/format.hpp>
#include <mailports/clientconf/lint.hpp>
#include <mailports/clientconf/plan.hpp>

#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

namespace mailports::cli::output {

// One file lint looked at: judged, or why not (already a message).
struct LintedFile {
  std::string path;
  const clientconf::Format* format = nullptr;
  clientconf::VersionChoice version;
  std::optional<clientconf::LintResult> result;
  std::string error;                   // set when there is no result
  ExitCode error_code = ExitCode::ok;  // 65 or 66 with `error`
  std::optional<clientconf::Location> error_at;
};

// "msmtp 1.8.23, installed here"
std::string version_text(const clientconf::Format& format, const clientconf::VersionChoice& version,
                         core::Lang lang);

void lint_text(std::ostream& out, const TextContext& ctx, const std::vector<LintedFile>& files);
Json lint_json(const std::vector<LintedFile>& files, const rules::Table& table, core::Lang lang);

Json config_json(const clientconf::Format& format, const clientconf::Planned& planned, const std::string& config,
                 const std::string& output_path, const rules::Table& table, core::Lang lang);

} // namespace mailports::cli::output
