// Postfix as a mail client of a provider's submission server: `relayhost`
// with `smtp_tls_wrappermode` and `smtp_tls_security_level` (postconf(5)).
// The writer gives `postconf -e` lines; the reader takes main.cf (logical
// lines: a line that starts with white space continues the one before;
// `$name` references expanded from the same file) and also such
// `postconf -e` lines, so a generated script lints like the main.cf it makes.
#include "formats.hpp"

#include "../lines.hpp"

#include <mailports/util/text.hpp>
#include <mailports/util/unicode.hpp>

#include <fmt/format.h>

#include <array>
#include <cctype>
#include <charconv>
#include <map>
#include <optional>

namespace mailports::clientconf::formats {

namespace {

constexpr std::string_view k_mx = "postfix-relayhost-mx";
constexpr std::string_view k_465 = "postfix-465-no-wrappermode";
constexpr std::string_view k_wrapper_level = "postfix-wrappermode-level";
constexpr std::string_view k_opportunistic = "postfix-tls-opportunistic";
constexpr std::string_view k_unverified = "postfix-tls-unverified";
constexpr std::string_view k_no_ca = "postfix-no-ca";
constexpr std::string_view k_unresolved = "postfix-unresolved-variable";
constexpr std::string_view k_deprecated = "postfix-deprecated-tls";
constexpr std::string_view k_no_relayhost = "postfix-no-relayhost";
constexpr std::string_view k_unreadable = "postfix-relayhost-unreadable";
constexpr std::string_view k_password_stored = "config-password-stored";

constexpr std::array<std::string_view, 11> k_codes = {k_mx,         k_465,         k_wrapper_level, k_opportunistic,
                                                      k_unverified, k_no_ca,       k_unresolved,    k_deprecated,
                                                      k_no_relayhost, k_unreadable, k_password_stored};
constexpr std::array<std::string_view, 2> k_file_names = {"main.cf", "*.main.cf"};
constexpr std::array<std::string_view, 3> k_version_command = {"postconf", "-d", "mail_version"};

constexpr std::string_view k_ca_file = "/etc/ssl/certs/ca-certificates.crt";
constexpr std::string_view k_sasl_file = "/etc/postfix/sasl_passwd";

// ---------------------------------------------------------------- writing

constexpr core::Text k_run{
  "Run these lines as root on the machine whose Postfix relays through {host}, then: postfix reload",
  "{host} 経由で中継する Postfix のマシンで、root として次の行を実行し、そのあと postfix reload してください。"};
constexpr core::Text k_secure{
  "secure: TLS is required and the certificate must be valid for {host} (CAs from smtp_tls_CAfile).",
  "secure: TLS を必須にし、証明書が {host} に対して有効であることを確認します (認証局は smtp_tls_CAfile)。"};
constexpr core::Text k_wrapper_old{
  "smtp_tls_wrappermode for the SMTP client needs Postfix 3.0 or later.",
  "SMTP クライアントの smtp_tls_wrappermode には Postfix 3.0 以降が必要です。"};
constexpr core::Text k_sasl{
  "The login goes into {file} (never into main.cf), readable by root only:\n"
  "  {key} {user}:PASSWORD\n"
  "then: chmod 600 {file} && postmap hash:{file}",
  "ログイン情報は main.cf ではなく {file} に書き、root だけが読めるようにします:\n"
  "  {key} {user}:PASSWORD\n"
  "そのあと: chmod 600 {file} && postmap hash:{file}"};

std::string relay_target(const WriteServer& server)
{
  const bool v6 = server.host.find(':') != std::string::npos;
  return fmt::format("[{}{}]:{}", v6 ? "ipv6:" : "", server.host, server.port);
}

std::string postconf_line(std::string_view name, std::string_view value)
{
  return "postconf -e " + util::quote_for_shell(fmt::format("{} = {}", name, value)) + "\n";
}

WriteResult write(const WritePlan& plan)
{
  if (plan.outgoing.empty()) {
    return WriteError{WriteError::Kind::needs_outgoing};
  }
  const auto& server = plan.outgoing.front();
  const auto target = relay_target(server);
  const bool v3_4 = plan.version.version >= *parse_version("3.4");
  std::string out = header_comment(plan, "#", postfix);
  out += comment("#", fmt::format(fmt::runtime(k_run.in(plan.lang)), fmt::arg("host", server.host)));
  for (const auto& warning : server.warnings) {
    out += comment("#", warning);
  }
  out += postconf_line("relayhost", target);
  const bool implicit = server.tls == core::TlsMode::implicit;
  if (implicit && plan.version.version < *parse_version("3.0")) {
    out += comment(plan, "#", k_wrapper_old);
  }
  out += postconf_line("smtp_tls_wrappermode", implicit ? "yes" : "no");
  if (server.tls == core::TlsMode::none) {
    out += postconf_line("smtp_tls_security_level", "none");
  } else {
    out += comment("#", fmt::format(fmt::runtime(k_secure.in(plan.lang)), fmt::arg("host", server.host)));
    out += postconf_line("smtp_tls_security_level", "secure");
    out += postconf_line("smtp_tls_CAfile", k_ca_file);
    if (v3_4) {
      out += postconf_line("smtp_tls_servername", "hostname");
    }
  }
  out += postconf_line("smtp_sasl_auth_enable", "yes");
  out += postconf_line("smtp_sasl_security_options", "noanonymous");
  out += postconf_line("smtp_sasl_password_maps", fmt::format("hash:{}", k_sasl_file));
  out += comment("#", fmt::format(fmt::runtime(k_sasl.in(plan.lang)), fmt::arg("file", k_sasl_file),
                                  fmt::arg("key", target),
                                  fmt::arg("user", plan.user.empty() ? std::string("USER") : plan.user)));
  return out;
}

// ---------------------------------------------------------------- reading

struct Setting {
  std::string value;
  Location where;
};

using Settings = std::map<std::string, Setting, std::less<>>;

std::string_view trim(std::string_view text)
{
  return util::trim(text);
}

// `name = value` into `settings` (the last one wins, as in Postfix).
core::Result<bool, SyntaxError> assign(Settings& settings, std::string_view text, Location where)
{
  const auto eq = text.find('=');
  if (eq == std::string_view::npos) {
    // postconf: "missing '=' after attribute name"; Postfix refuses to start.
    return SyntaxError{SyntaxError::Kind::bad_syntax, where,
                       "missing '=' after " + util::quote_for_message(trim(text), 40)};
  }
  const auto name = trim(text.substr(0, eq));
  if (name.empty()) {
    return SyntaxError{SyntaxError::Kind::bad_syntax, where, "missing parameter name before '='"};
  }
  settings[std::string(name)] = Setting{std::string(trim(text.substr(eq + 1))), where};
  return true;
}

// A line of a script: `[sudo] postconf [-e] [-c DIR] 'name = value' ...`.
core::Result<bool, SyntaxError> read_postconf(Settings& settings, const Line& line)
{
  std::vector<unsigned> columns;
  auto words = split_words(line, &columns);
  if (!words) {
    return words.error();
  }
  std::size_t i = 0;
  if (i < words->size() && (*words)[i] == "sudo") {
    ++i;
  }
  ++i; // postconf
  for (; i < words->size(); ++i) {
    const auto& word = (*words)[i];
    if (word == "-c" || word == "-o") {
      ++i; // its argument
      continue;
    }
    if (word.starts_with('-') || word.find('=') == std::string::npos) {
      continue;
    }
    if (auto ok = assign(settings, word, Location{line.number, columns[i]}); !ok) {
      return ok.error();
    }
  }
  return true;
}

bool is_postconf_line(std::string_view text)
{
  text = trim(text);
  if (text.starts_with("sudo ")) {
    text = trim(text.substr(5));
  }
  return text.starts_with("postconf ") || text.starts_with("postconf\t");
}

core::Result<Settings, SyntaxError> read_settings(const std::vector<Line>& lines)
{
  Settings settings;
  std::string logical;
  Location start;
  const auto flush = [&]() -> core::Result<bool, SyntaxError> {
    if (logical.empty()) {
      return true;
    }
    auto ok = assign(settings, logical, start);
    logical.clear();
    return ok;
  };
  for (const auto& line : lines) {
    const auto text = trim(line.text);
    if (text.empty() || text.starts_with('#')) {
      continue; // Postfix skips these, even inside a continued line
    }
    const bool continues = line.text.front() == ' ' || line.text.front() == '\t';
    if (continues && !logical.empty()) {
      logical += ' ';
      logical += text;
      continue;
    }
    if (auto ok = flush(); !ok) {
      return ok.error();
    }
    if (is_postconf_line(text)) {
      if (auto ok = read_postconf(settings, line); !ok) {
        return ok.error();
      }
      continue;
    }
    start = Location{line.number, static_cast<unsigned>(line.text.size() - text.size() + 1)};
    logical = text;
  }
  if (auto ok = flush(); !ok) {
    return ok.error();
  }
  return settings;
}

// `$name`, `${name}`, `$(name)`, `${name?text}`, `${name:text}` and `$$`,
// from the file's own settings. A name the file does not set goes to
// `unresolved` and stays as written. Depth, size and the number of
// references followed are bounded (a loop of references, a file made to
// grow, or many references to empty values, which grow nothing but time).
struct Expander {
  const Settings& settings;
  std::vector<std::string> unresolved;
  std::size_t budget = 100000; // references left to follow

  static constexpr unsigned k_max_depth = 20;
  static constexpr std::size_t k_max_size = 8192;

  std::string expand(std::string_view text, unsigned depth = 0)
  {
    std::string out;
    std::size_t i = 0;
    while (i < text.size() && out.size() < k_max_size) {
      if (text[i] != '$' || i + 1 >= text.size()) {
        out += text[i++];
        continue;
      }
      const char next = text[i + 1];
      if (next == '$') {
        out += '$';
        i += 2;
        continue;
      }
      std::string_view name;
      std::optional<std::pair<char, std::string_view>> conditional;
      std::size_t end = 0;
      if (next == '{' || next == '(') {
        const char close = next == '{' ? '}' : ')';
        const auto stop = text.find(close, i + 2);
        if (stop == std::string_view::npos) {
          out += text.substr(i);
          break;
        }
        auto inner = text.substr(i + 2, stop - i - 2);
        const auto op = inner.find_first_of("?:");
        if (op != std::string_view::npos) {
          conditional = std::pair{inner[op], inner.substr(op + 1)};
          inner = inner.substr(0, op);
        }
        name = inner;
        end = stop + 1;
      } else {
        std::size_t j = i + 1;
        while (j < text.size() && (std::isalnum(static_cast<unsigned char>(text[j])) != 0 || text[j] == '_')) {
          ++j;
        }
        if (j == i + 1) {
          out += text[i++];
          continue;
        }
        name = text.substr(i + 1, j - i - 1);
        end = j;
      }
      const auto found = settings.find(name);
      if (found == settings.end() || depth >= k_max_depth || budget == 0) {
        unresolved.emplace_back(name);
        out += text.substr(i, end - i);
      } else {
        --budget;
        const auto value = expand(found->second.value, depth + 1);
        if (!conditional) {
          out += value;
        } else if ((conditional->first == '?') == !value.empty()) {
          out += expand(conditional->second, depth + 1);
        }
      }
      i = end;
    }
    if (out.size() > k_max_size) {
      out.resize(k_max_size);
    }
    return out;
  }
};

struct Destination {
  std::string host;
  std::uint16_t port = 25;
  bool port_stated = false;
  bool bracketed = false;
};

std::optional<std::uint16_t> service_port(std::string_view text)
{
  if (text == "smtp") {
    return 25;
  }
  if (text == "submission") {
    return 587;
  }
  if (text == "submissions" || text == "smtps" || text == "urd") {
    return 465;
  }
  unsigned value = 0;
  const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec != std::errc{} || ptr != text.data() + text.size() || value == 0 || value > 65535) {
    return std::nullopt;
  }
  return static_cast<std::uint16_t>(value);
}

// "[host]:port", "[ipv6:2001:db8::1]:587", "host:port", "[host]", "host".
std::optional<Destination> parse_destination(std::string_view text)
{
  Destination d;
  std::string_view rest;
  if (text.starts_with('[')) {
    const auto close = text.find(']');
    if (close == std::string_view::npos) {
      return std::nullopt;
    }
    auto host = text.substr(1, close - 1);
    if (util::istarts_with(host, "ipv6:")) {
      host.remove_prefix(5);
    }
    d.host = std::string(host);
    d.bracketed = true;
    rest = text.substr(close + 1);
    if (!rest.empty() && !rest.starts_with(':')) {
      return std::nullopt;
    }
  } else {
    const auto colon = text.find(':');
    d.host = std::string(text.substr(0, colon));
    rest = colon == std::string_view::npos ? std::string_view{} : text.substr(colon);
  }
  if (d.host.empty() || d.host.find_first_of("[]") != std::string::npos) {
    return std::nullopt;
  }
  if (!rest.empty()) {
    const auto port = service_port(rest.substr(1));
    if (!port) {
      return std::nullopt;
    }
    d.port = *port;
    d.port_stated = true;
  }
  return d;
}

bool is_yes(std::string_view value)
{
  return util::iequals(value, "yes");
}

struct Tls {
  std::string level;       // as Postfix will use it
  std::string_view setting; // where it came from
  Location where;
};

Tls tls_level(const Settings& settings, Expander& expander, std::vector<ClientFinding>& findings)
{
  for (const auto name : {"smtp_use_tls", "smtp_enforce_tls"}) {
    if (const auto found = settings.find(name); found != settings.end()) {
      findings.push_back(ClientFinding{k_deprecated, found->second.where, name, name, ""});
    }
  }
  if (const auto found = settings.find("smtp_tls_security_level"); found != settings.end()) {
    auto level = util::to_lower(trim(expander.expand(found->second.value)));
    if (!level.empty()) {
      return Tls{std::move(level), "smtp_tls_security_level", found->second.where};
    }
  }
  // The obsolete pair decides only when the level is empty.
  const auto flag = [&](const char* name) {
    const auto found = settings.find(name);
    return found != settings.end() && is_yes(trim(expander.expand(found->second.value)));
  };
  if (flag("smtp_enforce_tls")) {
    return Tls{"encrypt", "smtp_enforce_tls", settings.find("smtp_enforce_tls")->second.where};
  }
  if (flag("smtp_use_tls")) {
    return Tls{"may", "smtp_use_tls", settings.find("smtp_use_tls")->second.where};
  }
  return Tls{"none", "smtp_tls_security_level", {}};
}

bool verifies(std::string_view level)
{
  return level == "verify" || level == "secure";
}

bool mandatory(std::string_view level)
{
  return level == "encrypt" || verifies(level) || level == "dane-only" || level == "fingerprint";
}

// The user in a `static:user:password` map, and whether the map holds a
// password at all (static:, inline:, texthash: kept in main.cf are not).
void password_maps(const Settings& settings, Expander& expander, Account& account, std::string& user)
{
  const auto found = settings.find("smtp_sasl_password_maps");
  if (found == settings.end()) {
    return;
  }
  const auto value = expander.expand(found->second.value);
  bool stored = value.find("inline:") != std::string::npos;
  if (const auto stat = value.find("static:"); stat != std::string::npos) {
    auto rest = std::string_view(value).substr(stat + 7);
    if (rest.starts_with('{')) { // static:{user:password} (Postfix 3.7+)
      rest = rest.substr(1, rest.find('}') == std::string_view::npos ? rest.npos : rest.find('}') - 1);
    }
    rest = rest.substr(0, rest.find_first_of(", \t"));
    if (const auto colon = rest.find(':'); colon != std::string_view::npos) {
      user = std::string(rest.substr(0, colon));
      stored = stored || colon + 1 < rest.size();
    }
  }
  if (stored) {
    account.findings.push_back(ClientFinding{k_password_stored, found->second.where, "smtp_sasl_password_maps",
                                             "smtp_sasl_password_maps", ""});
  }
}

ReadResult read(std::string_view content, const ReadOptions& /*options*/)
{
  auto lines = split_lines(content);
  if (!lines) {
    return lines.error();
  }
  auto settings = read_settings(*lines);
  if (!settings) {
    return settings.error();
  }
  Expander expander{*settings, {}};
  Parsed parsed;
  const auto relay = settings->find("relayhost");
  const std::string value = relay == settings->end() ? std::string() : expander.expand(relay->second.value);
  if (!expander.unresolved.empty()) {
    parsed.findings.push_back(ClientFinding{k_unresolved, relay->second.where, "relayhost", "relayhost",
                                            expander.unresolved.front()});
    return parsed;
  }
  if (trim(value).empty()) {
    parsed.findings.push_back(ClientFinding{k_no_relayhost,
                                            relay == settings->end() ? Location{} : relay->second.where,
                                            "relayhost", "", ""});
    return parsed;
  }

  Account account;
  account.name = "relayhost";
  account.where = relay->second.where;
  const auto tls = tls_level(*settings, expander, account.findings);
  const auto wrapper = settings->find("smtp_tls_wrappermode");
  const bool wrappermode = wrapper != settings->end() && is_yes(trim(expander.expand(wrapper->second.value)));
  const auto has = [&](const char* name) {
    const auto found = settings->find(name);
    return found != settings->end() && !trim(expander.expand(found->second.value)).empty();
  };
  const bool has_ca = has("smtp_tls_CAfile") || has("smtp_tls_CApath") ||
                      (settings->contains("tls_append_default_CA") &&
                       is_yes(trim(expander.expand(settings->find("tls_append_default_CA")->second.value))));
  std::string user;
  password_maps(*settings, expander, account, user);
  const auto tls_where = tls.where.line != 0 ? tls.where : relay->second.where;

  // Postfix 3.5+: several destinations, separated by commas or blanks.
  std::string_view rest = value;
  while (!rest.empty()) {
    const auto start = rest.find_first_not_of(", \t");
    if (start == std::string_view::npos) {
      break;
    }
    rest = rest.substr(start);
    const auto stop = rest.find_first_of(", \t");
    const auto word = rest.substr(0, stop);
    rest = stop == std::string_view::npos ? std::string_view{} : rest.substr(stop);
    const auto dest = parse_destination(word);
    if (!dest) {
      account.findings.push_back(ClientFinding{k_unreadable, relay->second.where, "relayhost",
                                               util::quote_for_message(word, 80), ""});
      continue;
    }
    Endpoint e;
    e.proto = core::Proto::smtp;
    e.host = dest->host;
    e.port = dest->port;
    e.port_stated = dest->port_stated;
    e.user = user;
    e.setting = "relayhost";
    e.where = relay->second.where;
    e.tls_stated = tls.where.line != 0 || wrappermode;
    if (!dest->bracketed) {
      e.findings.push_back(ClientFinding{k_mx, e.where, "relayhost", std::string(word), dest->host});
    }
    if (wrappermode) {
      e.tls = core::TlsMode::implicit;
      if (!mandatory(tls.level)) {
        e.findings.push_back(ClientFinding{k_wrapper_level, tls_where, std::string(tls.setting), tls.level, ""});
      }
    } else if (tls.level == "none") {
      e.tls = core::TlsMode::none;
    } else if (mandatory(tls.level)) {
      e.tls = core::TlsMode::starttls;
    } else {
      e.tls = core::TlsMode::opportunistic; // may, dane (falls back to may without DNSSEC)
      e.findings.push_back(ClientFinding{k_opportunistic, tls_where, std::string(tls.setting), tls.level, ""});
    }
    if (e.port == 465 && !wrappermode) {
      e.findings.push_back(ClientFinding{k_465, e.where, "relayhost", std::string(word), ""});
    }
    if (tls.level == "encrypt") {
      e.findings.push_back(ClientFinding{k_unverified, tls_where, std::string(tls.setting), tls.level, ""});
    }
    if (verifies(tls.level) && !has_ca) {
      e.findings.push_back(ClientFinding{k_no_ca, tls_where, std::string(tls.setting), tls.level, ""});
    }
    account.endpoints.push_back(std::move(e));
  }
  parsed.accounts.push_back(std::move(account));
  return parsed;
}

int sniff(std::string_view content)
{
  const auto head = content.substr(0, 16384);
  int score = 0;
  for (const auto word : {"relayhost", "smtp_tls_", "smtpd_", "myhostname", "mydestination", "inet_interfaces",
                          "smtp_sasl_", "postconf -e"}) {
    if (head.find(word) != std::string_view::npos) {
      score += 15;
    }
  }
  return score;
}

} // namespace

const Format postfix{
  "postfix",
  "postfix",
  {"Postfix relayhost settings (postconf -e lines for main.cf)",
   "Postfix の relayhost 設定 (main.cf 用の postconf -e の行)"},
  k_file_names,
  sniff,
  read,
  write,
  "3.10.5",
  k_version_command,
  k_codes,
};

} // namespace mailports::clientconf::formats
