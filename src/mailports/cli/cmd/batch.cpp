#include <mailports/cli/cmd/batch.hpp>

#include <mailports/batch/line.hpp>
#include <mailports/cli/fatal.hpp>
#include <mailports/cli/messages.hpp>
#include <mailports/cli/output/json.hpp>
#include <mailports/cli/output/json_text.hpp>
#include <mailports/cli/output/json_writer.hpp>
#include <mailports/cli/url_error.hpp>
#include <mailports/util/text.hpp>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <map>
#include <memory>
#include <ostream>
#include <tuple>
#include <vector>

#include <unistd.h>

namespace mailports::cli::cmd {

namespace {

// Longer lines are reported, not buffered: no config line is this long.
constexpr std::size_t k_max_line = 64 * 1024;

// Every field of engine::Query: lines that differ in any get their own answer.
using Key = std::tuple<core::Proto, std::uint16_t, core::TlsMode, core::Role, bool, bool, bool>;

struct Rendered {
  std::string body; // the check result as compact JSON
  core::Verdict verdict = core::Verdict::ok;
};

// Reads lines of at most k_max_line bytes from a FILE, in constant memory:
// a block at a time, each line found with memchr (reading a byte at a time
// cost more than parsing the line).
class LineReader {
public:
  explicit LineReader(std::FILE* file) : m_file(file), m_block(k_block) {}

  // False at the end of input. `too_long` is set for a line that was cut.
  bool next(std::string& line, bool& too_long)
  {
    line.clear();
    too_long = false;
    bool any = false;
    for (;;) {
      if (m_begin == m_end && !fill()) {
        break;
      }
      any = true;
      const char* begin = m_block.data() + m_begin;
      const auto available = m_end - m_begin;
      const auto* newline = static_cast<const char*>(std::memchr(begin, '\n', available));
      const auto length = newline != nullptr ? static_cast<std::size_t>(newline - begin) : available;
      const auto room = k_max_line - std::min(k_max_line, line.size());
      line.append(begin, std::min(length, room));
      too_long = too_long || length > room;
      m_begin += length;
      if (newline != nullptr) {
        ++m_begin;
        break;
      }
    }
    if (!line.empty() && line.back() == '\r') {
      line.pop_back();
    }
    return any;
  }

  // errno of a failed read, else 0.
  [[nodiscard]] int error() const noexcept { return m_error; }

private:
  static constexpr std::size_t k_block = 256 * 1024;

  // read(2), not fread: it returns what a pipe has, so each line is answered
  // as soon as it arrives (fread would wait for a whole block).
  bool fill()
  {
    m_begin = 0;
    m_end = 0;
    for (;;) {
      const auto got = ::read(::fileno(m_file), m_block.data(), m_block.size());
      if (got >= 0) {
        m_end = static_cast<std::size_t>(got);
        return got > 0;
      }
      if (errno != EINTR) {
        m_error = errno;
        return false;
      }
    }
  }

  std::FILE* m_file;
  std::vector<char> m_block;
  std::size_t m_begin = 0;
  std::size_t m_end = 0;
  int m_error = 0;
};

// A cached answer (rendered without a URL) with the URL and host of one line.
std::string with_url(std::string_view body, const url::MailUrl& url)
{
  // Only the members themselves can match: a quote inside a string value
  // is escaped.
  constexpr std::string_view k_no_url = ",\"url\":null,\"host\":null,";
  const auto at = body.find(k_no_url);
  output::JsonWriter w(-1, body.size() + 2 * url.redacted.size() + 64);
  w.begin_object().field("url", url.redacted).field("host", url.host).end_object();
  const auto members = std::move(w).finish(); // {"url":...,"host":...}
  std::string out(body.substr(0, at + 1));
  out.append(members, 1, members.size() - 2);
  out += body.substr(at + k_no_url.size() - 1);
  return out;
}

std::string compact(const output::Json& json)
{
  return json.dump(-1, ' ', false, output::Json::error_handler_t::replace);
}

std::string describe(const batch::LineError& error, core::Lang lang)
{
  using Problem = batch::LineError::Problem;
  const auto msg = [&error] {
    switch (error.problem) {
    case Problem::not_json:
      return Msg::batch_not_json;
    case Problem::not_object:
      return Msg::batch_not_object;
    case Problem::wrong_type:
      return Msg::batch_wrong_type;
    case Problem::bad_port:
      return Msg::batch_bad_port;
    case Problem::bad_value:
      return Msg::batch_bad_value;
    case Problem::missing:
      return Msg::batch_missing;
    case Problem::url_and_setting:
      return Msg::batch_url_and_setting;
    case Problem::bad_url:
      return Msg::batch_bad_url;
    case Problem::no_port:
      return Msg::batch_no_port;
    case Problem::tls_conflict:
      return Msg::batch_tls_conflict;
    case Problem::no_choices:
      return Msg::no_choices;
    }
    return Msg::batch_not_json;
  }();
  if (error.problem == Problem::bad_url && error.url) { // the words `check URL` uses
    return url_error_message(*error.url, lang);
  }
  if (error.problem == Problem::no_choices) { // the words `check` uses for the same setting
    const auto role = core::parse_role(error.value).value_or(core::Role::relay);
    return say(msg, lang, fmt::arg("role", role_label(role, lang)), fmt::arg("proto", error.field));
  }
  return say(msg, lang, fmt::arg("field", error.field), fmt::arg("value", error.value));
}

void write_error(std::ostream& out, std::size_t line, const nlohmann::json& id,
                 std::string_view code, const std::string& message)
{
  output::Json result{{"line", line}};
  if (!id.is_null()) {
    result["id"] = id;
  }
  result["error"] = output::Json{{"code", code}, {"message", message}};
  out << compact(result) << '\n';
}

} // namespace

Outcome run_batch(const std::string& path, Context& ctx, std::ostream& out)
{
  const bool from_stdin = path.empty() || path == "-";
  const std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(
    from_stdin ? stdin : std::fopen(path.c_str(), "rb"), from_stdin ? [](std::FILE*) { return 0; } : &std::fclose);
  if (!file) {
    const int err = errno;
    const auto shown = util::quote_for_message(from_stdin ? "-" : path);
    throw Fatal(ExitCode::no_input, err == ENOENT ? say(Msg::input_not_found, ctx.lang(), fmt::arg("path", shown))
                                                  : say(Msg::input_unreadable, ctx.lang(), fmt::arg("path", shown),
                                                        fmt::arg("reason", std::strerror(err))));
  }
  const auto& table = ctx.table();
  const auto lang = ctx.lang();
  // A fleet repeats the same few settings: render each one once.
  std::map<Key, Rendered> rendered;
  LineReader reader(file.get());
  std::string line;
  std::string record; // the answer to one line
  bool too_long = false;
  std::size_t number = 0;
  auto worst = core::Verdict::ok;
  bool malformed = false;
  while (reader.next(line, too_long)) {
    ++number;
    if (too_long) {
      malformed = true;
      write_error(out, number, nullptr, "line-too-long",
                  say(Msg::batch_line_too_long, lang, fmt::arg("value", k_max_line)));
      continue;
    }
    auto parsed = batch::parse_line(line, table);
    if (!parsed) {
      malformed = true;
      write_error(out, number, parsed.error().id, parsed.error().code(),
                  describe(parsed.error(), lang));
      continue;
    }
    const auto& q = parsed->query;
    const Key key{q.proto, q.port, q.tls, q.role, q.tls_stated, q.proto_inferred, q.tls_word_ambiguous};
    auto it = rendered.find(key);
    if (it == rendered.end()) {
      const auto checked = engine::check(table, q);
      it = rendered
             .emplace(key, Rendered{output::check_json_compact(checked, table, lang, nullptr),
                                    checked.verdict})
             .first;
    }
    Rendered url_result;
    const Rendered* result = &it->second;
    if (parsed->url) {
      // The same answer with this line's URL and host: the check depends on
      // the setting alone (json_text_test holds the two renderings equal).
      url_result = Rendered{with_url(result->body, *parsed->url), result->verdict};
      result = &url_result;
    }
    worst = std::max(worst, result->verdict);
    const std::string_view body = result->body;
    // One write a line: each << on the stream costs a sentry and a call.
    record = "{\"line\":";
    record += std::to_string(number);
    if (!parsed->id.is_null()) {
      record += ",\"id\":";
      record += parsed->id.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    }
    record += ',';
    record += body.substr(1);
    record += '\n';
    out.write(record.data(), static_cast<std::streamsize>(record.size()));
    if (!out) {
      break;
    }
  }
  if (reader.error() != 0) {
    throw Fatal(ExitCode::no_input,
                say(Msg::input_unreadable, lang, fmt::arg("path", util::quote_for_message(from_stdin ? "-" : path)),
                    fmt::arg("reason", std::strerror(reader.error()))));
  }
  return Outcome{malformed ? ExitCode::data_invalid : exit_code_of(worst), {}, {}};
}

} // namespace mailports::cli::cmd
