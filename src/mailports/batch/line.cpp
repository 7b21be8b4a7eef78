#include <mailports/batch/line.hpp>

#include <mailports/engine/lookup.hpp>
#include <mailports/engine/recommend.hpp>
#include <mailports/util/text.hpp>
#include <mailports/util/unicode.hpp>

#include <charconv>
#include <optional>

namespace mailports::batch {

namespace {

using nlohmann::json;

using Problem = LineError::Problem;

struct Bad {
  Problem problem;
  std::string field;
  std::string value;
  std::optional<url::UrlError> url = std::nullopt;
};

// Strings are read as the command line is: NFKC first ("５８７", "ＳＳＬ").
std::string string_field(const json& line, const char* name)
{
  const auto& value = line.at(name);
  if (!value.is_string()) {
    throw Bad{Problem::wrong_type, name, value.type_name()};
  }
  return util::nfkc(value.get_ref<const std::string&>());
}

std::uint16_t port_field(const json& line)
{
  const auto& value = line.at("port");
  std::int64_t port = 0;
  if (value.is_number_integer()) {
    port = value.is_number_unsigned() && value.get<std::uint64_t>() > 65535 ? 0 : value.get<std::int64_t>();
  } else if (value.is_string()) { // "587" is common in configs
    const auto text = util::nfkc(value.get_ref<const std::string&>());
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

// "url" as `check URL` reads it: a mail URL, or HOST:PORT with the protocol
// the table gives the port.
core::Result<url::MailUrl, url::UrlError> url_field(const json& line, const rules::Table& table)
{
  const auto text = string_field(line, "url");
  auto host_port = url::as_host_port(text);
  if (!host_port) {
    return url::parse_mail_url(text);
  }
  if (!*host_port) {
    return host_port->error();
  }
  const auto proto = engine::sole_proto_of_port(table, *host_port->value().port);
  if (!proto) {
    throw Bad{Problem::missing, "proto", {}};
  }
  return url::from_host_port(text, host_port->value(), *proto);
}

template <typename T, typename Parse>
T enum_value(const char* name, const std::string& text, Parse parse)
{
  const auto value = parse(text);
  if (!value) {
    throw Bad{Problem::bad_value, name, util::quote_for_message(text)};
  }
  return *value;
}

template <typename T, typename Parse>
T enum_field(const json& line, const char* name, Parse parse)
{
  return enum_value<T>(name, string_field(line, name), parse);
}

LineQuery setting_from_json(const json& line, const rules::Table& table)
{
  LineQuery out;
  engine::Query& q = out.query;
  q.role = line.contains("role") ? enum_field<core::Role>(line, "role", core::parse_role)
                                 : core::Role::client;
  // Not std::optional: GCC 12 warns falsely about reading it (PR 105562).
  const bool has_tls = line.contains("tls");
  const auto tls_text = has_tls ? string_field(line, "tls") : std::string();
  const auto tls = has_tls ? enum_value<core::TlsMode>("tls", tls_text, core::parse_tls_mode)
                           : core::TlsMode::starttls;
  q.tls_word_ambiguous = has_tls && core::is_ambiguous_tls_word(tls_text);
  if (line.contains("url")) {
    if (line.contains("proto") || line.contains("port")) {
      throw Bad{Problem::url_and_setting, {}, {}};
    }
    auto parsed = url_field(line, table);
    if (!parsed) {
      throw Bad{Problem::bad_url, "url", parsed.error().redacted, parsed.error()};
    }
    const auto& u = *parsed;
    q.proto = u.proto;
    q.proto_inferred = u.scheme.empty();
    const auto port = u.port ? u.port : engine::port_of_service(table, u.proto, u.service);
    if (!port) {
      throw Bad{Problem::no_port, "url", u.redacted};
    }
    q.port = *port;
    if (u.tls && has_tls && tls != *u.tls) {
      throw Bad{Problem::tls_conflict, u.scheme, std::string(core::to_string(tls))};
    }
    q.tls = u.tls ? *u.tls : has_tls ? tls : engine::usual_mode(table, q.proto, q.port, q.role);
    q.tls_word_ambiguous = q.tls_word_ambiguous && !u.tls;
    q.tls_stated = u.tls || has_tls;
    out.url = std::move(parsed).value();
    return out;
  }
  for (const char* name : {"port", "tls"}) {
    if (!line.contains(name)) {
      throw Bad{Problem::missing, line.contains("proto") ? name : "proto", {}};
    }
  }
  if (line.contains("proto")) {
    q.proto = enum_field<core::Proto>(line, "proto", core::parse_proto_word);
    q.port = port_field(line);
  } else if (q.port = port_field(line); const auto proto = engine::sole_proto_of_port(table, q.port)) {
    q.proto = *proto; // as `check --port` without --proto
    q.proto_inferred = true;
  } else {
    throw Bad{Problem::missing, "proto", {}};
  }
  q.tls = tls;
  return out;
}

// The setting, refused as `check` refuses it when the table has nothing to
// judge it by (IMAP or POP3 relay).
LineQuery from_json(const json& line, const rules::Table& table)
{
  auto out = setting_from_json(line, table);
  if (!engine::has_choices(table, out.query.proto, out.query.role)) {
    throw Bad{Problem::no_choices, std::string(core::to_string(out.query.proto)),
              std::string(core::to_string(out.query.role))};
  }
  return out;
}


// The fast path: a flat object of known keys with plain values, read
// without building a DOM. nullopt sends the line to parse_line_full.
class SimpleLine {
public:
  SimpleLine(std::string_view text, const rules::Table& table) : m_text(text), m_table(table) {}

  std::optional<LineQuery> parse()
  {
    skip_space();
    if (!eat('{')) {
      return std::nullopt;
    }
    std::string_view proto, tls, role;
    std::optional<std::int64_t> port;
    bool has_id = false;
    for (bool first = true;; first = false) {
      skip_space();
      if (eat('}')) {
        if (!first) { // "{}" goes the full way: it has its own error
          break;
        }
        return std::nullopt;
      }
      if (!first && !eat(',')) {
        return std::nullopt;
      }
      skip_space();
      const auto key = string();
      skip_space();
      if (!key || !eat(':')) {
        return std::nullopt;
      }
      skip_space();
      bool ok = false;
      if (*key == "proto" && proto.empty()) {
        ok = assign(proto);
      } else if (*key == "tls" && tls.empty()) {
        ok = assign(tls);
      } else if (*key == "role" && role.empty()) {
        ok = assign(role);
      } else if (*key == "port" && !port) {
        port = integer();
        ok = port && *port >= 1 && *port <= 65535;
      } else if (*key == "id" && !has_id) {
        has_id = true;
        ok = id();
      }
      if (!ok) { // unknown or repeated key, or a value this path does not take
        return std::nullopt;
      }
    }
    skip_space();
    if (m_pos != m_text.size()) {
      return std::nullopt;
    }
    const auto p = core::parse_proto_word(proto);
    const auto mode = core::parse_tls_mode(tls);
    const auto r = role.empty() ? std::optional(core::Role::client) : core::parse_role(role);
    if (!p || !mode || !r || !port || !engine::has_choices(m_table, *p, *r)) {
      return std::nullopt; // the error, if any, comes from the full path
    }
    m_out.query.proto = *p;
    m_out.query.port = static_cast<std::uint16_t>(*port);
    m_out.query.tls = *mode;
    m_out.query.tls_word_ambiguous = core::is_ambiguous_tls_word(tls);
    m_out.query.role = *r;
    return std::move(m_out);
  }

private:
  void skip_space()
  {
    while (m_pos < m_text.size()
           && (m_text[m_pos] == ' ' || m_text[m_pos] == '\t' || m_text[m_pos] == '\r' || m_text[m_pos] == '\n')) {
      ++m_pos;
    }
  }

  bool eat(char c)
  {
    if (m_pos < m_text.size() && m_text[m_pos] == c) {
      ++m_pos;
      return true;
    }
    return false;
  }

  // A string of printable ASCII without escapes.
  std::optional<std::string_view> string()
  {
    if (!eat('"')) {
      return std::nullopt;
    }
    const auto start = m_pos;
    while (m_pos < m_text.size() && m_text[m_pos] != '"') {
      const auto c = static_cast<unsigned char>(m_text[m_pos]);
      if (c < 0x20 || c > 0x7e || c == '\\') {
        return std::nullopt;
      }
      ++m_pos;
    }
    if (!eat('"')) {
      return std::nullopt;
    }
    return m_text.substr(start, m_pos - 1 - start);
  }

  bool assign(std::string_view& target)
  {
    const auto value = string();
    target = value.value_or(std::string_view());
    return value && !value->empty();
  }

  // -?(0|[1-9][0-9]*), at most 18 digits: no fraction or exponent.
  std::optional<std::int64_t> integer()
  {
    const bool negative = eat('-');
    const auto start = m_pos;
    while (m_pos < m_text.size() && m_text[m_pos] >= '0' && m_text[m_pos] <= '9') {
      ++m_pos;
    }
    const auto digits = m_pos - start;
    if (digits == 0 || digits > 18 || (digits > 1 && m_text[start] == '0')) {
      return std::nullopt;
    }
    if (m_pos < m_text.size() && (m_text[m_pos] == '.' || m_text[m_pos] == 'e' || m_text[m_pos] == 'E')) {
      return std::nullopt;
    }
    std::int64_t value = 0;
    std::from_chars(m_text.data() + start, m_text.data() + m_pos, value);
    return negative ? -value : value;
  }

  bool id()
  {
    if (m_pos < m_text.size() && m_text[m_pos] == '"') {
      const auto text = string();
      if (text) {
        m_out.id = std::string(*text);
      }
      return text.has_value();
    }
    const bool negative = m_pos < m_text.size() && m_text[m_pos] == '-';
    const auto number = integer();
    if (number) { // as nlohmann stores it: unsigned unless a '-' (even "-0")
      m_out.id = negative ? json(*number) : json(static_cast<std::uint64_t>(*number));
    }
    return number.has_value();
  }

  std::string_view m_text;
  const rules::Table& m_table;
  std::size_t m_pos = 0;
  LineQuery m_out;
};

} // namespace

core::Result<LineQuery, LineError> parse_line(std::string_view line, const rules::Table& table)
{
  if (auto simple = SimpleLine(line, table).parse()) {
    return std::move(simple).value();
  }
  return parse_line_full(line, table);
}

core::Result<LineQuery, LineError> parse_line_full(std::string_view line, const rules::Table& table)
{
  json document = json::parse(line.begin(), line.end(), nullptr, false);
  if (document.is_discarded() || line.find('\0') != std::string_view::npos) {
    return LineError{Problem::not_json, {}, {}, nullptr, std::nullopt};
  }
  if (!document.is_object()) {
    return LineError{Problem::not_object, {}, document.type_name(), nullptr, std::nullopt};
  }
  json id = document.contains("id") ? document["id"] : json(nullptr);
  try {
    auto query = from_json(document, table);
    query.id = std::move(id);
    return query;
  } catch (Bad& bad) {
    return LineError{bad.problem, std::move(bad.field), std::move(bad.value), std::move(id), std::move(bad.url)};
  }
}

} // namespace mailports::batch
