// clientconf/lines: what every reader starts from.
#include "catch.hpp"

#include "mailports/clientconf/lines.hpp"

using namespace mailports::clientconf;

TEST_CASE("split_lines strips a BOM and CR, and refuses binary, huge and invalid text", "[clientconf]")
{
  const auto lines = split_lines("\xEF\xBB\xBFhost a\r\nport 587\n\nlast");
  REQUIRE(lines.has_value());
  REQUIRE(lines->size() == 4);
  CHECK((*lines)[0].text == "host a");
  CHECK((*lines)[1].text == "port 587");
  CHECK((*lines)[1].number == 2);
  CHECK((*lines)[3].text == "last");
  CHECK(split_lines(std::string("a\0b", 3)).error().kind == SyntaxError::Kind::binary);
  CHECK(split_lines(std::string(k_max_config_bytes + 1, 'a')).error().kind == SyntaxError::Kind::too_large);
  const auto bad = split_lines("ok\n\xC3\x28\n");
  CHECK(bad.error().kind == SyntaxError::Kind::not_utf8);
  CHECK(bad.error().where.line == 2);
}

TEST_CASE("split_words reads quotes and comments and names an unterminated quote", "[clientconf]")
{
  std::vector<unsigned> columns;
  const auto words = split_words(Line{R"(passwordeval "pass show \"mail\"" # note)", 3}, &columns);
  REQUIRE(words.has_value());
  REQUIRE(words->size() == 2);
  CHECK((*words)[1] == R"(pass show "mail")");
  CHECK(columns == std::vector<unsigned>{1, 14});
  CHECK(split_words(Line{"from 'a b'c", 1})->at(1) == "a bc");
  CHECK(split_words(Line{"   # only a comment", 1})->empty());
  const auto open = split_words(Line{"host \"mail.example.com", 7});
  REQUIRE_FALSE(open.has_value());
  CHECK(open.error().kind == SyntaxError::Kind::unterminated_quote);
  CHECK(open.error().where.line == 7);
  CHECK(open.error().where.column == 6);
}
