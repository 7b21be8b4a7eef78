// rules/json_parse: strict JSON parsing. A key given twice must not be
// silently overwritten, and a syntax error must name its line and column.
#include "catch.hpp"

#include "../support.hpp"

#include <mailports/rules/json_parse.hpp>

#include <string>

using mailports::rules::parse_json_strict;
using mailports::rules::pointer_token;
using mailports::test::contains;

namespace {

// The error message of a parse that must fail.
std::string parse_error(const std::string& text)
{
  const auto result = parse_json_strict(text);
  REQUIRE_FALSE(result.has_value());
  return result.error().message;
}

} // namespace

TEST_CASE("pointer_token escapes ~ and / as RFC 6901 says", "[rules][json]")
{
  CHECK(pointer_token("465-history") == "465-history");
  CHECK(pointer_token("a/b") == "a~1b");
  CHECK(pointer_token("a~b") == "a~0b");
  CHECK(pointer_token("~/") == "~0~1");
  CHECK(pointer_token("") == "");
}

TEST_CASE("parse_json_strict accepts valid JSON", "[rules][json]")
{
  const auto result = parse_json_strict(R"({"a": [1, {"b": "ポート"}], "c": {"a": 2}})");
  REQUIRE(result.has_value());
  CHECK((*result)["a"][1]["b"] == "ポート");
  // The same key in different objects is not a duplicate.
  CHECK((*result)["c"]["a"] == 2);
}

TEST_CASE("parse_json_strict accepts the real rules file", "[rules][json]")
{
  const auto result = parse_json_strict(mailports::test::slurp(mailports::test::rules_json_path()));
  REQUIRE(result.has_value());
  CHECK(result->contains("entries"));
}

TEST_CASE("parse_json_strict names a duplicate key by its JSON pointer", "[rules][json]")
{
  // The message starts with a space: load_rules prefixes "ORIGIN:".
  CHECK(parse_error(R"({"a": 1, "a": 2})") == " /a: duplicate key");
  CHECK(parse_error(R"({"x": {"en": "a", "ja": "b", "en": "c"}})") == " /x/en: duplicate key");
  // Array indexes count every element before, whatever its type.
  CHECK(parse_error(R"({"list": [1, "two", [3], {"k": 1}, {"k": 1, "k": 2}]})")
        == " /list/4/k: duplicate key");
  // Keys are escaped in the pointer.
  CHECK(parse_error(R"({"ssl/tls": {"a~b": 1, "a~b": 2}})") == " /ssl~1tls/a~0b: duplicate key");
  // The first duplicate is reported when there are several.
  CHECK(parse_error(R"({"first": [{"d": 1, "d": 2}], "second": 1, "second": 2})")
        == " /first/0/d: duplicate key");
}

TEST_CASE("parse_json_strict finds the duplicate key in the hand-written test file",
          "[rules][json]")
{
  const auto text = mailports::test::slurp(mailports::test::test_data("rules/duplicate-key.json"));
  const auto result = parse_json_strict(text);
  REQUIRE_FALSE(result.has_value());
  CHECK(result.error().message == " /modes/none/label/en: duplicate key");
}

TEST_CASE("parse_json_strict gives the line and column of a syntax error", "[rules][json]")
{
  SECTION("a stray bracket on line 3, column 5")
  {
    const auto text =
      mailports::test::slurp(mailports::test::test_data("rules/syntax-error-line3-col5.json"));
    const auto message = parse_error(text);
    INFO(message);
    CHECK(message.rfind("3:5: ", 0) == 0);
    CHECK(contains(message, "unexpected ']'"));
    // nlohmann's own "[json.exception...] at line N" prefix is replaced, not repeated.
    CHECK_FALSE(contains(message, "json.exception"));
  }
  SECTION("a character on the first line")
  {
    const auto message = parse_error("{\"a\": @}");
    INFO(message);
    CHECK(message.rfind("1:7: ", 0) == 0);
  }
  SECTION("columns restart after each newline, CRLF included")
  {
    const auto message = parse_error("{\r\n\"a\": 1,\r\n\"b\": #\r\n}");
    INFO(message);
    CHECK(message.rfind("3:6: ", 0) == 0);
  }
  SECTION("input that ends too early")
  {
    const auto message = parse_error("{\n  \"a\": [1, 2\n");
    INFO(message);
    CHECK(message.rfind("3:1: ", 0) == 0);
    CHECK(contains(message, "end of input"));
  }
}

TEST_CASE("parse_json_strict rejects a NUL byte", "[rules][json]")
{
  SECTION("inside a string")
  {
    const auto message = parse_error(std::string("{\"a\": \"x") + '\0' + "\"}");
    INFO(message);
    CHECK(message.rfind("1:9: ", 0) == 0);
    CHECK(contains(message, "control character"));
  }
  SECTION("between tokens")
  {
    const auto message = parse_error(std::string("{\"a\": 1,") + '\0' + " \"b\": 2}");
    INFO(message);
    CHECK(message.rfind("1:9: ", 0) == 0);
  }
  SECTION("after the document, followed by more text")
  {
    // nlohmann's lexer takes a NUL byte for the end of input, so a NUL after
    // a complete document would end parsing successfully and silently drop
    // the rest. Regression test: this was accepted as {"a": 1} before
    // parse_json_strict rejected every NUL itself (fixed in 01532a5).
    const auto result = parse_json_strict(std::string("{\"a\": 1}") + '\0' + "{\"b\": 2}");
    REQUIRE_FALSE(result.has_value());
    CHECK(result.error().message.rfind("1:9: ", 0) == 0);
  }
}

TEST_CASE("parse_json_strict rejects empty input", "[rules][json]")
{
  const auto message = parse_error("");
  INFO(message);
  CHECK(message.rfind("1:1: ", 0) == 0);
  CHECK(contains(message, "unexpected end of input"));
}
