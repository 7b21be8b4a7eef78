#include <mailports/cli/cmd/batch.hpp>

#include <mailports/batch/line.hpp>
#include <mailports/cli/fatal.hpp>
#include <mailports/cli/messages.hpp>
#include <mailports/cli/output/json.hpp>
#include <mailports/cli/output/json_text.hpp>
#include <mailports/cli/output/json_writer.hpp>
#include <mailports/cli/url_error.hpp>
#include <mailports/util/text.hpp>

#include <algorithm>
#include <array>
#include <cerrno>
#include <charconv>
#include <cstdio>
#include <cstring>
#include <deque>
#include <memory>
#include <ostream>
#include <optional>
#include <string_view>
#include <vector>

#include <unistd.h>

namespace mailports::cli::cmd {

namespace {

// Longer lines are reported, not buffered: no config line is this long.
constexpr std::size_t k_max_line = 64 * 1024;

// Every field of engine::Query packed in one integer: lines that differ in
// any get their own answer.
std::uint64_t key_of(const engine::Query& q) noexcept
{
  return static_cast<std::uint64_t>(q.port) << 32 | static_cast<std::uint64_t>(q.proto) << 24
         | static_cast<std::uint64_t>(q.tls) << 16 | static_cast<std::uint64_t>(q.role) << 8
         | static_cast<std::uint64_t>(q.tls_stated) << 2 | static_cast<std::uint64_t>(q.proto_inferred) << 1
         | static_cast<std::uint64_t>(q.tls_word_ambiguous);
}

constexpr std::string_view k_no_url = ",\"url\":null,\"host\":null,";

struct Rendered {
  std::string body; // the check result as compact JSON
  core::Verdict verdict = core::Verdict::ok;
  std::size_t no_url = 0; // where k_no_url starts in body
};

// The answers rendered so far, by key_of: open addressing in a power-of-two
// table, a multiply for a hash. A fleet repeats a few settings, so the table
// stays small and a lookup costs a few instructions.
class AnswerCache {
public:
  AnswerCache() : m_slots(64) {}

  // The answer for `key`, or null.
  const Rendered* find(std::uint64_t key) const
  {
    for (auto i = slot_of(key);; i = (i + 1) & (m_slots.size() - 1)) {
      const auto& slot = m_slots[i];
      if (!slot.used) {
        return nullptr;
      }
      if (slot.key == key) {
        return &m_answers[slot.index];
      }
    }
  }

  // Memory stays flat: past this many settings (real files have a few
  // dozen), a new one is rendered for its line and not kept.
  static constexpr std::size_t k_max_kept = 4096;
  [[nodiscard]] bool full() const noexcept { return m_answers.size() >= k_max_kept; }

  const Rendered& add(std::uint64_t key, Rendered answer)
  {
    if (2 * (m_answers.size() + 1) > m_slots.size()) {
      grow();
    }
    m_answers.push_back(std::move(answer));
    place(key, m_answers.size() - 1);
    return m_answers.back();
  }

private:
  struct Slot {
    std::uint64_t key = 0;
    std::size_t index = 0;
    bool used = false;
  };

  std::size_t slot_of(std::uint64_t key) const noexcept
  {
    return static_cast<std::size_t>((key * 0x9E3779B97F4A7C15ULL) >> 32) & (m_slots.size() - 1);
  }

  void place(std::uint64_t key, std::size_t index)
  {
    auto i = slot_of(key);
    while (m_slots[i].used) {
      i = (i + 1) & (m_slots.size() - 1);
    }
    m_slots[i] = Slot{key, index, true};
  }

  void grow()
  {
    auto old = std::move(m_slots);
    m_slots.assign(old.size() * 2, Slot{});
    for (const auto& slot : old) {
      if (slot.used) {
        place(slot.key, slot.index);
      }
    }
  }

  std::vector<Slot> m_slots;
  std::deque<Rendered> m_answers; // stable addresses
};

// The answers, gathered in one buffer and handed to the stream in large
// writes: when the buffer is full, and before the input may block, so that
// a line arriving on a pipe is answered at once.
class Output {
public:
  explicit Output(std::ostream& out) : m_out(out) { m_buffer.reserve(k_flush_at + 64 * 1024); }

  std::string& buffer() noexcept { return m_buffer; }

  void line_done()
  {
    if (m_buffer.size() >= k_flush_at) {
      flush();
    }
  }

  void flush()
  {
    if (!m_buffer.empty() && m_out) {
      m_out.write(m_buffer.data(), static_cast<std::streamsize>(m_buffer.size()));
      m_out.flush();
    }
    m_buffer.clear();
  }

  // False once a write failed: the rest is not worth computing.
  [[nodiscard]] bool good() const { return static_cast<bool>(m_out); }

private:
  static constexpr std::size_t k_flush_at = 256 * 1024;
  std::ostream& m_out;
  std::string m_buffer;
};

// Reads lines of at most k_max_line bytes from a FILE, in constant memory:
// a block at a time, each line found with memchr (reading a byte at a time
// cost more than parsing the line).
class LineReader {
public:
  LineReader(std::FILE* file, Output& output) : m_file(file), m_output(output), m_block(k_block) {}

  // False at the end of input. The line is a view of the block, or of a
  // copy when it spans blocks; valid until the next call. `too_long` is set
  // for a line that was cut.
  bool next(std::string_view& line, bool& too_long)
  {
    m_line.clear();
    too_long = false;
    bool any = false;
    for (;;) {
      if (m_begin == m_end && !fill()) {
        break;
      }
      const char* begin = m_block.data() + m_begin;
      const auto available = m_end - m_begin;
      const auto* newline = static_cast<const char*>(std::memchr(begin, '\n', available));
      const auto length = newline != nullptr ? static_cast<std::size_t>(newline - begin) : available;
      if (newline != nullptr && !any) { // the whole line is in the block: no copy
        m_begin += length + 1;
        too_long = length > k_max_line;
        line = std::string_view(begin, std::min(length, k_max_line));
        if (!line.empty() && line.back() == '\r') {
          line.remove_suffix(1);
        }
        return true;
      }
      any = true;
      const auto room = k_max_line - std::min(k_max_line, m_line.size());
      m_line.append(begin, std::min(length, room));
      too_long = too_long || length > room;
      m_begin += length;
      if (newline != nullptr) {
        ++m_begin;
        break;
      }
    }
    if (!m_line.empty() && m_line.back() == '\r') {
      m_line.pop_back();
    }
    line = m_line;
    return any;
  }

  // errno of a failed read, else 0.
  [[nodiscard]] int error() const noexcept { return m_error; }

private:
  static constexpr std::size_t k_block = 256 * 1024;

  // read(2), not fread: it returns what a pipe has, so each line is answered
  // as soon as it arrives (fread would wait for a whole block). What is
  // answered so far goes out first, as this read may wait.
  bool fill()
  {
    m_output.flush();
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
  Output& m_output;
  std::vector<char> m_block;
  std::string m_line; // a line that spans blocks
  std::size_t m_begin = 0;
  std::size_t m_end = 0;
  int m_error = 0;
};

// JSON text of a URL's part: as it is when it is plain ASCII (what the fast
// path gives), else through the writer.
bool plain_json_text(std::string_view text) noexcept
{
  return std::all_of(text.begin(), text.end(), [](char c) {
    const auto byte = static_cast<unsigned char>(c);
    return byte >= 0x20 && byte < 0x80 && c != '"' && c != '\\';
  });
}

// A cached answer (rendered without a URL) with the URL and host of one
// line, after its "{": only the members themselves can match k_no_url, as a
// quote inside a string value is escaped. `plain`: the URL is known to be
// plain ASCII (the fast path's are).
void append_with_url(std::string& out, const Rendered& answer, const url::MailUrl& url, bool plain)
{
  const std::string_view body = answer.body;
  out.append(body.substr(1, answer.no_url));
  if (plain || (plain_json_text(url.redacted) && plain_json_text(url.host))) {
    out += "\"url\":\"";
    out += url.redacted;
    out += "\",\"host\":\"";
    out += url.host;
    out += '"';
  } else {
    output::JsonWriter w(-1, 2 * url.redacted.size() + 64);
    w.begin_object().field("url", url.redacted).field("host", url.host).end_object();
    const auto members = std::move(w).finish(); // {"url":...,"host":...}
    out.append(members, 1, members.size() - 2);
  }
  out.append(body.substr(answer.no_url + k_no_url.size() - 1));
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

void write_error(std::string& out, std::size_t line, const nlohmann::json& id,
                 std::string_view code, const std::string& message)
{
  output::Json result{{"line", line}};
  if (!id.is_null()) {
    result["id"] = id;
  }
  result["error"] = output::Json{{"code", code}, {"message", message}};
  out += compact(result);
  out += '\n';
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
  AnswerCache answers;
  Rendered uncached; // a setting's answer when the cache is full
  batch::LineParser parser(table);
  batch::FastLine fast;
  Output output(out);
  std::string& buffer = output.buffer();
  LineReader reader(file.get(), output);
  std::string_view line;
  std::string id_text; // a slow line's id as JSON
  bool too_long = false;
  std::size_t number = 0;
  auto worst = core::Verdict::ok;
  bool malformed = false;
  while (output.good() && reader.next(line, too_long)) {
    ++number;
    if (too_long) {
      malformed = true;
      write_error(buffer, number, nullptr, "line-too-long",
                  say(Msg::batch_line_too_long, lang, fmt::arg("value", k_max_line)));
      output.line_done();
      continue;
    }
    // The fast path's views, or the full parser's answer.
    const engine::Query* q = &fast.query;
    std::string_view id;
    const url::MailUrl* url = nullptr;
    std::optional<batch::LineQuery> slow;
    if (!parser.parse_fast(line, fast)) {
      auto parsed = batch::parse_line_full(line, table);
      if (!parsed) {
        malformed = true;
        write_error(buffer, number, parsed.error().id, parsed.error().code(), describe(parsed.error(), lang));
        output.line_done();
        continue;
      }
      slow = std::move(parsed).value();
      q = &slow->query;
      id_text = slow->id.is_null() ? std::string()
                                   : slow->id.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
      id = id_text;
      url = slow->url ? &*slow->url : nullptr;
    } else {
      id = fast.id;
      url = fast.has_url ? &fast.url : nullptr;
    }
    const auto key = key_of(*q);
    const Rendered* answer = answers.find(key);
    if (answer == nullptr) {
      const auto checked = engine::check(table, *q);
      auto body = output::check_json_compact(checked, table, lang, nullptr);
      const auto at = body.find(k_no_url);
      if (answers.full()) {
        uncached = Rendered{std::move(body), checked.verdict, at};
        answer = &uncached;
      } else {
        answer = &answers.add(key, Rendered{std::move(body), checked.verdict, at});
      }
    }
    worst = std::max(worst, answer->verdict);
    std::array<char, 24> digits{};
    const auto end = std::to_chars(digits.data(), digits.data() + digits.size(), number).ptr;
    buffer += "{\"line\":";
    buffer.append(digits.data(), end);
    if (!id.empty()) {
      buffer += ",\"id\":";
      buffer += id;
    }
    buffer += ',';
    if (url != nullptr) {
      // The same answer with this line's URL and host: the check depends on
      // the setting alone (json_text_test holds the two renderings equal).
      append_with_url(buffer, *answer, *url, !slow);
    } else {
      buffer.append(std::string_view(answer->body).substr(1));
    }
    buffer += '\n';
    output.line_done();
  }
  output.flush();
  if (reader.error() != 0) {
    throw Fatal(ExitCode::no_input,
                say(Msg::input_unreadable, lang, fmt::arg("path", util::quote_for_message(from_stdin ? "-" : path)),
                    fmt::arg("reason", std::strerror(reader.error()))));
  }
  return Outcome{malformed ? ExitCode::data_invalid : exit_code_of(worst), {}, {}};
}

} // namespace mailports::cli::cmd
