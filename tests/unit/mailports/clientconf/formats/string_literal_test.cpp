#include "catch.hpp"

#include "mailports/clientconf/formats/string_literal.hpp"

using mailports::clientconf::formats::string_literal;

TEST_CASE("string literals read the same in JavaScript and Python", "[clientconf][formats]")
{
  CHECK(string_literal("") == "\"\"");
  CHECK(string_literal("smtp.example.com") == "\"smtp.example.com\"");
  CHECK(string_literal("a\"b\\c") == "\"a\\\"b\\\\c\"");
  // A newline or NUL never ends the line or the string early.
  CHECK(string_literal(std::string_view("x\ny\0z\x1f", 6)) == "\"x\\x0ay\\x00z\\x1f\"");
  CHECK(string_literal("ユーザー@例え.jp") == "\"ユーザー@例え.jp\""); // UTF-8 as it is
  CHECK(string_literal("'") == "\"'\"");
}
