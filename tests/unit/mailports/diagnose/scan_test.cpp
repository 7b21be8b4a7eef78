// diagnose/scan: log lines counted by family, whatever the chunks.
#include "catch.hpp"

#include <mailports/diagnose/match.hpp>
#include <mailports/diagnose/scan.hpp>
#include <mailports/rules/builtin.hpp>

#include <string>

using namespace mailports;

namespace {

const diagnose::Catalog& builtin()
{
  static const auto catalog =
    diagnose::load_diagnoses(diagnose::builtin_diagnoses_json(), "built-in", rules::builtin_table());
  REQUIRE(catalog);
  return *catalog;
}

using namespace std::string_literals;

// A NUL byte inside: the literal's length, not strlen.
const std::string k_log = "Nov 30 postfix/smtpd[1]: connect\r\n"
                          "x 535 5.7.8 Error: authentication failed: UGFzc3dvcmQ6\n"
                          "\n"
                          "\xff\xfe\x00 binary\n"
                          "Must issue a STARTTLS command first\n"
                          "535 5.7.8 Error: authentication failed: again"s; // no final newline

} // namespace

TEST_CASE("a log is counted by family, with line numbers, the same for any chunking", "[diagnose][scan]")
{
  const std::string log(k_log.data(), k_log.size());
  diagnose::LogScanner whole(builtin());
  whole.feed(log);
  whole.finish();
  CHECK(whole.lines() == 6);
  REQUIRE(whole.found().size() == 2);
  CHECK(whole.found()[0].family->id == "smtp-535-auth-failed");
  CHECK(whole.found()[0].count == 2);
  CHECK(whole.found()[0].first_lines == std::vector<std::uint64_t>{2, 6});
  CHECK(whole.found()[0].example.find("535 5.7.8") != std::string::npos);
  CHECK(whole.found()[1].family->id == "smtp-530-starttls-first");

  diagnose::LogScanner bytes(builtin());
  for (const char c : log) {
    bytes.feed(std::string_view(&c, 1));
  }
  bytes.finish();
  CHECK(bytes.lines() == whole.lines());
  REQUIRE(bytes.found().size() == whole.found().size());
  CHECK(bytes.found()[0].count == whole.found()[0].count);
}

TEST_CASE("a line past the limit is matched on its start, and memory stays bounded", "[diagnose][scan]")
{
  diagnose::LogScanner scanner(builtin());
  scanner.feed("Must issue a STARTTLS command first ");
  const std::string filler(1 << 20, 'x');
  for (int i = 0; i < 8; ++i) {
    scanner.feed(filler); // 8 MiB on one line
  }
  scanner.feed("\nnothing\n");
  scanner.finish();
  CHECK(scanner.lines() == 2);
  REQUIRE(scanner.found().size() == 1);
  CHECK(scanner.found()[0].example.size() <= diagnose::k_example_bytes);
}

TEST_CASE("only the first five line numbers are kept", "[diagnose][scan]")
{
  diagnose::LogScanner scanner(builtin());
  for (int i = 0; i < 100; ++i) {
    scanner.feed("535 5.7.8 Error: authentication failed\n");
  }
  scanner.finish();
  REQUIRE(scanner.found().size() == 1);
  CHECK(scanner.found()[0].count == 100);
  CHECK(scanner.found()[0].first_lines.size() == diagnose::k_first_lines);
}
