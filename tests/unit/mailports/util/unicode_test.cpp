#include "catch.hpp"

#include <mailports/util/unicode.hpp>

using namespace mailports;

TEST_CASE("nfkc folds what a Japanese input method types", "[util][unicode]")
{
  CHECK(util::nfkc("５８７") == "587");
  CHECK(util::nfkc("ＳＴＡＲＴＴＬＳ") == "STARTTLS");
  CHECK(util::nfkc("ｓｍｔｐ") == "smtp");
  CHECK(util::nfkc("STARTTLS（利用可能な場合）") == "STARTTLS(利用可能な場合)");
  CHECK(util::nfkc("\u3000gmail.com\u3000") == " gmail.com ");
  CHECK(util::nfkc("ｔａｒｏ＠ｇｍａｉｌ．ｃｏｍ") == "taro@gmail.com");
  // Half-width katakana become full-width: NFKC, not just a width fold.
  CHECK(util::nfkc("ｼﾞﾄﾞｳ") == "ジドウ");
  // Already NFKC: unchanged.
  CHECK(util::nfkc("なし") == "なし");
}

TEST_CASE("nfkc leaves ASCII and invalid UTF-8 as given", "[util][unicode]")
{
  CHECK(util::nfkc("") == "");
  CHECK(util::nfkc("smtps://h:465") == "smtps://h:465");
  const std::string invalid = "\xff\xfe""587";
  CHECK(util::nfkc(invalid) == invalid);
  // A byte-order mark is not a compatibility character: it stays, and the
  // validator that reads it names the value.
  CHECK(util::nfkc("\uFEFF587") == "\uFEFF587");
}

TEST_CASE("is_ascii and trim", "[util][unicode]")
{
  CHECK(util::is_ascii("smtp"));
  CHECK(util::is_ascii(""));
  CHECK_FALSE(util::is_ascii("５"));
  CHECK(util::trim("  a b\t\n") == "a b");
  CHECK(util::trim(" \t ").empty());
  CHECK(util::trim("x") == "x");
}
