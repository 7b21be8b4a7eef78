// rules/load: JSON text in, a validated table or one error out. Every error
// starts with the origin (the file name) so the user knows which file is bad.
#include "catch.hpp"

#include "../support.hpp"

#include <mailports/rules/load.hpp>

#include <string>

using mailports::rules::load_rules;
using mailports::test::contains;
using mailports::test::slurp;
using mailports::test::test_data;

namespace {

std::string load_error(const std::string& text, const std::string& origin = "rules.json")
{
  const auto result = load_rules(text, origin);
  REQUIRE_FALSE(result.has_value());
  return result.error().message;
}

} // namespace

TEST_CASE("the real data/rules.json loads", "[rules][load]")
{
  const auto result = load_rules(slurp(mailports::test::rules_json_path()), "data/rules.json");
  if (!result) {
    FAIL(result.error().message);
  }
  const auto& table = result->table();
  CHECK(table.version == "1.6.0");
  CHECK(table.date == "2026-11-30");
  CHECK(table.modes.size() == 4);
  CHECK(table.entries.size() == 36);
  CHECK(table.findings.size() == 128);
  CHECK(table.notes.size() == 4);
}

TEST_CASE("a loaded table stays valid after the text it came from is gone", "[rules][load]")
{
  // The views point into the table's own storage, not into the input.
  auto text = slurp(mailports::test::rules_json_path());
  auto result = load_rules(text, "data/rules.json");
  REQUIRE(result.has_value());
  text.assign(text.size(), 'x');
  text.clear();
  text.shrink_to_fit();
  const auto copy = result.value(); // a copy shares the storage
  const auto* finding = copy.table().finding("cleartext-credentials");
  REQUIRE(finding != nullptr);
  CHECK(finding->message.en.substr(0, 14) == "No encryption:");
  CHECK(copy.table().entries.front().summary.ja.substr(0, 9) == "相手が");
}

TEST_CASE("load_rules prefixes a syntax error with origin:line:column", "[rules][load]")
{
  const auto message =
    load_error(slurp(test_data("rules/syntax-error-line3-col5.json")), "my-rules.json");
  INFO(message);
  CHECK(message.rfind("my-rules.json:3:5: ", 0) == 0);
  CHECK(contains(message, "syntax error"));
}

TEST_CASE("load_rules names a duplicate key by origin and pointer", "[rules][load]")
{
  const auto message = load_error(slurp(test_data("rules/duplicate-key.json")), "dup.json");
  CHECK(message == "dup.json: /modes/none/label/en: duplicate key");
}

TEST_CASE("load_rules rejects input that is not a rules object", "[rules][load]")
{
  SECTION("empty input")
  {
    const auto message = load_error(slurp(test_data("rules/empty.json")));
    INFO(message);
    CHECK(message.rfind("rules.json:1:1: ", 0) == 0);
    CHECK(contains(message, "unexpected end of input"));
  }
  SECTION("a NUL byte")
  {
    const auto message = load_error(std::string("{\n  \"version\": \"1.0") + '\0' + "\"\n}");
    INFO(message);
    CHECK(message.rfind("rules.json:2:18: ", 0) == 0);
    CHECK(contains(message, "NUL"));
  }
  SECTION("a top-level array")
  {
    const auto message = load_error(slurp(test_data("rules/top-level-array.json")));
    CHECK(message == "rules.json: /: expected an object, got array");
  }
  SECTION("a top-level string")
  {
    CHECK(load_error("\"rules\"") == "rules.json: /: expected an object, got string");
  }
  SECTION("an empty object")
  {
    CHECK(load_error("{}") == "rules.json: /: missing field \"version\"");
  }
}

TEST_CASE("load_rules runs the validation of build_table", "[rules][load]")
{
  auto document = mailports::test::rules_document();
  document["entries"][0]["tls"] = "ssl3";
  const auto message = load_error(document.dump(2));
  INFO(message);
  CHECK(message.rfind("rules.json: /entries/0/tls: unknown TLS mode \"ssl3\"", 0) == 0);
}
