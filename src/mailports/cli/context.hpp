#pragma once

#include <mailports/cli/messages.hpp>
#include <mailports/cli/options.hpp>
#include <mailports/cli/output/style.hpp>
#include <mailports/diagnose/catalog.hpp>
#include <mailports/providers/catalog.hpp>
#include <mailports/rules/table.hpp>

#include <optional>
#include <string>

namespace mailports::cli {

// What every command needs once the command line is parsed: the language,
// the output style, and the data, each loaded on first use.
class Context {
public:
  Context(const GlobalOptions& options, core::Lang lang, bool stdout_is_tty);

  [[nodiscard]] core::Lang lang() const noexcept { return m_lang; }
  [[nodiscard]] const output::Style& style() const noexcept { return m_style; }

  // --rules, else $MAILPORTS_RULES, else the built-in table.
  // Throws Fatal (65 or 66) for a bad or missing file.
  const rules::Table& table();

  // --providers, else $MAILPORTS_PROVIDERS, else the built-in data.
  const providers::Catalog& catalog();
  // One provider of that data by domain, and where the data comes from:
  // for the built-in data, without unpacking every provider.
  const providers::Provider* find_provider(std::string_view domain);
  const providers::Source& provider_source();

  // --diagnoses, else $MAILPORTS_DIAGNOSES, else the built-in catalogue,
  // checked against table().
  const diagnose::Catalog& diagnoses();

private:
  // The file's text; throws Fatal naming the file for what went wrong.
  std::string read_data(const std::string& path, Msg kind) const;
  [[noreturn]] void invalid_data(Msg kind, const std::string& message) const;

  core::Lang m_lang;
  output::Style m_style;
  std::string m_rules_path;
  std::string m_providers_path;
  std::optional<rules::OwnedTable> m_loaded;
  const rules::Table* m_table = nullptr;
  const providers::Catalog* m_catalog = nullptr;
  std::optional<providers::OwnedCatalog> m_loaded_catalog;
  std::string m_diagnoses_path;
  std::optional<diagnose::Catalog> m_diagnoses;
};

} // namespace mailports::cli
