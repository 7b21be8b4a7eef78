// cli/output/style: when to colour, following --color and the NO_COLOR
// convention (https://no-color.org: set and non-empty disables colour).
#include "catch.hpp"

#include <mailports/cli/output/style.hpp>

using mailports::cli::ColorMode;
using mailports::cli::output::Style;
using mailports::cli::output::use_color;

TEST_CASE("auto colours a terminal unless NO_COLOR or TERM=dumb says not", "[cli][style]")
{
  CHECK(use_color(ColorMode::auto_, true, nullptr, "xterm-256color"));
  CHECK(use_color(ColorMode::auto_, true, nullptr, nullptr));
  CHECK_FALSE(use_color(ColorMode::auto_, false, nullptr, "xterm"));
  CHECK_FALSE(use_color(ColorMode::auto_, true, "1", "xterm"));
  CHECK(use_color(ColorMode::auto_, true, "", "xterm")); // set but empty: ignored
  CHECK_FALSE(use_color(ColorMode::auto_, true, nullptr, "dumb"));
}

TEST_CASE("always and never override the terminal and the environment", "[cli][style]")
{
  CHECK(use_color(ColorMode::always, false, "1", "dumb"));
  CHECK_FALSE(use_color(ColorMode::never, true, nullptr, "xterm"));
}

TEST_CASE("Style wraps text in ANSI colour only when enabled", "[cli][style]")
{
  const Style on(true);
  const Style off(false);
  CHECK(on.bold("x") == "\x1b[1mx\x1b[0m");
  CHECK(on.severity(mailports::core::Severity::error, "error") == "\x1b[1;31merror\x1b[0m");
  CHECK(on.verdict(mailports::core::Verdict::ok, "ok") == "\x1b[1;32mok\x1b[0m");
  CHECK(off.bold("x") == "x");
  CHECK(off.severity(mailports::core::Severity::warning, "warning") == "warning");
  CHECK(off.verdict(mailports::core::Verdict::error, "ポート") == "ポート");
}
