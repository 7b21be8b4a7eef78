#include <mailports/util/json_check.hpp>

#include <mailports/rules/json_parse.hpp>
#include <mailports/util/text.hpp>

#include <algorithm>
#include <cstdint>

namespace mailports::util {

void json_fail(const std::string& pointer, const std::string& what)
{
  throw JsonInvalid{(pointer.empty() ? std::string("/") : pointer) + ": " + what};
}

std::string json_child(const std::string& pointer, std::string_view key)
{
  return pointer + "/" + rules::pointer_token(key);
}

std::string json_child(const std::string& pointer, std::size_t index)
{
  return pointer + "/" + std::to_string(index);
}

std::string json_quoted(std::string_view text)
{
  return "\"" + quote_for_message(text) + "\"";
}

void expect_object(const nlohmann::json& value, const std::string& pointer)
{
  if (!value.is_object()) {
    json_fail(pointer, std::string("expected an object, got ") + value.type_name());
  }
}

void expect_fields(const nlohmann::json& object, const std::string& pointer,
                   std::initializer_list<std::string_view> required,
                   std::initializer_list<std::string_view> optional)
{
  expect_object(object, pointer);
  for (const auto name : required) {
    if (!object.contains(name)) {
      json_fail(pointer, "missing field " + json_quoted(name));
    }
  }
  for (const auto& [key, value] : object.items()) {
    const auto known = [&k = key](std::string_view name) { return name == k; };
    if (std::none_of(required.begin(), required.end(), known)
        && std::none_of(optional.begin(), optional.end(), known)) {
      json_fail(json_child(pointer, quote_for_message(key)),
                "unknown field; expected one of " + join(required)
                  + (optional.size() == 0 ? "" : ", " + join(optional)));
    }
  }
}

const std::string& expect_string(const nlohmann::json& value, const std::string& pointer)
{
  if (!value.is_string()) {
    json_fail(pointer, std::string("expected a string, got ") + value.type_name());
  }
  const auto& text = value.get_ref<const std::string&>();
  if (text.empty()) {
    json_fail(pointer, "expected a non-empty string");
  }
  return text;
}

const nlohmann::json& expect_array(const nlohmann::json& value, const std::string& pointer)
{
  if (!value.is_array()) {
    json_fail(pointer, std::string("expected an array, got ") + value.type_name());
  }
  return value;
}

int expect_integer(const nlohmann::json& value, const std::string& pointer, int min, int max)
{
  if (!value.is_number_integer()) {
    json_fail(pointer, std::string("expected an integer, got ") + value.type_name());
  }
  const bool in_range = value.is_number_unsigned()
                          ? value.get<std::uint64_t>() <= static_cast<std::uint64_t>(max)
                          : value.get<std::int64_t>() <= max && value.get<std::int64_t>() >= min;
  if (!in_range || value.get<std::int64_t>() < min) {
    json_fail(pointer, "expected an integer from " + std::to_string(min) + " to "
                         + std::to_string(max) + ", got " + value.dump());
  }
  return value.get<int>();
}

} // namespace mailports::util
