// util/file: read_file must tell "not there" from "not readable", and refuse
// input too large to hold, since --rules takes any path a user gives.
#include "catch.hpp"

#include "../support.hpp"

#include <mailports/util/file.hpp>

#include <filesystem>
#include <string>
#include <unistd.h>

using mailports::test::ScratchDir;
using mailports::util::FileError;
using mailports::util::read_file;

TEST_CASE("read_file returns the bytes that were written", "[util][file]")
{
  const ScratchDir dir;
  SECTION("text with Japanese and a NUL byte")
  {
    const std::string content = "{\"ja\": \"ポート\"}\n" + std::string(1, '\0') + "tail";
    const auto result = read_file(dir.write("rules.json", content), 1024);
    REQUIRE(result.has_value());
    CHECK(*result == content);
  }
  SECTION("an empty file")
  {
    const auto result = read_file(dir.write("empty.json", ""), 1024);
    REQUIRE(result.has_value());
    CHECK(result->empty());
  }
  SECTION("a file larger than one read buffer")
  {
    std::string content;
    for (int i = 0; content.size() < 200000; ++i) {
      content += std::to_string(i) + ",";
    }
    const auto result = read_file(dir.write("big.json", content), content.size());
    REQUIRE(result.has_value());
    CHECK(*result == content);
  }
}

TEST_CASE("read_file reports a missing file as not_found", "[util][file]")
{
  const ScratchDir dir;
  SECTION("no such file")
  {
    const auto result = read_file((dir.path() / "missing.json").string(), 1024);
    REQUIRE_FALSE(result.has_value());
    CHECK(result.error().kind == FileError::Kind::not_found);
    CHECK(result.error().reason == "No such file or directory");
  }
  SECTION("a path through a regular file")
  {
    const auto file = dir.write("plain.txt", "x");
    const auto result = read_file(file + "/rules.json", 1024);
    REQUIRE_FALSE(result.has_value());
    CHECK(result.error().kind == FileError::Kind::not_found);
    CHECK(result.error().reason == "Not a directory");
  }
}

TEST_CASE("read_file refuses a directory with the system's reason", "[util][file]")
{
  const ScratchDir dir;
  const auto result = read_file(dir.path().string(), 1024);
  REQUIRE_FALSE(result.has_value());
  CHECK(result.error().kind == FileError::Kind::unreadable);
  CHECK(result.error().reason == "Is a directory");
}

TEST_CASE("read_file refuses input over max_bytes", "[util][file]")
{
  const ScratchDir dir;
  const auto path = dir.write("ten.txt", "0123456789");
  SECTION("exactly max_bytes is accepted")
  {
    const auto result = read_file(path, 10);
    REQUIRE(result.has_value());
    CHECK(*result == "0123456789");
  }
  SECTION("one byte over is too large")
  {
    const auto result = read_file(path, 9);
    REQUIRE_FALSE(result.has_value());
    CHECK(result.error().kind == FileError::Kind::too_large);
  }
  SECTION("an endless device stops at the limit instead of filling memory")
  {
    const auto result = read_file("/dev/zero", 100000);
    REQUIRE_FALSE(result.has_value());
    CHECK(result.error().kind == FileError::Kind::too_large);
  }
}

TEST_CASE("read_file reports a file without read permission as unreadable", "[util][file]")
{
  if (::geteuid() == 0) {
    // root reads anything: the case cannot be produced, so it is not faked.
    SUCCEED("skipped: running as root");
    return;
  }
  const ScratchDir dir;
  const auto path = dir.write("secret.json", "{}");
  std::filesystem::permissions(path, std::filesystem::perms::none);
  const auto result = read_file(path, 1024);
  REQUIRE_FALSE(result.has_value());
  CHECK(result.error().kind == FileError::Kind::unreadable);
  CHECK(result.error().reason == "Permission denied");
}
