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

// The real table is ~30 KiB; this only stops a runaway file.
constexpr std::size_t k_max_rules_mib = 16;

} // namespace

Context::Context(const GlobalOptions& options, core::Lang lang, bool stdout_is_tty)
  : m_lang(lang),
    m_style(output::use_color(to_color_mode(options.color), stdout_is_tty, std::getenv("NO_COLOR"),
                              std::getenv("TERM"))),
    m_rules_path(options.rules_path)
{
  if (m_rules_path.empty()) {
    if (const char* env = std::getenv("MAILPORTS_RULES"); env != nullptr) {
      m_rules_path = env;
    }
  }
}

const rules::Table& Context::table()
{
  if (m_table != nullptr) {
    return *m_table;
  }
  if (m_rules_path.empty()) {
    m_table = &rules::builtin_table();
    return *m_table;
  }
  const auto shown = util::quote_for_message(m_rules_path);
  auto content = util::read_file(m_rules_path, k_max_rules_mib << 20U);
  if (!content) {
    const auto& error = content.error();
    switch (error.kind) {
    case util::FileError::Kind::not_found:
      throw Fatal(ExitCode::no_input, say(Msg::rules_not_found, m_lang, fmt::arg("path", shown)));
    case util::FileError::Kind::unreadable:
      throw Fatal(ExitCode::no_input, say(Msg::rules_unreadable, m_lang, fmt::arg("path", shown),
                                          fmt::arg("reason", error.reason)));
    case util::FileError::Kind::too_large:
      throw Fatal(ExitCode::data_invalid, say(Msg::rules_too_large, m_lang,
                                              fmt::arg("path", shown),
                                              fmt::arg("limit", k_max_rules_mib)));
    }
  }
  auto loaded = rules::load_rules(*content, shown);
  if (!loaded) {
    throw Fatal(ExitCode::data_invalid,
                say(Msg::rules_invalid, m_lang,
                    fmt::arg("detail", util::quote_for_message(loaded.error().message, 2000))));
  }
  m_loaded.emplace(std::move(loaded).value());
  m_table = &m_loaded->table();
  return *m_table;
}

} // namespace mailports::cli
