#pragma once

#include <mailports/core/result.hpp>

#include <nlohmann/json.hpp>

#include <string_view>

namespace mailports::rules {

// nlohmann's parser, plus what it lets through silently: a key given twice in
// one object is an error, named by its JSON pointer. On failure the message
// reads "LINE:COLUMN: what" or " POINTER: what".
core::Result<nlohmann::json> parse_json_strict(std::string_view text);

// "/a/b~1c": a JSON pointer token, escaped per RFC 6901.
std::string pointer_token(std::string_view key);

} // namespace mailports::rules
