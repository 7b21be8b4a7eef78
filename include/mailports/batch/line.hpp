// One line of a batch audit (NDJSON): {"proto","port","tls"} or {"url"},
// with an optional "role" and an optional "id" that is echoed back.
#pragma once

#include <mailports/core/result.hpp>
#include <mailports/engine/check.hpp>
#include <mailports/url/mail_url.hpp>

#include <nlohmann/json.hpp>

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace mailports::batch {

struct LineQuery {
  engine::Query query;
  nlohmann::json id;                // null when the line has none
  std::optional<url::MailUrl> url;  // set for {"url"} lines
};

struct LineError {
  enum class Problem {
    not_json,       // code "bad-json"
    not_object,     // "bad-json"; value: the JSON type found
    wrong_type,     // "bad-field" from here on; field, value: the type found
    bad_port,       // value: the port as given
    bad_value,      // field, value
    missing,        // field
    url_and_setting,
    bad_url,        // value: the URL, password redacted
    no_port,        // value: the URL
    tls_conflict,   // field: the scheme, value: the mode
    no_choices,     // field: the protocol, value: the role; no rules for them, as in `check`
  };
  Problem problem = Problem::not_json;
  std::string field;
  std::string value;  // safe to print: escaped, never holds a password
  nlohmann::json id;  // echoed when the line was JSON with an "id"
  std::optional<url::UrlError> url; // bad_url: why, for the words `check` uses

  [[nodiscard]] std::string_view code() const noexcept
  {
    return problem == Problem::not_json || problem == Problem::not_object ? "bad-json"
                                                                           : "bad-field";
  }
};

// Parses and validates one line against the rules table (for a URL's
// default port and a missing TLS mode, as `check URL` does).
core::Result<LineQuery, LineError> parse_line(std::string_view line, const rules::Table& table);

// A line as the fast path reads it, in views of the line: nothing is
// allocated for it but a URL's parts.
struct FastLine {
  engine::Query query;
  std::string_view id; // the "id" as nlohmann dumps it (the line's own bytes), empty when none
  bool has_url = false;
  url::MailUrl url;    // when has_url; reused from line to line
};

// parse_line for many lines with one table: it remembers how each word
// ("starttls", "SMTP") and each protocol and role read, so that a line of
// words seen before costs only its scan.
class LineParser {
public:
  explicit LineParser(const rules::Table& table);

  // The fast path alone: true when `out` holds the line's answer, the one
  // parse_line_full gives; false sends the line to parse_line_full. Takes
  // flat lines ({"id","proto","port","tls","role"}) and URL lines
  // ({"id","url","tls","role"}) of plain ASCII strings and integers.
  bool parse_fast(std::string_view line, FastLine& out);

  // parse_line's answer.
  core::Result<LineQuery, LineError> parse(std::string_view line);

private:
  // A word's reading, remembered by its bytes (short words only).
  template <typename T>
  struct Memo {
    struct Entry {
      std::array<char, 24> text{};
      std::uint8_t size = 0;
      std::optional<T> value;
      bool ambiguous = false; // tls words: core::is_ambiguous_tls_word
    };
    std::array<Entry, 16> entries{};
    std::size_t count = 0;
    Entry scratch; // a word too long to keep, or one past the 16 kept
  };

  template <typename T, typename Read>
  static const typename Memo<T>::Entry& remember(Memo<T>& memo, std::string_view word, Read read);

  bool has_choices(core::Proto proto, core::Role role) const;

  const rules::Table& m_table;
  Memo<core::Proto> m_protos;
  Memo<core::TlsMode> m_tls;
  std::array<std::array<bool, 2>, 3> m_choices{}; // [proto][role]
};

// parse_line without its fast path: every line through nlohmann/json. The
// fast path reads the common flat line ({"id","proto","port","tls","role"},
// plain ASCII strings and integers) by hand and leaves anything else,
// including every error, to this one; both must give the same result
// (tests/unit/mailports/batch/line_test.cpp, tests/fuzz/fuzz_batch_line.cpp).
core::Result<LineQuery, LineError> parse_line_full(std::string_view line, const rules::Table& table);

} // namespace mailports::batch
