#pragma once

#include <mailports/core/result.hpp>
#include <mailports/rules/table.hpp>

#include <nlohmann/json.hpp>

namespace mailports::rules {

// Check a parsed document against data/rules.schema.json and the
// cross-references the schema cannot express, and build the table.
// On failure the message reads "POINTER: what is wrong".
core::Result<OwnedTable> build_table(const nlohmann::json& document);

// The invariants between entries that the schema cannot express. Returns an
// empty string when the table is consistent.
std::string check_consistency(const Table& table);

} // namespace mailports::rules
