#include <mailports/cli/cmd/diagnose.hpp>

#include <mailports/cli/command_spec.hpp>
#include <mailports/cli/fatal.hpp>
#include <mailports/cli/messages.hpp>
#include <mailports/cli/options.hpp>
#include <mailports/cli/output/diagnose.hpp>
#include <mailports/engine/lookup.hpp>
#include <mailports/util/text.hpp>
#include <mailports/util/unicode.hpp>

#include <fcntl.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <memory>
#include <sstream>

namespace mailports::cli::cmd {

namespace {

// Standard input without --file is one pasted message unless it is a
// stream of many lines: more lines than any wrapped message or stack trace
// users paste, or more bytes than one message is matched on. Past either,
// it is read as a log, as --file - would.
constexpr std::uint64_t k_max_message_lines = 100;
constexpr std::size_t k_max_message = diagnose::k_max_line;

// The bytes of `fd` to their end, handed to `take` in chunks. Returns errno
// of a failed read, else 0.
template <typename Take>
int read_all(int fd, Take&& take)
{
  std::array<char, 64 * 1024> buffer;
  for (;;) {
    const auto n = ::read(fd, buffer.data(), buffer.size());
    if (n == 0) {
      return 0;
    }
    if (n < 0) {
      if (errno == EINTR) {
        continue;
      }
      return errno;
    }
    take(std::string_view(buffer.data(), static_cast<std::size_t>(n)));
  }
}

[[noreturn]] void unreadable(const std::string& path, int err, core::Lang lang)
{
  const auto shown = util::quote_for_message(path);
  throw Fatal(ExitCode::no_input, err == ENOENT ? say(Msg::input_not_found, lang, fmt::arg("path", shown))
                                                : say(Msg::input_unreadable, lang, fmt::arg("path", shown),
                                                      fmt::arg("reason", std::strerror(err))));
}

diagnose::Context context_of(const DiagnoseOptions& options)
{
  diagnose::Context c;
  if (!options.proto.empty()) {
    c.proto = core::parse_proto(options.proto);
  }
  if (!options.port.empty()) {
    c.port = to_port(options.port);
  }
  if (!options.tls.empty()) {
    c.tls = core::parse_tls_mode(options.tls);
  }
  if (!options.role.empty()) {
    c.role = core::parse_role(options.role);
  }
  return c;
}

output::DiagnosedMatch read_match(const rules::Table& table, const diagnose::Family& family, std::uint64_t line,
                                  const diagnose::Context& context)
{
  output::DiagnosedMatch m{&family, line, diagnose::read_causes(table, family, context), false};
  const bool any_setting = std::any_of(m.causes.begin(), m.causes.end(), [](const auto& c) { return c.check.has_value(); });
  const bool none_fits = std::none_of(m.causes.begin(), m.causes.end(),
                                      [](const auto& c) { return c.check.has_value() && c.fits; });
  m.contradicts = !context.empty() && any_setting && none_fits;
  return m;
}

// Check the user's setting when it is complete, the protocol taken from the
// port when the rules give that port to one protocol alone (as check does);
// else note what the user would have to add.
void complete_context(const rules::Table& table, output::Diagnosis& d)
{
  auto& c = d.context;
  bool inferred = false;
  if (!c.proto && c.port) {
    if (const auto proto = engine::sole_proto_of_port(table, *c.port)) {
      c.proto = proto;
      inferred = true;
    }
  }
  if (c.proto && c.port && c.tls) {
    engine::Query q{*c.proto, *c.port, *c.tls, c.role.value_or(core::Role::client), true};
    q.proto_inferred = inferred;
    d.context_check = engine::check(table, q);
    return;
  }
  if (c.empty()) {
    return;
  }
  if (!c.proto) {
    d.context_missing.push_back("--proto");
    if (c.port) {
      const auto entries = engine::entries_for_port(table, *c.port);
      const bool some = std::any_of(entries.begin(), entries.end(),
                                    [](const rules::Entry* e) { return e->proto.has_value(); });
      d.port_several = some;
    }
  }
  if (!c.port) {
    d.context_missing.push_back("--port");
  }
  if (!c.tls) {
    d.context_missing.push_back("--tls");
  }
}

core::Verdict verdict_of(const std::vector<output::DiagnosedMatch>& matches)
{
  auto verdict = core::Verdict::ok;
  for (const auto& m : matches) {
    for (const auto& c : m.causes) {
      if (c.fits || m.contradicts) {
        verdict = std::max(verdict, core::verdict_of(c.cause->finding->severity));
      }
    }
  }
  return verdict;
}

} // namespace

Command setup_diagnose(CLI::App& parent, core::Lang lang, bool with_options)
{
  auto options = std::make_shared<DiagnoseOptions>();
  CommandSpec spec(parent, "diagnose", Msg::cmd_diagnose, Msg::footer_diagnose, lang);
  if (with_options) {
    spec.option("text", options->text, Msg::opt_diagnose_text).type_name("TEXT");
    spec.option("--file", options->file, Msg::opt_diagnose_file).check(Check::non_empty).type_name("FILE|-");
    spec.option("--proto", options->proto, Msg::opt_diagnose_proto).transform(Transform::proto);
    spec.option("--port", options->port, Msg::opt_diagnose_port).check(Check::port).type_name("PORT");
    spec.option("--tls", options->tls, Msg::opt_diagnose_tls).transform(Transform::tls);
    spec.option("--role", options->role, Msg::opt_role).transform(Transform::role);
    spec.flag("--json", options->json, Msg::opt_json);
  }
  return Command{spec.app(), [options](Context& ctx, std::ostream& /*out*/) {
                   return run_diagnose(*options, ctx);
                 }};
}

Outcome run_diagnose(const DiagnoseOptions& options, Context& ctx)
{
  const auto lang = ctx.lang();
  const auto& table = ctx.table();
  const auto& catalog = ctx.diagnoses();
  if (options.file && !options.text.empty()) {
    throw Fatal(ExitCode::usage, std::string(text(Msg::diagnose_text_and_file, lang)));
  }
  output::Diagnosis d;
  d.context = context_of(options);
  complete_context(table, d);

  std::optional<diagnose::LogScanner> scanner;
  bool stdin_became_log = false; // standard input proved to be a log
  std::string message;
  if (options.file) {
    // Log mode: streamed, one line at a time.
    const bool from_stdin = *options.file == "-";
    const int fd = from_stdin ? STDIN_FILENO : ::open(options.file->c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
      unreadable(*options.file, errno, lang);
    }
    scanner.emplace(catalog);
    const int err = read_all(fd, [&](std::string_view chunk) { scanner->feed(chunk); });
    if (!from_stdin) {
      ::close(fd);
    }
    if (err != 0) {
      unreadable(*options.file, err, lang);
    }
  } else if (!options.text.empty()) {
    for (const auto& word : options.text) {
      message += (message.empty() ? "" : " ") + word;
    }
  } else {
    // Standard input: held as one message until it proves to be a stream
    // of many lines, then handed to the log reader, held bytes first.
    std::uint64_t newlines = 0;
    const int err = read_all(STDIN_FILENO, [&](std::string_view chunk) {
      if (scanner) {
        scanner->feed(chunk);
        return;
      }
      message.append(chunk);
      newlines += static_cast<std::uint64_t>(std::count(chunk.begin(), chunk.end(), '\n'));
      if (newlines >= k_max_message_lines || message.size() > k_max_message) {
        scanner.emplace(catalog);
        stdin_became_log = true;
        scanner->feed(message);
        message = std::string();
      }
    });
    if (err != 0) {
      unreadable("-", err, lang);
    }
  }

  if (scanner) {
    scanner->finish();
    d.lines = scanner->lines();
    for (const auto& found : scanner->found()) {
      d.matches.push_back(read_match(table, *found.family, found.first_lines.front(), d.context));
    }
    d.summary = &scanner->found();
  } else {
    // One message; a wrapped message is one message, so its lines are
    // joined (normalize makes them spaces).
    d.lines = message.empty() ? 0 : 1 + static_cast<std::uint64_t>(std::count(message.begin(), message.end(), '\n'));
    // Full-width letters and digits, as Japanese clients show them, read as ASCII.
    const auto normalized = diagnose::normalize(util::is_ascii(message) ? message : util::nfkc(message));
    for (const auto* family : diagnose::match(catalog, normalized)) {
      d.matches.push_back(read_match(table, *family, 1, d.context));
    }
  }
  d.verdict = verdict_of(d.matches);

  // A script that pipes in a long trace gets a log's answer: said on stderr.
  const std::string switched = stdin_became_log ? std::string(text(Msg::diagnose_stdin_is_log, lang)) : "";
  std::ostringstream out;
  if (options.json) {
    output::write_json(out, output::diagnose_json(d, table, lang));
  } else if (!d.matches.empty()) {
    output::diagnose_text(out, {table, lang, ctx.style()}, d);
  }
  if (d.matches.empty()) {
    return Outcome{ExitCode::not_found, out.str(),
                   (switched.empty() ? "" : switched + "\nmailports: ") + std::string(text(Msg::diagnose_nothing, lang))};
  }
  return Outcome{exit_code_of(d.verdict), out.str(), switched};
}

} // namespace mailports::cli::cmd
