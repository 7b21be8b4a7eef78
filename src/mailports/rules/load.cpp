#include <mailports/rules/load.hpp>

#include <mailports/rules/json_parse.hpp>
#include <mailports/rules/validate.hpp>

namespace mailports::rules {

core::Result<OwnedTable> load_rules(std::string_view json_text, std::string_view origin)
{
  auto document = parse_json_strict(json_text);
  if (!document) {
    return core::Error{std::string(origin) + ":" + document.error().message};
  }
  auto table = build_table(*document);
  if (!table) {
    return core::Error{std::string(origin) + ": " + table.error().message};
  }
  return std::move(table).value();
}

} // namespace mailports::rules
