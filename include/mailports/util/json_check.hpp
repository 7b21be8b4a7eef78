// Checks for hand-written JSON validators. Each failure throws JsonInvalid
// with "POINTER: what is wrong"; a loader catches it at its boundary and
// returns it as an error value.
#pragma once

#include <nlohmann/json.hpp>

#include <initializer_list>
#include <string>
#include <string_view>

namespace mailports::util {

struct JsonInvalid {
  std::string message;
};

[[noreturn]] void json_fail(const std::string& pointer, const std::string& what);

std::string json_child(const std::string& pointer, std::string_view key);
std::string json_child(const std::string& pointer, std::size_t index);

// "text" with control characters escaped, for messages.
std::string json_quoted(std::string_view text);

void expect_object(const nlohmann::json& value, const std::string& pointer);

// Like a schema's "required" plus "additionalProperties": false.
void expect_fields(const nlohmann::json& object, const std::string& pointer,
                   std::initializer_list<std::string_view> required,
                   std::initializer_list<std::string_view> optional = {});

const std::string& expect_string(const nlohmann::json& value, const std::string& pointer);
const nlohmann::json& expect_array(const nlohmann::json& value, const std::string& pointer);
int expect_integer(const nlohmann::json& value, const std::string& pointer, int min, int max);

} // namespace mailports::util
