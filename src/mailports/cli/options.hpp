// Parse-time validation of option values: every bad value is rejected while
// CLI11 parses, with a message that names it and suggests the closest valid
// spelling. Validators canonicalize (aliases, case) as they accept.
#pragma once

#include <mailports/core/types.hpp>

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace CLI {
class Validator;
} // namespace CLI

namespace mailports::cli {

enum class ColorMode { auto_, always, never };

struct GlobalOptions {
  std::string rules_path;
  std::string providers_path;
  std::string diagnoses_path;
  std::string lang;  // empty: from the environment
  std::string color = "auto";
};

CLI::Validator proto_validator(core::Lang lang);
CLI::Validator tls_validator(core::Lang lang);
CLI::Validator role_validator(core::Lang lang);
CLI::Validator prefer_validator(core::Lang lang);
CLI::Validator lang_validator(core::Lang lang);
CLI::Validator color_validator(core::Lang lang);
CLI::Validator port_validator(core::Lang lang);
// Rejects "": a file name, address or URL that a script left empty must not
// silently mean "not given" (the built-in data, or standard input).
CLI::Validator non_empty_validator(core::Lang lang);
// --timeout: seconds from 0.1 to 600 (probe, discover).
CLI::Validator timeout_validator(core::Lang lang);

// The pure checks behind the validators, shared with cli/quick.
std::optional<std::string_view> canonical_choice(std::string_view value,
                                                std::span<const std::string_view> choices);
std::span<const std::string_view> proto_names() noexcept;
std::span<const std::string_view> role_names() noexcept;
std::span<const std::string_view> lang_names() noexcept;
std::span<const std::string_view> color_names() noexcept;
bool is_port(std::string_view value) noexcept; // 1-65535, digits only
// The canonical name of a --tls word, or "tls" for that ambiguous word.
std::optional<std::string> canonical_tls_word(std::string_view value);

// "invalid X 'v'; expected one of: ...; did you mean 'w'?"
std::string bad_value_message(core::Lang lang, std::string_view what, std::string_view value,
                              std::span<const std::string_view> choices);

// The port a validated option holds.
std::uint16_t to_port(const std::string& text);

// --lang if given, else LC_ALL, LC_MESSAGES, LANG (the first one set).
// Read before parsing, so that parse errors already speak the user's language.
core::Lang detect_lang(int argc, const char* const* argv);

ColorMode to_color_mode(const std::string& text);

} // namespace mailports::cli
