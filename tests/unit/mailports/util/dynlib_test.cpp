#include "catch.hpp"

#include <mailports/util/dynlib.hpp>

using namespace mailports;

TEST_CASE("open_library says why a library is missing", "[util][dynlib]")
{
  const auto missing = util::open_library("libmailports-no-such-library.so.9");
  CHECK(missing.handle == nullptr);
  CHECK(missing.error.find("libmailports-no-such-library.so.9") != std::string::npos);
  CHECK(util::find_symbol(missing, "anything") == nullptr);
}

TEST_CASE("find_function finds a function of a loaded library", "[util][dynlib]")
{
  const auto unistring = util::open_library("libunistring.so.2");
  REQUIRE(unistring.handle != nullptr);
  CHECK(util::find_function<int(int)>(unistring, "uc_tolower") != nullptr);
  CHECK(util::find_symbol(unistring, "mailports_no_such_symbol") == nullptr);
}
