// Setting up a command's options without CLI11's header: every file that
// includes CLI11's header constructs CLI11's own validators (ExistingFile,
// Number, ...) at every start-up, whichever command runs (~4.5 k
// instructions each, tests/bench/README.md). The command files use these
// handles instead; options.cpp alone talks to CLI11 for them.
#pragma once

#include <mailports/cli/messages.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace CLI {
class App;
class Option;
} // namespace CLI

namespace mailports::cli {

// The parse-time checks of options.hpp, by name.
enum class Check { non_empty, port, timeout };         // reject a bad value
enum class Transform { proto, tls, role, prefer };     // and canonicalize it

class OptionSpec {
public:
  OptionSpec(CLI::Option* option, core::Lang lang) : m_option(option), m_lang(lang) {}
  OptionSpec& check(Check check);
  OptionSpec& transform(Transform transform);
  OptionSpec& required();
  OptionSpec& type_name(std::string_view name);
  OptionSpec& expected(int min, int max);
  // Appended to the option's help (names read from data, e.g. --service's).
  OptionSpec& help_suffix(std::string_view text);

private:
  CLI::Option* m_option;
  core::Lang m_lang;
};

class CommandSpec {
public:
  // Adds the subcommand `name` with its description and footer (examples).
  CommandSpec(CLI::App& parent, std::string_view name, Msg description, Msg footer, core::Lang lang);

  [[nodiscard]] CLI::App* app() const noexcept { return m_app; }

  OptionSpec option(std::string_view name, std::string& into, Msg help);
  OptionSpec option(std::string_view name, std::optional<std::string>& into, Msg help);
  OptionSpec option(std::string_view name, std::vector<std::string>& into, Msg help);
  OptionSpec option(std::string_view name, double& into, Msg help);
  void flag(std::string_view name, bool& into, Msg help);

private:
  CLI::App* m_app;
  core::Lang m_lang;
};

} // namespace mailports::cli
