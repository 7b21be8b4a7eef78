#include <mailports/cli/cmd/client_format.hpp>

#include <mailports/cli/fatal.hpp>
#include <mailports/cli/messages.hpp>
#include <mailports/cli/options.hpp>
#include <mailports/util/text.hpp>

#include <vector>

namespace mailports::cli::cmd {

namespace {

std::vector<std::string_view> names(bool readable)
{
  std::vector<std::string_view> out;
  for (const auto* format : clientconf::all_formats()) {
    if (!readable || format->read != nullptr) {
      out.push_back(format->name);
    }
  }
  return out;
}

} // namespace

const clientconf::Format& format_named(const std::string& name, bool readable, core::Lang lang)
{
  const auto* format = clientconf::find_format(name);
  if (format == nullptr || (readable && format->read == nullptr)) {
    const auto choices = names(readable);
    throw Fatal(ExitCode::usage, bad_value_message(lang, text(Msg::kind_format, lang), name, choices));
  }
  return *format;
}

std::string format_names(bool readable)
{
  std::string out;
  for (const auto name : names(readable)) {
    out += (out.empty() ? "" : ", ") + std::string(name);
  }
  return out;
}

std::string formats_listing(bool readable, core::Lang lang)
{
  std::string out;
  for (const auto* format : clientconf::all_formats()) {
    if (!readable || format->read != nullptr) {
      out += std::string(format->name) + "\t" + std::string(format->description.in(lang)) + "\n";
    }
  }
  return out;
}

std::optional<clientconf::Version> client_version_option(const std::string& text, core::Lang lang)
{
  if (text.empty()) {
    return std::nullopt;
  }
  auto version = clientconf::parse_version(text);
  // The whole word must be the version ("1.4.4", "v0.15"); "1.4x" is a typo.
  const auto digits = text.front() == 'v' || text.front() == 'V' ? text.substr(1) : text;
  if (!version || version->text != digits) {
    throw Fatal(ExitCode::usage, say(Msg::config_bad_version, lang, fmt::arg("value", util::quote_for_message(text))));
  }
  return version;
}

} // namespace mailports::cli::cmd
