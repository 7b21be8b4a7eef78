#include <mailports/cli/app.hpp>

#include <mailports/cli/argv.hpp>
#include <mailports/cli/cmd/check.hpp>
#include <mailports/cli/cmd/config.hpp>
#include <mailports/cli/cmd/explain.hpp>
#include <mailports/cli/cmd/lint.hpp>
#include <mailports/cli/cmd/ports.hpp>
#include <mailports/cli/cmd/probe.hpp>
#include <mailports/cli/cmd/diagnose.hpp>
#include <mailports/cli/cmd/discover.hpp>
#include <mailports/cli/cmd/providers.hpp>
#include <mailports/cli/cmd/recommend.hpp>
#include <mailports/cli/fatal.hpp>
#include <mailports/cli/help_layout.hpp>
#include <mailports/cli/messages.hpp>
#include <mailports/cli/options.hpp>
#include <mailports/cli/quick.hpp>
#include <mailports/providers/catalog.hpp>
#include <mailports/rules/builtin.hpp>
#include <mailports/util/text.hpp>

#include <CLI/CLI.hpp>

#include <cerrno>
#include <cstring>
#include <memory>
#include <optional>
#include <ostream>
#include <vector>

namespace mailports::cli {

namespace {

std::string version_text()
{
  const auto& rules = rules::builtin_table();
  return fmt::format("mailports {}\nrules {} ({}, built in)\nproviders: Thunderbird ISPDB {}",
                     MAILPORTS_VERSION, rules.version, rules.date,
                     providers::builtin_providers_commit());
}

// CLI11 pads the left column of --help by bytes, so a Japanese label such as
// 必須 (REQUIRED) pushed the description two columns out per wide character.
class WidthFormatter : public CLI::Formatter {
public:
  std::string make_option(const CLI::Option* opt, bool is_positional) const override
  {
    return help_row(make_option_name(opt, is_positional) + make_option_opts(opt),
                    make_option_desc(opt), get_column_width());
  }
  std::string make_subcommand(const CLI::App* sub) const override
  {
    return help_row(sub->get_display_name(true), sub->get_description(), get_column_width());
  }
};

// CLI11's own words in the user's language. Subcommands copy these settings
// from the app when they are created.
void localize(CLI::App& app, core::Lang lang)
{
  const auto word = [lang](Msg id) { return std::string(text(id, lang)); };
  app.formatter(std::make_shared<WidthFormatter>());
  app.option_defaults()->group(word(Msg::group_options));
  app.set_help_flag("-h,--help", word(Msg::help_flag)); // after the group: it takes it
  auto formatter = app.get_formatter();
  formatter->label("Usage", word(Msg::label_usage));
  formatter->label("OPTIONS", word(Msg::label_options_upper));
  formatter->label("SUBCOMMAND", word(Msg::label_subcommand));
  formatter->label("Positionals", word(Msg::label_positionals));
  formatter->label("REQUIRED", word(Msg::label_required));
}

const CLI::App* chosen_subcommand(const CLI::App& app)
{
  const auto subcommands = app.get_subcommands();
  return subcommands.empty() ? nullptr : subcommands.front();
}

// CLI11's parse errors, reworded. Ours (validators) are already localized.
std::string parse_error_message(const CLI::ParseError& e, core::Lang lang, const CLI::App& app)
{
  const std::string what = e.what();
  const auto after_colon = [&what] {
    const auto colon = what.find(": ");
    return colon == std::string::npos ? what : what.substr(colon + 2);
  };
  if (dynamic_cast<const CLI::ValidationError*>(&e) != nullptr) {
    return what;
  }
  if (dynamic_cast<const CLI::ExtrasError*>(&e) != nullptr) {
    auto message = say(Msg::cli_extras, lang, fmt::arg("value", util::quote_for_message(after_colon(), 200)));
    // CLI11 lists the extras in no useful order: find the option among them.
    std::string extra;
    const std::string extras = after_colon(); // the views below point into it
    for (std::string_view rest = extras; !rest.empty();) {
      const auto word = rest.substr(0, rest.find(' '));
      if (word.rfind("--", 0) == 0) {
        extra = std::string(word.substr(0, word.find('=')));
        break;
      }
      rest.remove_prefix(std::min(rest.size(), word.size() + 1));
    }
    if (!extra.empty()) { // an option: suggest one of the command's own
      std::vector<std::string> names;
      for (const auto* owner : {&app, chosen_subcommand(app)}) {
        for (const auto* option : owner != nullptr ? owner->get_options() : std::vector<const CLI::Option*>{}) {
          for (const auto& name : option->get_lnames()) {
            names.push_back("--" + name);
          }
        }
      }
      const std::vector<std::string_view> views(names.begin(), names.end());
      if (const auto hint = util::closest_match(extra, views)) {
        message += say(Msg::did_you_mean, lang, fmt::arg("hint", *hint));
      }
    }
    return message;
  }
  if (dynamic_cast<const CLI::ArgumentMismatch*>(&e) != nullptr) {
    if (what.find("At Most 1 required") != std::string::npos) {
      return say(Msg::cli_repeated, lang, fmt::arg("value", what.substr(0, what.find(':'))));
    }
    return say(Msg::cli_arguments, lang, fmt::arg("value", what));
  }
  if (dynamic_cast<const CLI::RequiredError*>(&e) != nullptr) {
    // CLI11 says "NAME is required".
    constexpr std::string_view k_suffix = " is required";
    const auto name = what.ends_with(k_suffix) ? what.substr(0, what.size() - k_suffix.size()) : what;
    return say(Msg::cli_required, lang, fmt::arg("value", name));
  }
  return say(Msg::cli_other, lang, fmt::arg("value", util::quote_for_message(what, 200)));
}

using Setup = cmd::Command (*)(CLI::App&, core::Lang, bool);
constexpr std::pair<std::string_view, Setup> k_commands[] = {
  {"recommend", cmd::setup_recommend}, {"check", cmd::setup_check},
  {"ports", cmd::setup_ports},         {"explain", cmd::setup_explain},
  {"providers", cmd::setup_providers}, {"probe", cmd::setup_probe},
  {"discover", cmd::setup_discover}, {"diagnose", cmd::setup_diagnose},
  {"config", cmd::setup_config},     {"lint", cmd::setup_lint}};

// The command named on the command line, or "" for none. CLI11 would call an
// unknown command "an extra argument"; name it instead, with a suggestion.
std::string_view chosen_command(int argc, const char* const* argv, core::Lang lang)
{
  std::vector<std::string_view> names;
  for (const auto& [name, setup] : k_commands) {
    names.push_back(name);
  }
  std::optional<std::string_view> unknown;
  bool unknown_after_option = false;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg == "--rules" || arg == "--providers" || arg == "--diagnoses" || arg == "--lang" || arg == "--color") {
      ++i; // skip the option's value
      continue;
    }
    if (!arg.empty() && arg.front() == '-') {
      continue;
    }
    if (const auto it = std::find(names.begin(), names.end(), arg); it != names.end()) {
      return *it;
    }
    const std::string_view previous = argv[i - 1];
    // After a mistyped option ("--colr never ports") this may be its value:
    // look on for the command, and let the parser name the option.
    const bool after_option = previous.rfind("--", 0) == 0 && previous.find('=') == std::string_view::npos;
    if (!unknown) {
      unknown = arg;
      unknown_after_option = after_option;
    }
    if (!after_option) {
      break;
    }
  }
  if (!unknown || unknown_after_option) {
    return {}; // nothing to name, or the parser names the mistyped option
  }
  auto message = say(Msg::unknown_command, lang, fmt::arg("value", util::quote_for_message(*unknown)));
  if (const auto hint = util::closest_match(*unknown, names)) {
    message += say(Msg::did_you_mean, lang, fmt::arg("hint", *hint));
  }
  throw Fatal(ExitCode::usage, message);
}

ExitCode finish(const cmd::Outcome& outcome, std::ostream& out, std::ostream& err, core::Lang lang)
{
  out << outcome.output;
  out.flush();
  if (!outcome.diagnostic.empty()) {
    err << "mailports: " << outcome.diagnostic << '\n';
  }
  if (!out) {
    throw Fatal(ExitCode::io_error,
                say(Msg::write_failed, lang, fmt::arg("reason", std::strerror(errno))));
  }
  return outcome.code;
}

ExitCode run_or_throw(int argc, const char* const* argv, std::ostream& out, std::ostream& err,
                      bool stdout_is_tty, bool quick)
{
  const auto lang = detect_lang(argc, argv);
  if (const auto q = quick ? quick_command(argc, argv) : std::nullopt) {
    Context ctx(q->global, lang, stdout_is_tty);
    return finish(run_quick(*q, ctx, out), out, err, lang);
  }
  CLI::App app{std::string(text(Msg::app_description, lang)), "mailports"};
  localize(app, lang);
  app.footer(std::string(text(Msg::app_footer, lang)));
  app.set_version_flag("--version", version_text, std::string(text(Msg::version_flag, lang)));
  app.fallthrough(); // global options may follow the command
  GlobalOptions global;
  app.add_option("--rules", global.rules_path, std::string(text(Msg::opt_rules, lang)))
    ->check(non_empty_validator(lang))
    ->type_name("FILE");
  app.add_option("--providers", global.providers_path, std::string(text(Msg::opt_providers, lang)))
    ->check(non_empty_validator(lang))
    ->type_name("FILE");
  app.add_option("--diagnoses", global.diagnoses_path, std::string(text(Msg::opt_diagnoses, lang)))
    ->check(non_empty_validator(lang))
    ->type_name("FILE");
  app.add_option("--lang", global.lang, std::string(text(Msg::opt_lang, lang)))
    ->transform(lang_validator(lang));
  app.add_option("--color", global.color, std::string(text(Msg::opt_color, lang)))
    ->transform(color_validator(lang));

  const auto chosen_name = chosen_command(argc, argv, lang);
  // Building a CLI11 subcommand costs more than running `check` (see
  // tests/bench/README.md): with a command named, and no help to list them
  // all, only that one is built.
  const bool help = std::any_of(argv + 1, argv + argc, [](const char* arg) {
    return std::string_view(arg) == "--help" || std::string_view(arg) == "-h";
  });
  std::vector<cmd::Command> commands;
  for (const auto& [name, setup] : k_commands) {
    if (!chosen_name.empty() && !help && name != chosen_name) {
      continue;
    }
    commands.push_back(setup(app, lang, name == chosen_name));
    auto* sub = commands.back().app;
    sub->group(std::string(text(Msg::group_commands, lang)));
    sub->get_help_ptr()->group(std::string(text(Msg::group_options, lang)));
  }

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) { // --help or --version
      app.exit(e, out, err);
      return ExitCode::ok;
    }
    throw Fatal(ExitCode::usage, parse_error_message(e, lang, app));
  }

  const auto chosen = std::find_if(commands.begin(), commands.end(),
                                   [](const cmd::Command& c) { return c.app->parsed(); });
  if (chosen == commands.end()) {
    throw Fatal(ExitCode::usage, std::string(text(Msg::no_command, lang)));
  }
  Context ctx(global, lang, stdout_is_tty);
  return finish(chosen->run(ctx, out), out, err, lang);
}

} // namespace

int run(int raw_argc, const char* const* raw_argv, std::ostream& out, std::ostream& err,
        bool stdout_is_tty, bool quick)
{
  const NormalizedArgs args(raw_argc, raw_argv);
  const int argc = args.argc();
  const char* const* argv = args.argv();
  try {
    return static_cast<int>(run_or_throw(argc, argv, out, err, stdout_is_tty, quick));
  } catch (const Fatal& fatal) {
    err << "mailports: error: " << fatal.what() << '\n';
    if (fatal.code() == ExitCode::usage) {
      err << text(Msg::hint_help, detect_lang(argc, argv)) << '\n';
    }
    return static_cast<int>(fatal.code());
  }
}

} // namespace mailports::cli
