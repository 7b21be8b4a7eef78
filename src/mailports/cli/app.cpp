#include <mailports/cli/app.hpp>

#include <mailports/cli/cmd/check.hpp>
#include <mailports/cli/cmd/explain.hpp>
#include <mailports/cli/cmd/ports.hpp>
#include <mailports/cli/cmd/providers.hpp>
#include <mailports/cli/cmd/recommend.hpp>
#include <mailports/cli/fatal.hpp>
#include <mailports/cli/messages.hpp>
#include <mailports/cli/options.hpp>
#include <mailports/providers/catalog.hpp>
#include <mailports/rules/builtin.hpp>
#include <mailports/util/text.hpp>

#include <cerrno>
#include <cstring>
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

using Setup = cmd::Command (*)(CLI::App&, core::Lang, bool);
constexpr std::pair<std::string_view, Setup> k_commands[] = {
  {"recommend", cmd::setup_recommend}, {"check", cmd::setup_check},
  {"ports", cmd::setup_ports},         {"explain", cmd::setup_explain},
  {"providers", cmd::setup_providers}};

// The command named on the command line, or "" for none. CLI11 would call an
// unknown command "an extra argument"; name it instead, with a suggestion.
std::string_view chosen_command(int argc, const char* const* argv, core::Lang lang)
{
  std::vector<std::string_view> names;
  for (const auto& [name, setup] : k_commands) {
    names.push_back(name);
  }
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg == "--rules" || arg == "--providers" || arg == "--lang" || arg == "--color") {
      ++i; // skip the option's value
      continue;
    }
    if (arg.empty() || arg.front() == '-') {
      continue;
    }
    if (const auto it = std::find(names.begin(), names.end(), arg); it != names.end()) {
      return *it;
    }
    auto message = say(Msg::unknown_command, lang, fmt::arg("value", util::quote_for_message(arg)));
    if (const auto hint = util::closest_match(arg, names)) {
      message += say(Msg::did_you_mean, lang, fmt::arg("hint", *hint));
    }
    throw Fatal(ExitCode::usage, message);
  }
  return {};
}

ExitCode run_or_throw(int argc, const char* const* argv, std::ostream& out, std::ostream& err,
                      bool stdout_is_tty)
{
  const auto lang = detect_lang(argc, argv);
  CLI::App app{std::string(text(Msg::app_description, lang)), "mailports"};
  app.footer(std::string(text(Msg::app_footer, lang)));
  app.set_version_flag("--version", version_text());
  app.fallthrough(); // global options may follow the command
  GlobalOptions global;
  app.add_option("--rules", global.rules_path, std::string(text(Msg::opt_rules, lang)));
  app.add_option("--providers", global.providers_path, std::string(text(Msg::opt_providers, lang)));
  app.add_option("--lang", global.lang, std::string(text(Msg::opt_lang, lang)))
    ->transform(lang_validator(lang));
  app.add_option("--color", global.color, std::string(text(Msg::opt_color, lang)))
    ->transform(color_validator(lang));

  const auto chosen_name = chosen_command(argc, argv, lang);
  std::vector<cmd::Command> commands;
  for (const auto& [name, setup] : k_commands) {
    commands.push_back(setup(app, lang, name == chosen_name));
  }

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) { // --help or --version
      app.exit(e, out, err);
      return ExitCode::ok;
    }
    throw Fatal(ExitCode::usage, e.what());
  }

  const auto chosen = std::find_if(commands.begin(), commands.end(),
                                   [](const cmd::Command& c) { return c.app->parsed(); });
  if (chosen == commands.end()) {
    throw Fatal(ExitCode::usage, std::string(text(Msg::no_command, lang)));
  }
  Context ctx(global, lang, stdout_is_tty);
  const auto outcome = chosen->run(ctx, out);
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

} // namespace

int run(int argc, const char* const* argv, std::ostream& out, std::ostream& err,
        bool stdout_is_tty)
{
  try {
    return static_cast<int>(run_or_throw(argc, argv, out, err, stdout_is_tty));
  } catch (const Fatal& fatal) {
    err << "mailports: error: " << fatal.what() << '\n';
    if (fatal.code() == ExitCode::usage) {
      err << text(Msg::hint_help, detect_lang(argc, argv)) << '\n';
    }
    return static_cast<int>(fatal.code());
  }
}

} // namespace mailports::cli
