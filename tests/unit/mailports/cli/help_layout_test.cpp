// cli/help_layout: a --help row padded by display width, as CLI11 would pad
// ASCII by bytes.
#include "catch.hpp"

#include <mailports/cli/help_layout.hpp>

#include <string>

using mailports::cli::help_row;

TEST_CASE("help_row pads an ASCII name as CLI11 does", "[cli][help]")
{
  CHECK(help_row("--json", "Print JSON", 12) == "  --json    Print JSON\n");
  CHECK(help_row("--json", "", 12) == "  --json    \n");
}

TEST_CASE("help_row pads wide characters by the columns they take", "[cli][help]")
{
  // 必須 is 6 bytes but 4 columns: the description starts where it does for
  // an ASCII name of the same width.
  const auto wide = help_row("port PORT 必須", "説明", 20);
  const auto ascii = help_row("port PORT abcd", "説明", 20);
  CHECK(wide == "  port PORT 必須    説明\n");
  CHECK(ascii == "  port PORT abcd    説明\n");
}

TEST_CASE("help_row puts the description under a name that fills the column", "[cli][help]")
{
  CHECK(help_row("--batch FILE", "Read lines", 14) == "  --batch FILE\n              Read lines\n");
  // Width, not bytes, decides: 12 columns fit in 14, though they are 16 bytes.
  CHECK(help_row("ポート番号", "x", 14) == "  ポート番号  x\n");
  CHECK(help_row("ポート番号必", "x", 14) == "  ポート番号必\n              x\n");
}

TEST_CASE("help_row indents each further line of the description", "[cli][help]")
{
  CHECK(help_row("-h", "one\ntwo", 6) == "  -h  one\n      two\n");
}
