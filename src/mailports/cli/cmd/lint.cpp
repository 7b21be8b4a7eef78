#include <mailports/cli/cmd/lint.hpp>

#include <mailports/cli/cmd/client_format.hpp>
#include <mailports/cli/command_spec.hpp>
#include <mailports/cli/fatal.hpp>
#include <mailports/cli/messages.hpp>
#include <mailports/cli/output/clientconf.hpp>
#include <mailports/clientconf/installed.hpp>
#include <mailports/util/file.hpp>
#include <mailports/util/text.hpp>

#include <unistd.h>

#include <array>
#include <cerrno>
#include <map>
#include <memory>
#include <sstream>

namespace mailports::cli::cmd {

namespace {

// One byte past the limit, so that a file over it is told apart.
constexpr std::size_t k_read_limit = clientconf::k_max_config_bytes + 1;

core::Result<std::string, util::FileError> read_stdin()
{
  std::string content;
  std::array<char, 65536> buffer{};
  for (;;) {
    const auto n = ::read(0, buffer.data(), buffer.size());
    if (n == 0) {
      return content;
    }
    if (n < 0) {
      if (errno == EINTR) {
        continue;
      }
      return util::FileError{util::FileError::Kind::unreadable, std::strerror(errno)};
    }
    content.append(buffer.data(), static_cast<std::size_t>(n));
    if (content.size() > k_read_limit) {
      return content; // split_lines refuses it as too large
    }
  }
}

std::string syntax_message(const clientconf::SyntaxError& error, const std::string& path,
                           const clientconf::Format& format, core::Lang lang)
{
  using Kind = clientconf::SyntaxError::Kind;
  Msg id = Msg::lint_syntax_bad_syntax;
  switch (error.kind) {
  case Kind::binary:
    id = Msg::lint_syntax_binary;
    break;
  case Kind::too_large:
    id = Msg::lint_syntax_too_large;
    break;
  case Kind::not_utf8:
    id = Msg::lint_syntax_not_utf8;
    break;
  case Kind::unterminated_quote:
    id = Msg::lint_syntax_unterminated_quote;
    break;
  case Kind::not_xml:
    id = Msg::lint_syntax_not_xml;
    break;
  case Kind::bad_syntax:
    break;
  }
  return say(id, lang, fmt::arg("path", path), fmt::arg("line", error.where.line),
             fmt::arg("column", error.where.column), fmt::arg("format", format.name),
             fmt::arg("value", util::quote_for_message(error.detail)));
}

} // namespace

Command setup_lint(CLI::App& parent, core::Lang lang, bool with_options)
{
  auto options = std::make_shared<LintOptions>();
  CommandSpec spec(parent, "lint", Msg::cmd_lint, Msg::footer_lint, lang);
  if (with_options) {
    spec.option("files", options->files, Msg::opt_lint_files).check(Check::non_empty).type_name("FILE");
    spec.flag("--formats", options->list_formats, Msg::opt_formats);
    spec.option("--format", options->format, Msg::opt_lint_format).check(Check::non_empty).type_name("FORMAT");
    spec.option("--client-version", options->client_version, Msg::opt_client_version)
      .check(Check::non_empty)
      .type_name("VERSION");
    spec.flag("--json", options->json, Msg::opt_json);
  }
  return Command{spec.app(), [options](Context& ctx, std::ostream& /*out*/) { return run_lint(*options, ctx); }};
}

Outcome run_lint(const LintOptions& options, Context& ctx)
{
  const auto lang = ctx.lang();
  const auto& table = ctx.table();
  if (options.list_formats) {
    return Outcome{ExitCode::ok, formats_listing(true, lang), {}};
  }
  if (options.files.empty()) {
    throw Fatal(ExitCode::usage, std::string(text(Msg::lint_files_needed, lang)));
  }
  const clientconf::Format* forced = options.format.empty() ? nullptr : &format_named(options.format, true, lang);
  const auto version_option = client_version_option(options.client_version, lang);
  std::map<std::string_view, clientconf::VersionChoice> versions; // each client asked once

  std::vector<output::LintedFile> files;
  std::string diagnostic;
  auto code = ExitCode::ok;
  const auto fail = [&](output::LintedFile& file, ExitCode exit, std::string message) {
    // One line per file; app.cpp puts "mailports: " before the first.
    diagnostic += (diagnostic.empty() ? "error: " : "\nmailports: error: ") + message;
    file.error = std::move(message);
    file.error_code = exit;
    // 66 (a file missing) outranks 65 (a file unreadable as its format).
    if (exit == ExitCode::no_input || code != ExitCode::no_input) {
      code = exit;
    }
  };
  for (const auto& path : options.files) {
    output::LintedFile file;
    file.path = path;
    const auto shown = util::quote_for_message(path);
    if (path == "-" && forced == nullptr) {
      throw Fatal(ExitCode::usage, std::string(text(Msg::lint_stdin_needs_format, lang)));
    }
    auto content = path == "-" ? read_stdin() : util::read_file(path, k_read_limit);
    if (!content && content.error().kind == util::FileError::Kind::too_large) {
      content = std::string(k_read_limit, ' '); // split_lines names it
    }
    if (!content) {
      fail(file, ExitCode::no_input,
           content.error().kind == util::FileError::Kind::not_found
             ? say(Msg::input_not_found, lang, fmt::arg("path", shown))
             : say(Msg::input_unreadable, lang, fmt::arg("path", shown), fmt::arg("reason", content.error().reason)));
      files.push_back(std::move(file));
      continue;
    }
    file.format = forced != nullptr ? forced : clientconf::detect_format(path, *content);
    if (file.format == nullptr) {
      fail(file, ExitCode::data_invalid,
           say(Msg::lint_undetected, lang, fmt::arg("path", shown), fmt::arg("value", format_names(true))));
      files.push_back(std::move(file));
      continue;
    }
    auto known = versions.find(file.format->name);
    if (known == versions.end()) {
      known = versions.emplace(file.format->name, clientconf::choose_version(*file.format, version_option)).first;
    }
    file.version = known->second;
    auto parsed = file.format->read(*content, clientconf::ReadOptions{file.version});
    if (!parsed) {
      file.error_at = parsed.error().where;
      fail(file, ExitCode::data_invalid, syntax_message(parsed.error(), shown, *file.format, lang));
      files.push_back(std::move(file));
      continue;
    }
    file.result = clientconf::judge(table, std::move(parsed).value());
    files.push_back(std::move(file));
  }

  std::ostringstream out;
  auto verdict = core::Verdict::ok;
  for (const auto& file : files) {
    if (file.result) {
      verdict = std::max(verdict, file.result->verdict);
    }
  }
  if (options.json) {
    output::write_json(out, output::lint_json(files, table, lang));
  } else {
    output::lint_text(out, {table, lang, ctx.style()}, files);
  }
  return Outcome{code != ExitCode::ok ? code : exit_code_of(verdict), out.str(), diagnostic};
}

} // namespace mailports::cli::cmd
