#include <mailports/cli/output/style.hpp>

namespace mailports::cli::output {

std::string Style::wrap(std::string_view code, std::string_view text) const
{
  if (!m_enabled) {
    return std::string(text);
  }
  return "\x1b[" + std::string(code) + "m" + std::string(text) + "\x1b[0m";
}

std::string Style::severity(core::Severity severity, std::string_view text) const
{
  switch (severity) {
  case core::Severity::info:
    return wrap("36", text);
  case core::Severity::warning:
    return wrap("33", text);
  case core::Severity::error:
    return wrap("1;31", text);
  }
  return std::string(text);
}

std::string Style::verdict(core::Verdict verdict, std::string_view text) const
{
  switch (verdict) {
  case core::Verdict::ok:
    return wrap("1;32", text);
  case core::Verdict::warning:
    return wrap("1;33", text);
  case core::Verdict::error:
    return wrap("1;31", text);
  }
  return std::string(text);
}

std::string Style::bold(std::string_view text) const
{
  return wrap("1", text);
}

std::string_view mark(core::Verdict verdict) noexcept
{
  switch (verdict) {
  case core::Verdict::ok:
    return "\u2713";
  case core::Verdict::warning:
    return "!";
  case core::Verdict::error:
    return "\u2717";
  }
  return "?";
}

bool use_color(ColorMode mode, bool stdout_is_tty, const char* no_color, const char* term)
{
  switch (mode) {
  case ColorMode::always:
    return true;
  case ColorMode::never:
    return false;
  case ColorMode::auto_:
    break;
  }
  const bool no_color_set = no_color != nullptr && *no_color != '\0';
  const bool dumb = term != nullptr && std::string_view(term) == "dumb";
  return stdout_is_tty && !no_color_set && !dumb;
}

} // namespace mailports::cli::output
