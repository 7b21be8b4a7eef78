#pragma once

#include <mailports/rules/table.hpp>

namespace mailports::rules {

// data/rules.json as compiled into the binary: validated by the same loader
// at build time and emitted as constant data, so start-up parses nothing.
const Table& builtin_table() noexcept;

} // namespace mailports::rules
