#include <mailports/cli/context.hpp>

#include <mailports/cli/fatal.hpp>
#include <mailports/cli/messages.hpp>
#include <mailports/rules/builtin.hpp>
#include <mailports/rules/load.hpp>
#include <mailports/util/file.hpp>
#include <mailports/util/text.hpp>

#include <cstdlib>

namespace mailports::cli {

namespace {

// The real files are well under 1 MiB; this only stops a runaway file.
constexpr std::size_t k_max_data_mib = 16;

std::string option_or_env(const std::string& option, const char* variable)
{
  if (!option.empty()) {
    return option;
  }
  const char* value = std::getenv(variable);
  return value != nullptr ? value : "";
}

} // namespace

Context::Context(const GlobalOptions& options, core::Lang lang, bool stdout_is_tty)
  : m_lang(lang),
    m_style(output::use_color(to_color_mode(options.color), stdout_is_tty, std::getenv("NO_COLOR"),
                              std::getenv("TERM"))),
    m_rules_path(option_or_env(options.rules_path, "MAILPORTS_RULES")),
    m_providers_path(option_or_env(options.providers_path, "MAILPORTS_PROVIDERS")),
    m_diagnoses_path(option_or_env(options.diagnoses_path, "MAILPORTS_DIAGNOSES"))
{
}

std::string Context::read_data(const std::string& path, Msg kind) const
{
  const auto shown = util::quote_for_message(path);
  const auto kind_name = text(kind, m_lang);
  const auto kind_arg = fmt::arg("kind", kind_name); // holds a reference: name it first
  auto content = util::read_file(path, k_max_data_mib << 20U);
  if (content) {
    return std::move(content).value();
  }
  const auto& error = content.error();
  switch (error.kind) {
  case util::FileError::Kind::not_found:
    throw Fatal(ExitCode::no_input,
                say(Msg::data_not_found, m_lang, kind_arg, fmt::arg("path", shown)));
  case util::FileError::Kind::unreadable:
    throw Fatal(ExitCode::no_input, say(Msg::data_unreadable, m_lang, kind_arg,
                                        fmt::arg("path", shown), fmt::arg("reason", error.reason)));
  case util::FileError::Kind::too_large:
    break;
  }
  throw Fatal(ExitCode::data_invalid, say(Msg::data_too_large, m_lang, kind_arg,
                                          fmt::arg("path", shown),
                                          fmt::arg("limit", k_max_data_mib)));
}

void Context::invalid_data(Msg kind, const std::string& message) const
{
  throw Fatal(ExitCode::data_invalid,
              say(Msg::data_invalid, m_lang, fmt::arg("kind", text(kind, m_lang)),
                  fmt::arg("detail", util::quote_for_message(message, 2000))));
}

const rules::Table& Context::table()
{
  if (m_table == nullptr && m_rules_path.empty()) {
    m_table = &rules::builtin_table();
  }
  if (m_table == nullptr) {
    auto loaded = rules::load_rules(read_data(m_rules_path, Msg::kind_rules),
                                    util::quote_for_message(m_rules_path));
    if (!loaded) {
      invalid_data(Msg::kind_rules, loaded.error().message);
    }
    m_loaded.emplace(std::move(loaded).value());
    m_table = &m_loaded->table();
  }
  return *m_table;
}

const providers::Catalog& Context::catalog()
{
  // The built-in catalog is constant data: nothing to parse.
  if (m_catalog == nullptr && m_providers_path.empty()) {
    m_catalog = &providers::builtin_catalog();
  }
  if (m_catalog == nullptr) {
    auto loaded = providers::load_providers(read_data(m_providers_path, Msg::kind_providers),
                                            util::quote_for_message(m_providers_path));
    if (!loaded) {
      invalid_data(Msg::kind_providers, loaded.error().message);
    }
    m_loaded_catalog.emplace(std::move(loaded).value());
    m_catalog = &m_loaded_catalog->catalog();
  }
  return *m_catalog;
}

const providers::Provider* Context::find_provider(std::string_view domain)
{
  return m_providers_path.empty() ? providers::find_builtin(domain) : catalog().find(domain);
}

const providers::Source& Context::provider_source()
{
  return m_providers_path.empty() ? providers::builtin_source() : catalog().source;
}

const diagnose::Catalog& Context::diagnoses()
{
  if (!m_diagnoses) {
    const auto& rules = table();
    const bool builtin = m_diagnoses_path.empty();
    auto loaded = builtin ? diagnose::load_diagnoses(diagnose::builtin_diagnoses_json(), "built-in diagnoses", rules)
                          : diagnose::load_diagnoses(read_data(m_diagnoses_path, Msg::kind_diagnoses),
                                                     util::quote_for_message(m_diagnoses_path), rules);
    if (!loaded) {
      invalid_data(Msg::kind_diagnoses, loaded.error().message);
    }
    m_diagnoses.emplace(std::move(loaded).value());
  }
  return *m_diagnoses;
}

} // namespace mailports::cli
