#include <mailports/batch/line.hpp>

#include <mailports/engine/lookup.hpp>
#include <mailports/engine/recommend.hpp>
#include <mailports/util/text.hpp>
#include <mailports/util/unicode.hpp>

#include <bit>
#include <charconv>
#include <cstring>
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
core::Result<url::MailUrl, url::UrlError> url_from_text(std::string_view text, const rules::Table& table)
{
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

// The setting a "url" gives with the line's "tls", if any: `q` holds the
// line's role and whether its "tls" word was ambiguous. Both paths use it.
void url_setting(engine::Query& q, url::MailUrl& url_out, std::string_view text, bool has_tls,
                 core::TlsMode tls, const rules::Table& table)
{
  auto parsed = url_from_text(text, table);
  if (!parsed) {
    throw Bad{Problem::bad_url, "url", parsed.error().redacted, parsed.error()};
  }
  auto& u = *parsed;
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
  url_out = std::move(u);
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
    url::MailUrl u;
    url_setting(q, u, string_field(line, "url"), has_tls, tls, table);
    out.url = std::move(u);
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


// The fast path's reading of a flat object of known keys with plain
// values, without building a DOM: views of the line. A key's absence is an
// empty view (an empty value sends the line to the full path).
struct Fields {
  std::string_view proto, tls, role, url;
  std::string_view id; // the raw JSON value
  std::optional<std::int64_t> port;
};

constexpr std::uint64_t k_ones = 0x0101010101010101;
constexpr std::uint64_t k_high = 0x8080808080808080;

constexpr std::uint64_t has_zero_byte(std::uint64_t v) noexcept
{
  return (v - k_ones) & ~v & k_high;
}

// The bytes of 8 that end a plain string: a quote, a backslash, anything
// outside printable ASCII (0x20 to 0x7E). Each test can flag a byte above a
// flagged one falsely (a borrow), never below: the lowest flag is exact.
std::uint64_t special_bytes(const char* p) noexcept
{
  std::uint64_t w = 0;
  std::memcpy(&w, p, sizeof w);
  return (w & k_high) | ((w - k_ones * 0x20) & ~w & k_high) | has_zero_byte(w ^ (k_ones * 0x7f))
         | has_zero_byte(w ^ (k_ones * '"')) | has_zero_byte(w ^ (k_ones * '\\'));
}

// `key` is the literal `name`: a compare of known size, inlined.
template <std::size_t N>
bool is_key(std::string_view key, const char (&name)[N]) noexcept
{
  return key.size() == N - 1 && std::memcmp(key.data(), name, N - 1) == 0;
}

class Scanner {
public:
  explicit Scanner(std::string_view text) : m_text(text) {}

  // False sends the line to parse_line_full.
  bool scan(Fields& f)
  {
    skip_space();
    if (!eat('{')) {
      return false;
    }
    for (bool first = true;; first = false) {
      skip_space();
      if (eat('}')) {
        if (!first) { // "{}" goes the full way: it has its own error
          break;
        }
        return false;
      }
      if (!first && !eat(',')) {
        return false;
      }
      skip_space();
      const auto key = string();
      skip_space();
      if (!key || !eat(':')) {
        return false;
      }
      skip_space();
      if (!member(*key, f)) { // unknown or repeated key, or a value this path does not take
        return false;
      }
    }
    skip_space();
    return m_pos == m_text.size();
  }

private:
  bool member(std::string_view key, Fields& f)
  {
    if (is_key(key, "proto")) {
      return f.proto.empty() && assign(f.proto);
    }
    if (is_key(key, "port")) {
      if (f.port) {
        return false;
      }
      f.port = integer();
      return f.port && *f.port >= 1 && *f.port <= 65535;
    }
    if (is_key(key, "tls")) {
      return f.tls.empty() && assign(f.tls);
    }
    if (is_key(key, "id")) {
      return f.id.empty() && id(f.id);
    }
    if (is_key(key, "url")) {
      return f.url.empty() && assign(f.url);
    }
    return is_key(key, "role") && f.role.empty() && assign(f.role);
  }

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

  // A string of printable ASCII without escapes (so JSON shows it as it is),
  // read 8 bytes at a time: its end is the lowest special byte.
  std::optional<std::string_view> string()
  {
    if (!eat('"')) {
      return std::nullopt;
    }
    const auto start = m_pos;
    for (;;) {
      if (m_text.size() - m_pos < 8) {
        while (m_pos < m_text.size() && printable(m_text[m_pos])) {
          ++m_pos;
        }
        break;
      }
      if (const auto special = special_bytes(m_text.data() + m_pos); special != 0) {
        m_pos += static_cast<std::size_t>(std::countr_zero(special)) / 8;
        break;
      }
      m_pos += 8;
    }
    if (m_pos == m_text.size() || m_text[m_pos] != '"') {
      return std::nullopt;
    }
    ++m_pos;
    return m_text.substr(start, m_pos - 1 - start);
  }

  static bool printable(char c) noexcept
  {
    const auto byte = static_cast<unsigned char>(c);
    return byte >= 0x20 && byte <= 0x7e && c != '"' && c != '\\';
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
    std::int64_t value = 0;
    while (m_pos < m_text.size() && m_text[m_pos] >= '0' && m_text[m_pos] <= '9') {
      if (m_pos - start < 18) { // more is refused below; this keeps it from overflowing
        value = value * 10 + (m_text[m_pos] - '0');
      }
      ++m_pos;
    }
    const auto digits = m_pos - start;
    if (digits == 0 || digits > 18 || (digits > 1 && m_text[start] == '0')) {
      return std::nullopt;
    }
    if (m_pos < m_text.size() && (m_text[m_pos] == '.' || m_text[m_pos] == 'e' || m_text[m_pos] == 'E')) {
      return std::nullopt;
    }
    return negative ? -value : value;
  }

  // A plain string or an integer, kept as written: nlohmann dumps it in the
  // same bytes, but for "-0" (it dumps "0"), left to the full path.
  bool id(std::string_view& raw)
  {
    const auto start = m_pos;
    if (m_pos < m_text.size() && m_text[m_pos] == '"') {
      if (!string()) {
        return false;
      }
    } else if (!integer()) {
      return false;
    }
    raw = m_text.substr(start, m_pos - start);
    return raw != "-0";
  }

  std::string_view m_text;
  std::size_t m_pos = 0;
};

// The id as nlohmann parses it from its raw text (a plain string or an
// integer of at most 18 digits): unsigned unless it has a '-'.
json id_value(std::string_view raw)
{
  if (raw.empty()) {
    return nullptr;
  }
  if (raw.front() == '"') {
    return std::string(raw.substr(1, raw.size() - 2));
  }
  std::int64_t value = 0;
  std::from_chars(raw.data(), raw.data() + raw.size(), value);
  return raw.front() == '-' ? json(value) : json(static_cast<std::uint64_t>(value));
}

} // namespace

LineParser::LineParser(const rules::Table& table) : m_table(table)
{
  for (const auto proto : {core::Proto::smtp, core::Proto::imap, core::Proto::pop3}) {
    for (const auto role : {core::Role::client, core::Role::relay}) {
      m_choices[static_cast<std::size_t>(proto)][static_cast<std::size_t>(role)] =
        engine::has_choices(table, proto, role);
    }
  }
}

bool LineParser::has_choices(core::Proto proto, core::Role role) const
{
  return m_choices[static_cast<std::size_t>(proto)][static_cast<std::size_t>(role)];
}

template <typename T, typename Read>
const typename LineParser::Memo<T>::Entry& LineParser::remember(Memo<T>& memo, std::string_view word, Read read)
{
  for (std::size_t i = 0; i < memo.count; ++i) {
    const auto& e = memo.entries[i];
    if (e.size == word.size() && e.text[0] == word[0] // words are not empty
        && std::memcmp(e.text.data(), word.data(), word.size()) == 0) {
      return e;
    }
  }
  const bool keep = word.size() <= memo.scratch.text.size() && memo.count < memo.entries.size();
  auto& e = keep ? memo.entries[memo.count++] : memo.scratch;
  if (keep) {
    std::memcpy(e.text.data(), word.data(), word.size());
    e.size = static_cast<std::uint8_t>(word.size());
  }
  read(word, e);
  return e;
}

bool LineParser::parse_fast(std::string_view line, FastLine& out)
{
  Fields f;
  if (!Scanner(line).scan(f)) {
    return false;
  }
  const auto role = f.role.empty() ? std::optional(core::Role::client) : core::parse_role(f.role);
  if (!role) {
    return false; // the error, if any, comes from the full path
  }
  const Memo<core::TlsMode>::Entry* tls = nullptr;
  if (!f.tls.empty()) {
    tls = &remember(m_tls, f.tls, [](std::string_view word, auto& e) {
      e.value = core::parse_tls_mode(word);
      e.ambiguous = core::is_ambiguous_tls_word(word);
    });
    if (!tls->value) {
      return false;
    }
  }
  engine::Query& q = out.query;
  q = engine::Query{};
  q.role = *role;
  out.id = f.id;
  if (!f.url.empty()) { // printable ASCII, which NFKC leaves as it is
    if (!f.proto.empty() || f.port) {
      return false;
    }
    q.tls_word_ambiguous = tls != nullptr && tls->ambiguous;
    try {
      url_setting(q, out.url, f.url, tls != nullptr, tls != nullptr ? *tls->value : core::TlsMode::starttls,
                  m_table);
    } catch (const Bad&) {
      return false;
    }
    out.has_url = true;
    return has_choices(q.proto, q.role);
  }
  if (f.proto.empty() || !f.port || tls == nullptr) {
    return false;
  }
  const auto& proto = remember(m_protos, f.proto, [](std::string_view word, auto& e) {
    e.value = core::parse_proto_word(word);
  });
  if (!proto.value || !has_choices(*proto.value, q.role)) {
    return false;
  }
  q.proto = *proto.value;
  q.port = static_cast<std::uint16_t>(*f.port);
  q.tls = *tls->value;
  q.tls_word_ambiguous = tls->ambiguous;
  out.has_url = false;
  return true;
}

core::Result<LineQuery, LineError> LineParser::parse(std::string_view line)
{
  FastLine fast;
  if (parse_fast(line, fast)) {
    LineQuery out;
    out.query = fast.query;
    out.id = id_value(fast.id);
    if (fast.has_url) {
      out.url = std::move(fast.url);
    }
    return out;
  }
  return parse_line_full(line, m_table);
}

core::Result<LineQuery, LineError> parse_line(std::string_view line, const rules::Table& table)
{
  return LineParser(table).parse(line);
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
