#include <mailports/cli/options.hpp>

#include <mailports/cli/command_spec.hpp>

#include <mailports/cli/messages.hpp>
#include <mailports/util/text.hpp>

#include <CLI/CLI.hpp>

#include <charconv>
#include <sstream>
#include <cstdlib>
#include <vector>

namespace mailports::cli {

namespace {

// A validator that accepts the given names (case-insensitively) and stores
// the canonical one.
CLI::Validator choice_validator(core::Lang lang, Msg what, std::vector<std::string_view> choices)
{
  return CLI::Validator(
    [lang, what, choices](std::string& value) -> std::string {
      if (const auto choice = canonical_choice(value, choices)) {
        value = std::string(*choice);
        return {};
      }
      return bad_value_message(lang, text(what, lang), value, choices);
    },
    "", "");
}

std::optional<core::Lang> lang_of(std::string_view value)
{
  if (util::iequals(value, "ja")) {
    return core::Lang::ja;
  }
  if (util::iequals(value, "en")) {
    return core::Lang::en;
  }
  return std::nullopt;
}

} // namespace

std::string bad_value_message(core::Lang lang, std::string_view what, std::string_view value,
                              std::span<const std::string_view> choices)
{
  auto message = say(Msg::bad_value, lang, fmt::arg("what", what),
                     fmt::arg("value", util::quote_for_message(value)),
                     fmt::arg("choices", util::join(choices)));
  if (const auto hint = util::closest_match(value, choices)) {
    message += say(Msg::did_you_mean, lang, fmt::arg("hint", *hint));
  }
  return message;
}

std::optional<std::string_view> canonical_choice(std::string_view value,
                                                std::span<const std::string_view> choices)
{
  for (const auto choice : choices) {
    if (util::iequals(choice, value)) {
      return choice;
    }
  }
  return std::nullopt;
}

std::span<const std::string_view> proto_names() noexcept
{
  static constexpr std::string_view names[] = {"smtp", "imap", "pop3"};
  static_assert(std::size(names) == std::size(core::k_protos));
  return names;
}

std::span<const std::string_view> role_names() noexcept
{
  static constexpr std::string_view names[] = {"client", "relay"};
  return names;
}

std::span<const std::string_view> lang_names() noexcept
{
  static constexpr std::string_view names[] = {"en", "ja"};
  return names;
}

std::span<const std::string_view> color_names() noexcept
{
  static constexpr std::string_view names[] = {"auto", "always", "never"};
  return names;
}

bool is_port(std::string_view value) noexcept
{
  unsigned port = 0;
  const auto* first = value.data();
  const auto* last = first + value.size();
  const auto [end, ec] = std::from_chars(first, last, port);
  return !value.empty() && ec == std::errc() && end == last && port >= 1 && port <= 65535;
}

CLI::Validator proto_validator(core::Lang lang)
{
  return CLI::Validator(
    [lang](std::string& value) -> std::string {
      if (const auto proto = core::parse_proto_word(value)) {
        value = std::string(core::to_string(*proto));
        return {};
      }
      return bad_value_message(lang, text(Msg::what_proto, lang), value, proto_names());
    },
    "", "");
}

std::optional<std::string> canonical_tls_word(std::string_view value)
{
  const auto mode = core::parse_tls_mode(value);
  if (!mode) {
    return std::nullopt;
  }
  // Kept as "tls", not "implicit": the command must still know that the
  // word was ambiguous (core::is_ambiguous_tls_word) to say how it read it.
  return std::string(core::is_ambiguous_tls_word(value) ? "tls" : core::to_string(*mode));
}

CLI::Validator tls_validator(core::Lang lang)
{
  return CLI::Validator(
    [lang](std::string& value) -> std::string {
      if (auto word = canonical_tls_word(value)) {
        value = std::move(*word);
        return {};
      }
      return bad_value_message(lang, text(Msg::what_tls, lang), value,
                               core::tls_mode_spellings());
    },
    "", "");
}

CLI::Validator role_validator(core::Lang lang)
{
  const auto names = role_names();
  return choice_validator(lang, Msg::what_role, {names.begin(), names.end()});
}

CLI::Validator prefer_validator(core::Lang lang)
{
  // The words --tls takes, for the two modes a recommendation can prefer:
  // --prefer ssl is --prefer implicit.
  return CLI::Validator(
    [lang](std::string& value) -> std::string {
      // A preference read the wrong way round would be silent: refuse it.
      if (core::is_ambiguous_tls_word(value)) {
        return say(Msg::prefer_ambiguous, lang, fmt::arg("value", util::quote_for_message(value)));
      }
      const auto mode = core::parse_tls_mode(value);
      if (mode == core::TlsMode::implicit || mode == core::TlsMode::starttls) {
        value = std::string(core::to_string(*mode));
        return {};
      }
      static constexpr std::string_view choices[] = {"implicit", "starttls"};
      return bad_value_message(lang, text(Msg::what_prefer, lang), value, choices);
    },
    "", "");
}

CLI::Validator lang_validator(core::Lang lang)
{
  const auto names = lang_names();
  return choice_validator(lang, Msg::what_lang, {names.begin(), names.end()});
}

CLI::Validator color_validator(core::Lang lang)
{
  const auto names = color_names();
  return choice_validator(lang, Msg::what_color, {names.begin(), names.end()});
}

CLI::Validator port_validator(core::Lang lang)
{
  return CLI::Validator(
    [lang](std::string& value) -> std::string {
      return is_port(value) ? std::string()
                            : say(Msg::bad_port, lang, fmt::arg("value", util::quote_for_message(value)));
    },
    "", "");
}

CLI::Validator non_empty_validator(core::Lang lang)
{
  return CLI::Validator(
    [lang](std::string& value) -> std::string {
      return value.empty() ? std::string(text(Msg::empty_value, lang)) : std::string();
    },
    "", "");
}

std::uint16_t to_port(const std::string& text)
{
  unsigned port = 0;
  std::from_chars(text.data(), text.data() + text.size(), port);
  return static_cast<std::uint16_t>(port);
}

core::Lang detect_lang(int argc, const char* const* argv)
{
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg == "--") {
      break;
    }
    std::optional<core::Lang> lang;
    if (arg == "--lang" && i + 1 < argc) {
      lang = lang_of(argv[i + 1]);
    } else if (arg.rfind("--lang=", 0) == 0) {
      lang = lang_of(arg.substr(7));
    }
    if (lang) {
      return *lang;
    }
  }
  for (const char* name : {"LC_ALL", "LC_MESSAGES", "LANG"}) {
    const char* value = std::getenv(name);
    if (value != nullptr && *value != '\0') {
      return std::string_view(value).rfind("ja", 0) == 0 ? core::Lang::ja : core::Lang::en;
    }
  }
  return core::Lang::en;
}

ColorMode to_color_mode(const std::string& text)
{
  if (text == "always") {
    return ColorMode::always;
  }
  return text == "never" ? ColorMode::never : ColorMode::auto_;
}

CLI::Validator timeout_validator(core::Lang lang)
{
  return CLI::Validator(
    [lang](std::string& value) -> std::string {
      double seconds = 0;
      std::istringstream in(value);
      in >> seconds;
      if (value.empty() || !in.eof() || in.fail() || !(seconds >= 0.1 && seconds <= 600)) {
        return say(Msg::probe_bad_timeout, lang, fmt::arg("value", util::quote_for_message(value)));
      }
      return {};
    },
    "", "");
}

OptionSpec& OptionSpec::check(Check check)
{
  switch (check) {
  case Check::non_empty:
    m_option->check(non_empty_validator(m_lang));
    break;
  case Check::port:
    m_option->check(port_validator(m_lang));
    break;
  case Check::timeout:
    m_option->check(timeout_validator(m_lang));
    break;
  }
  return *this;
}

OptionSpec& OptionSpec::transform(Transform transform)
{
  switch (transform) {
  case Transform::proto:
    m_option->transform(proto_validator(m_lang));
    break;
  case Transform::tls:
    m_option->transform(tls_validator(m_lang));
    break;
  case Transform::role:
    m_option->transform(role_validator(m_lang));
    break;
  case Transform::prefer:
    m_option->transform(prefer_validator(m_lang));
    break;
  }
  return *this;
}

OptionSpec& OptionSpec::required()
{
  m_option->required();
  return *this;
}

OptionSpec& OptionSpec::type_name(std::string_view name)
{
  m_option->type_name(std::string(name));
  return *this;
}

OptionSpec& OptionSpec::help_suffix(std::string_view text)
{
  m_option->description(m_option->get_description() + std::string(text));
  return *this;
}

OptionSpec& OptionSpec::expected(int min, int max)
{
  m_option->expected(min, max);
  return *this;
}

CommandSpec::CommandSpec(CLI::App& parent, std::string_view name, Msg description, Msg footer, core::Lang lang)
  : m_app(parent.add_subcommand(std::string(name), std::string(text(description, lang)))), m_lang(lang)
{
  m_app->footer(std::string(text(footer, lang)));
}

OptionSpec CommandSpec::option(std::string_view name, std::string& into, Msg help)
{
  return {m_app->add_option(std::string(name), into, std::string(text(help, m_lang))), m_lang};
}

OptionSpec CommandSpec::option(std::string_view name, std::optional<std::string>& into, Msg help)
{
  return {m_app->add_option(std::string(name), into, std::string(text(help, m_lang))), m_lang};
}

OptionSpec CommandSpec::option(std::string_view name, std::vector<std::string>& into, Msg help)
{
  return {m_app->add_option(std::string(name), into, std::string(text(help, m_lang))), m_lang};
}

OptionSpec CommandSpec::option(std::string_view name, double& into, Msg help)
{
  return {m_app->add_option(std::string(name), into, std::string(text(help, m_lang))), m_lang};
}

void CommandSpec::flag(std::string_view name, bool& into, Msg help)
{
  m_app->add_flag(std::string(name), into, std::string(text(help, m_lang)));
}

} // namespace mailports::cli
