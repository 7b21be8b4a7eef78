// clientconf/format: the one table of client formats.
#include "catch.hpp"

#include <mailports/clientconf/format.hpp>
#include <mailports/clientconf/lint.hpp>
#include <mailports/rules/builtin.hpp>

#include <set>
#include <string>

using namespace mailports;
using namespace mailports::clientconf;

TEST_CASE("every format has a unique name, a writer and texts in both languages", "[clientconf]")
{
  std::set<std::string_view> names;
  for (const Format* format : all_formats()) {
    INFO(format->name);
    CHECK(names.insert(format->name).second);
    CHECK(find_format(format->name) == format);
    CHECK(format->write != nullptr);
    CHECK(!format->description.en.empty());
    CHECK(!format->description.ja.empty());
    CHECK(format->description.en != format->description.ja);
    if (!format->client.empty()) {
      CHECK(parse_version(format->newest_version).has_value());
      CHECK(!format->version_command.empty());
    }
  }
  CHECK(find_format("outlook") == nullptr);
}

TEST_CASE("every client finding code is in the built-in table and renders fully", "[clientconf]")
{
  const auto& table = rules::builtin_table();
  for (const Format* format : all_formats()) {
    for (const auto code : format->codes) {
      INFO(format->name << ": " << code);
      REQUIRE(table.finding(code) != nullptr);
      CHECK(is_client_code(code));
      for (const auto lang : {core::Lang::en, core::Lang::ja}) {
        const auto text = render(table, ClientFinding{code, {}, "setting", "VALUE", "OTHER"}, lang);
        CHECK(text.find('{') == std::string::npos);
        CHECK(text.find("?") == std::string::npos);
      }
    }
  }
  CHECK_FALSE(is_client_code("unknown-port"));
}

TEST_CASE("versions compare part by part and are found in --version output", "[clientconf]")
{
  CHECK(*parse_version("0.15.2") > *parse_version("0.14"));
  CHECK(*parse_version("1.5") > *parse_version("1.4.4"));
  CHECK(*parse_version("v1.4") == *parse_version("1.4"));
  CHECK(parse_version("1.8.23-1")->text == "1.8.23");
  CHECK_FALSE(parse_version("x1").has_value());
  CHECK_FALSE(parse_version("").has_value());
  CHECK_FALSE(parse_version("12345678901").has_value());
  CHECK(find_version("msmtp version 1.8.23\nPlatform: x86_64")->text == "1.8.23");
  CHECK(find_version("isync 1.4.4")->text == "1.4.4");
  CHECK(find_version("This is fetchmail release 6.4.37+GSS+NTLM")->text == "6.4.37");
  CHECK(find_version("NeoMutt 20220429\nCopyright")->text == "20220429");
  CHECK(find_version("aerc 0.14.0 +notmuch (go1.19.8 amd64 linux)")->text == "0.14.0");
  CHECK(find_version("mail_version = 3.7.11")->text == "3.7.11");
  CHECK_FALSE(find_version("no digits here\n1.2").has_value());
}

TEST_CASE("a file is detected by its name before its content", "[clientconf]")
{
  // Formats land one by one; each unit's own test checks its names and sniffing.
  CHECK(detect_format("notes.txt", "") == nullptr);
}
