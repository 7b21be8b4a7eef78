// One line of --help: the option or command in a left column, its
// description beside it. Kept apart from CLI11 (app.cpp hands rows to it) so
// that it can be tested without building an app.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace mailports::cli {

// CLI11's own layout (detail::format_help), but the left column is padded by
// display width, not bytes, so that "port PORT 必須" lines up with ASCII rows.
// `name` is indented two columns; a name that fills the column puts the
// description on the next line; each line of the description starts at
// `column`. Ends with a newline.
std::string help_row(std::string_view name, std::string_view description, std::size_t column);

} // namespace mailports::cli
