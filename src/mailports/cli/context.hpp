#pragma once

#include <mailports/cli/options.hpp>
#include <mailports/cli/output/style.hpp>
#include <mailports/rules/table.hpp>

#include <optional>
#include <string>

namespace mailports::cli {

// What every command needs once the command line is parsed: the language,
// the output style and the rules table.
class Context {
public:
  Context(const GlobalOptions& options, core::Lang lang, bool stdout_is_tty);

  [[nodiscard]] core::Lang lang() const noexcept { return m_lang; }
  [[nodiscard]] const output::Style& style() const noexcept { return m_style; }

  // --rules, else $MAILPORTS_RULES, else the built-in table. Loaded on first
  // use; throws Fatal (65 or 66) for a bad or missing file.
  const rules::Table& table();

private:
  core::Lang m_lang;
  output::Style m_style;
  std::string m_rules_path;
  std::optional<rules::OwnedTable> m_loaded;
  const rules::Table* m_table = nullptr;
};

} // namespace mailports::cli
