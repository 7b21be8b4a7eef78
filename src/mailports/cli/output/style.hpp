#pragma once

#include <mailports/cli/options.hpp>
#include <mailports/core/types.hpp>

#include <string>
#include <string_view>

namespace mailports::cli::output {

// ANSI colour for severities; a disabled Style returns text unchanged.
class Style {
public:
  explicit Style(bool enabled) : m_enabled(enabled) {}

  [[nodiscard]] std::string severity(core::Severity severity, std::string_view text) const;
  [[nodiscard]] std::string verdict(core::Verdict verdict, std::string_view text) const;
  [[nodiscard]] std::string bold(std::string_view text) const;

private:
  [[nodiscard]] std::string wrap(std::string_view code, std::string_view text) const;

  bool m_enabled;
};

// A mark that reads without colour: "✓" ok, "!" warning, "✗" error.
std::string_view mark(core::Verdict verdict) noexcept;

// --color always/never win; auto means a terminal, no NO_COLOR, and not TERM=dumb.
bool use_color(ColorMode mode, bool stdout_is_tty, const char* no_color, const char* term);

} // namespace mailports::cli::output
