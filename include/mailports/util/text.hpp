#pragma once

#include <cstddef>
#include <initializer_list>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace mailports::util {

bool iequals(std::string_view a, std::string_view b) noexcept;
// iequals on the first prefix.size() bytes of text.
bool istarts_with(std::string_view text, std::string_view prefix) noexcept;

// "a, b, c"
std::string join(std::span<const std::string_view> items, std::string_view separator = ", ");
inline std::string join(std::initializer_list<std::string_view> items,
                        std::string_view separator = ", ")
{
  return join(std::span<const std::string_view>(items.begin(), items.size()), separator);
}
std::string to_lower(std::string_view text);
std::string to_upper(std::string_view text);

// Optimal string alignment distance: a transposition ("smpt") costs one edit.
std::size_t edit_distance(std::string_view a, std::string_view b);

// The closest candidate within a few edits, for "did you mean" hints. Never
// acted on: callers only print it.
std::optional<std::string_view> closest_match(std::string_view input,
                                              std::span<const std::string_view> candidates);

// Well-formed UTF-8 (RFC 3629): no overlong forms, surrogates or stray bytes.
bool is_valid_utf8(std::string_view text) noexcept;

// Text fit to print inside quotes in a diagnostic: control characters and
// invalid UTF-8 are escaped, and very long input is shortened.
std::string quote_for_message(std::string_view text, std::size_t max_bytes = 80);

// `text` as one POSIX shell word, for a command line a message suggests:
// as it is when it holds only letters, digits and ._@+-%:/=, else in single
// quotes (a quote inside as '\'').
std::string quote_for_shell(std::string_view text);

} // namespace mailports::util

namespace mailports::util {

// Terminal columns `text` takes: East Asian wide characters count two. Close
// enough for the CJK text mailports prints; not a full wcwidth.
std::size_t display_width(std::string_view text) noexcept;

} // namespace mailports::util
