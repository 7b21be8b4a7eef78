// Parse and validate a rules table from JSON text. Used for --rules files at
// run time and, through the generator, for the built-in table at build time,
// so both paths accept exactly the same tables.
#pragma once

#include <mailports/core/result.hpp>
#include <mailports/rules/table.hpp>

#include <string_view>

namespace mailports::rules {

// On failure the message starts with `origin` and names the line and column
// of a syntax error, or the JSON pointer of the offending value.
core::Result<OwnedTable> load_rules(std::string_view json_text, std::string_view origin);

} // namespace mailports::rules
