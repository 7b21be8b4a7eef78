#include <mailports/batch/line.hpp>

#include <mailports/engine/lookup.hpp>
#include <mailports/util/text.hpp>

#include <charconv>

namespace mailports::batch {

namespace {

using nlohmann::json;

using Problem = LineError::Problem;

struct Bad {
  Problem problem;
  std::string field;
  std::string value;
};

const std::string& string_field(const json& line, const char* name)
{
  const auto& value = line.at(name);
  if (!value.is_string()) {
    throw Bad{Problem::wrong_type, name, value.type_name()};
  }
  return value.get_ref<const std::string&>();
}

std::uint16_t port_field(const json& line)
{
  const auto& value = line.at("port");
  std::int64_t port = 0;
  if (value.is_number_integer()) {
    port = value.is_number_unsigned() && value.get<std::uint64_t>() > 65535 ? 0 : value.get<std::int64_t>();
  } else if (value.is_string()) { // "587" is common in configs
    const auto& text = value.get_ref<const std::string&>();
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), port);
    if (ec != std::errc() || end != text.data() + text.size()) {
      port = 0;
    }
  } else {
    throw Bad{Problem::wrong_type, "port", value.type_name()};
  }
  if (port < 1 || port > 65535) {
    throw Bad{Problem::bad_port, "port",
              util::quote_for_message(value.dump(-1, ' ', false, json::error_handler_t::replace))};
  }
  return static_cast<std::uint16_t>(port);
}

template <typename T, typename Parse>
T enum_field(const json& line, const char* name, Parse parse)
{
  const auto& text = string_field(line, name);
  const auto value = parse(text);
  if (!value) {
    throw Bad{Problem::bad_value, name, util::quote_for_message(text)};
  }
  return *value;
}

LineQuery from_json(const json& line, const rules::Table& table)
{
  LineQuery out;
  engine::Query& q = out.query;
  q.role = line.contains("role") ? enum_field<core::Role>(line, "role", core::parse_role)
                                 : core::Role::client;
  // Not std::optional: GCC 12 warns falsely about reading it (PR 105562).
  const bool has_tls = line.contains("tls");
  const auto tls = has_tls ? enum_field<core::TlsMode>(line, "tls", core::parse_tls_mode)
                           : core::TlsMode::starttls;
  if (line.contains("url")) {
    if (line.contains("proto") || line.contains("port")) {
      throw Bad{Problem::url_and_setting, {}, {}};
    }
    auto parsed = url::parse_mail_url(string_field(line, "url"));
    if (!parsed) {
      throw Bad{Problem::bad_url, "url", parsed.error().redacted};
    }
    const auto& u = *parsed;
    q.proto = u.proto;
    const auto port = u.port ? u.port : engine::port_of_service(table, u.proto, u.service);
    if (!port) {
      throw Bad{Problem::no_port, "url", u.redacted};
    }
    q.port = *port;
    if (u.tls && has_tls && tls != *u.tls) {
      throw Bad{Problem::tls_conflict, u.scheme, std::string(core::to_string(tls))};
    }
    q.tls = u.tls ? *u.tls : has_tls ? tls : engine::usual_mode(table, q.proto, q.port);
    q.tls_stated = u.tls || has_tls;
    out.url = std::move(parsed).value();
    return out;
  }
  for (const char* name : {"proto", "port", "tls"}) {
    if (!line.contains(name)) {
      throw Bad{Problem::missing, name, {}};
    }
  }
  q.proto = enum_field<core::Proto>(line, "proto", core::parse_proto);
  q.port = port_field(line);
  q.tls = tls;
  return out;
}

} // namespace

core::Result<LineQuery, LineError> parse_line(std::string_view line, const rules::Table& table)
{
  json document = json::parse(line.begin(), line.end(), nullptr, false);
  if (document.is_discarded() || line.find('\0') != std::string_view::npos) {
    return LineError{Problem::not_json, {}, {}, nullptr};
  }
  if (!document.is_object()) {
    return LineError{Problem::not_object, {}, document.type_name(), nullptr};
  }
  json id = document.contains("id") ? document["id"] : json(nullptr);
  try {
    auto query = from_json(document, table);
    query.id = std::move(id);
    return query;
  } catch (Bad& bad) {
    return LineError{bad.problem, std::move(bad.field), std::move(bad.value), std::move(id)};
  }
}

} // namespace mailports::batch
