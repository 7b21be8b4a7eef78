// rules::parse_json_strict on arbitrary text, against plain nlohmann::json as
// the reference: strict parsing must agree with it except that a key given
// twice is an error, and its messages must have the documented shape.
#include "fuzz_support.hpp"

#include <mailports/rules/json_parse.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

namespace {

using namespace mailports;

// "LINE:COLUMN: what" -> LINE, if the message has that shape.
std::optional<std::size_t> line_of(const std::string& message)
{
  std::size_t i = 0;
  std::size_t line = 0;
  while (i < message.size() && message[i] >= '0' && message[i] <= '9') {
    line = line * 10 + static_cast<std::size_t>(message[i] - '0');
    ++i;
  }
  if (i == 0 || i >= message.size() || message[i] != ':') {
    return std::nullopt;
  }
  const std::size_t column_start = ++i;
  while (i < message.size() && message[i] >= '0' && message[i] <= '9') {
    ++i;
  }
  if (i == column_start || message.compare(i, 2, ": ") != 0) {
    return std::nullopt;
  }
  return line;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
  const auto text = mailports_fuzz::as_text(data, size);
  const auto strict = rules::parse_json_strict(text);

  const bool duplicate = !strict && strict.error().message.starts_with(" /")
                         && strict.error().message.ends_with(": duplicate key");
  if (!strict && !duplicate) {
    const auto line = line_of(strict.error().message);
    MAILPORTS_FUZZ_CHECK(line.has_value());
    MAILPORTS_FUZZ_CHECK(*line >= 1);
    MAILPORTS_FUZZ_CHECK(*line <= static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')) + 1);
  }
  if (strict) {
    // What we accept, we can write back and accept again.
    const auto again = rules::parse_json_strict(strict->dump());
    MAILPORTS_FUZZ_CHECK(again.has_value());
  }

  // nlohmann stops at a NUL byte; parse_json_strict refuses it instead.
  if (text.find('\0') != std::string_view::npos) {
    MAILPORTS_FUZZ_CHECK(!strict);
    return 0;
  }
  std::optional<nlohmann::json> plain;
  try {
    plain = nlohmann::json::parse(text.begin(), text.end());
  } catch (const nlohmann::json::exception&) { // parse_error, or out_of_range for 1e400
  }
  if (strict) {
    MAILPORTS_FUZZ_CHECK(plain.has_value() && *plain == *strict);
  } else if (duplicate) {
    MAILPORTS_FUZZ_CHECK(plain.has_value()); // well-formed, only the key is repeated
  } else {
    MAILPORTS_FUZZ_CHECK(!plain.has_value());
  }
  return 0;
}
