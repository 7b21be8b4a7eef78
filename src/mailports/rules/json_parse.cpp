#include <mailports/rules/json_parse.hpp>

#include <string>
#include <unordered_set>
#include <vector>

namespace mailports::rules {

namespace {

using nlohmann::json;

struct Frame {
  bool is_object = false;
  std::unordered_set<std::string> keys;
  std::string key;
  std::size_t index = 0;
};

std::string path_of(const std::vector<Frame>& stack, std::size_t depth)
{
  std::string path;
  for (std::size_t i = 0; i < depth; ++i) {
    const Frame& f = stack[i];
    path += '/';
    path += f.is_object ? pointer_token(f.key) : std::to_string(f.index);
  }
  return path;
}

void count_array_element(std::vector<Frame>& stack)
{
  if (!stack.empty() && !stack.back().is_object) {
    ++stack.back().index;
  }
}

// The part of nlohmann's message after its own position prefix.
std::string reason_of(const json::parse_error& e)
{
  std::string what = e.what();
  if (const auto column = what.find("column "); column != std::string::npos) {
    if (const auto colon = what.find(": ", column); colon != std::string::npos) {
      return what.substr(colon + 2);
    }
  }
  return what;
}

// Where nlohmann's parser gives up on `text`: a SAX handler that accepts
// everything and remembers the error's position.
struct ErrorLocator : nlohmann::json_sax<json> {
  std::size_t position = 0;
  bool null() override { return true; }
  bool boolean(bool /*value*/) override { return true; }
  bool number_integer(number_integer_t /*value*/) override { return true; }
  bool number_unsigned(number_unsigned_t /*value*/) override { return true; }
  bool number_float(number_float_t /*value*/, const string_t& /*text*/) override { return true; }
  bool string(string_t& /*value*/) override { return true; }
  bool binary(binary_t& /*value*/) override { return true; }
  bool start_object(std::size_t /*size*/) override { return true; }
  bool key(string_t& /*value*/) override { return true; }
  bool end_object() override { return true; }
  bool start_array(std::size_t /*size*/) override { return true; }
  bool end_array() override { return true; }
  bool parse_error(std::size_t at, const std::string& /*token*/,
                   const nlohmann::detail::exception& /*error*/) override
  {
    position = at;
    return false;
  }
};

std::size_t error_offset(std::string_view text)
{
  ErrorLocator locator;
  json::sax_parse(text.begin(), text.end(), &locator);
  return locator.position == 0 ? 0 : locator.position - 1;
}

// 1-based line and column of the byte at `offset`.
std::pair<std::size_t, std::size_t> line_and_column(std::string_view text, std::size_t offset)
{
  std::size_t line = 1;
  std::size_t line_start = 0;
  for (std::size_t i = 0; i < offset; ++i) {
    if (text[i] == '\n') {
      ++line;
      line_start = i + 1;
    }
  }
  return {line, offset - line_start + 1};
}

} // namespace

std::string pointer_token(std::string_view key)
{
  std::string out;
  for (const char c : key) {
    if (c == '~') {
      out += "~0";
    } else if (c == '/') {
      out += "~1";
    } else {
      out += c;
    }
  }
  return out;
}

core::Result<json> parse_json_strict(std::string_view text)
{
  // nlohmann's lexer takes a NUL byte for the end of input and would ignore
  // whatever follows it.
  if (const auto nul = text.find('\0'); nul != std::string_view::npos) {
    const auto [line, column] = line_and_column(text, nul);
    return core::Error{std::to_string(line) + ":" + std::to_string(column)
                       + ": control character U+0000 (NUL) is not allowed in JSON"};
  }
  std::vector<Frame> stack;
  std::string duplicate;
  const json::parser_callback_t callback = [&](int /*depth*/, json::parse_event_t event,
                                               json& parsed) {
    switch (event) {
    case json::parse_event_t::object_start:
      stack.push_back(Frame{true, {}, {}, 0});
      break;
    case json::parse_event_t::array_start:
      stack.push_back(Frame{false, {}, {}, 0});
      break;
    case json::parse_event_t::key: {
      Frame& frame = stack.back();
      auto key = parsed.get<std::string>();
      if (!frame.keys.insert(key).second && duplicate.empty()) {
        duplicate = path_of(stack, stack.size() - 1) + "/" + pointer_token(key);
      }
      frame.key = std::move(key);
      break;
    }
    case json::parse_event_t::object_end:
    case json::parse_event_t::array_end:
      stack.pop_back();
      count_array_element(stack);
      break;
    case json::parse_event_t::value:
      count_array_element(stack);
      break;
    }
    return true;
  };

  try {
    json document = json::parse(text.begin(), text.end(), callback);
    if (!duplicate.empty()) {
      return core::Error{" " + duplicate + ": duplicate key"};
    }
    return document;
  } catch (const json::out_of_range& e) {
    // A number beyond a double's range ("6e308"): the exception carries no
    // position, so parse again with a SAX handler that records it.
    const auto [line, column] = line_and_column(text, std::min(error_offset(text), text.size()));
    return core::Error{std::to_string(line) + ":" + std::to_string(column)
                       + ": number out of range"};
  } catch (const json::parse_error& e) {
    // e.byte is 1-based and points just past the offending character.
    const auto [line, column] =
      line_and_column(text, std::min(e.byte == 0 ? 0 : e.byte - 1, text.size()));
    return core::Error{std::to_string(line) + ":" + std::to_string(column) + ": "
                       + reason_of(e)};
  }
}

} // namespace mailports::rules
