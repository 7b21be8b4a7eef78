// aerc's accounts.conf: one INI section per account, the servers as URLs.
// `source`: imap:// is STARTTLS (required), imap+insecure:// no TLS at all,
// imaps:// implicit TLS, and from 0.18 imaps+insecure:// implicit TLS that
// skips certificate verification. `outgoing`: smtps:// implicit TLS;
// smtp:// is STARTTLS from 0.15 (smtp+insecure:// cleartext), but cleartext
// in 0.14 and before unless `smtp-starttls = yes` (removed in 0.15). An auth
// suffix (+plain, +login, +oauthbearer, +xoauth2, +none) may follow; the
// userinfo is URL-encoded. Ports default to 143/993 and 587/465.
#include "formats.hpp"

#include "../lines.hpp"
#include "url_and_shell.hpp"

#include <mailports/util/text.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <map>
#include <optional>

namespace mailports::clientconf::formats {

namespace {

constexpr std::string_view k_password_stored = "config-password-stored";
constexpr std::string_view k_smtp_cleartext = "aerc-smtp-cleartext";
constexpr std::string_view k_starttls_removed = "aerc-smtp-starttls-removed";
constexpr std::string_view k_imaps_insecure = "aerc-imaps-insecure";
constexpr std::string_view k_unknown_scheme = "aerc-unknown-scheme";
constexpr std::array<std::string_view, 5> k_codes = {k_password_stored, k_smtp_cleartext, k_starttls_removed,
                                                     k_imaps_insecure, k_unknown_scheme};

const Version& version_0_15()
{
  static const Version v = *parse_version("0.15");
  return v;
}

const Version& version_0_18()
{
  static const Version v = *parse_version("0.18");
  return v;
}

// ---------------------------------------------------------------- reading

struct Setting {
  std::string value;
  Location where;
  Location value_where;
  std::string key;
};

struct Section {
  std::string name;
  Location where;
  std::map<std::string, Setting> settings;
};

bool blank(char c)
{
  return c == ' ' || c == '\t';
}

std::string_view trim(std::string_view text)
{
  while (!text.empty() && blank(text.front())) {
    text.remove_prefix(1);
  }
  while (!text.empty() && blank(text.back())) {
    text.remove_suffix(1);
  }
  return text;
}

// An INI value as go-ini reads it (aerc's loader): `...` is literal;
// otherwise the first '#' or ';' starts a comment (even inside a URL or
// quotes), and then one pair of surrounding quotes is dropped.
core::Result<std::string, SyntaxError> ini_value(std::string_view text, const Location& where)
{
  if (text.starts_with('`')) {
    const auto close = text.find('`', 1);
    if (close == std::string_view::npos) {
      return SyntaxError{SyntaxError::Kind::unterminated_quote, where, "`"};
    }
    return std::string(text.substr(1, close - 1));
  }
  text = trim(text.substr(0, text.find_first_of("#;")));
  if (text.size() >= 2 && (text.front() == '"' || text.front() == '\'') && text.back() == text.front()) {
    text = text.substr(1, text.size() - 2);
  }
  return std::string(text);
}

struct Scheme {
  std::string protocol; // "imap", "imaps", "smtp", "smtps", anything else
  bool insecure = false;
  std::string auth; // "" or the suffix
};

Scheme split_scheme(std::string_view scheme)
{
  Scheme out;
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (true) {
    const auto plus = scheme.find('+', start);
    parts.push_back(util::to_lower(scheme.substr(start, plus - start)));
    if (plus == std::string_view::npos) {
      break;
    }
    start = plus + 1;
  }
  out.protocol = parts.front();
  for (std::size_t i = 1; i < parts.size(); ++i) {
    if (parts[i] == "insecure") {
      out.insecure = true;
    } else {
      out.auth = parts[i];
    }
  }
  return out;
}

struct Url {
  Scheme scheme;
  std::string scheme_text;
  ServerUrl parts;
};

std::optional<Url> parse_url(std::string_view text)
{
  auto parts = parse_server_url(text);
  if (!parts) {
    return std::nullopt;
  }
  Url url;
  url.scheme_text = parts->scheme;
  url.scheme = split_scheme(parts->scheme);
  url.parts = std::move(*parts);
  return url;
}

bool known_auth(std::string_view auth)
{
  return auth.empty() || auth == "plain" || auth == "login" || auth == "none" || auth == "oauthbearer"
         || auth == "xoauth2";
}

const Setting* find(const Section& section, std::string_view key)
{
  const auto it = section.settings.find(std::string(key));
  return it == section.settings.end() ? nullptr : &it->second;
}

bool is_true(std::string_view value)
{
  return util::iequals(value, "yes") || util::iequals(value, "true") || util::iequals(value, "on") || value == "1";
}

Version effective_version(const ReadOptions& options)
{
  if (!options.version.version.parts.empty()) {
    return options.version.version;
  }
  return *parse_version(aerc.newest_version);
}

void read_source(const Section& section, const Version& version, Account& account)
{
  const auto* source = find(section, "source");
  if (source == nullptr) {
    return;
  }
  const auto url = parse_url(source->value);
  if (!url) {
    return; // a path (maildir, notmuch without a scheme)
  }
  if (url->parts.has_password) {
    account.findings.push_back({k_password_stored, source->value_where, source->key, source->key, {}});
  }
  const auto& protocol = url->scheme.protocol;
  if (protocol != "imap" && protocol != "imaps") {
    if (protocol != "maildir" && protocol != "maildirpp" && protocol != "notmuch" && protocol != "mbox"
        && protocol != "jmap") {
      account.findings.push_back({k_unknown_scheme, source->value_where, source->key, url->scheme_text, {}});
    }
    return;
  }
  if (!known_auth(url->scheme.auth)) {
    account.findings.push_back({k_unknown_scheme, source->value_where, source->key, url->scheme_text, {}});
  }
  if (url->parts.host.empty() || url->parts.bad_port) {
    return;
  }
  Endpoint endpoint;
  endpoint.proto = core::Proto::imap;
  endpoint.host = url->parts.host;
  const bool implicit = protocol == "imaps";
  endpoint.tls = implicit ? core::TlsMode::implicit : url->scheme.insecure ? core::TlsMode::none : core::TlsMode::starttls;
  endpoint.port = url->parts.port.value_or(implicit ? 993 : 143);
  endpoint.port_stated = url->parts.port.has_value();
  endpoint.user = url->parts.user;
  endpoint.setting = source->key;
  endpoint.where = source->where;
  if (implicit && url->scheme.insecure && version >= version_0_18()) {
    endpoint.findings.push_back({k_imaps_insecure, source->value_where, source->key, url->scheme_text, version.text});
  }
  account.endpoints.push_back(std::move(endpoint));
}

void read_outgoing(const Section& section, const Version& version, Account& account)
{
  const auto* outgoing = find(section, "outgoing");
  const auto* starttls = find(section, "smtp-starttls");
  const bool modern = version >= version_0_15();
  if (starttls != nullptr && modern) {
    account.findings.push_back({k_starttls_removed, starttls->where, starttls->key, starttls->key, version.text});
  }
  if (outgoing == nullptr) {
    return;
  }
  const auto url = parse_url(outgoing->value);
  if (!url) {
    return; // a sendmail command
  }
  if (url->parts.has_password) {
    account.findings.push_back({k_password_stored, outgoing->value_where, outgoing->key, outgoing->key, {}});
  }
  const auto& protocol = url->scheme.protocol;
  if (protocol != "smtp" && protocol != "smtps") {
    if (protocol != "jmap") {
      account.findings.push_back({k_unknown_scheme, outgoing->value_where, outgoing->key, url->scheme_text, {}});
    }
    return;
  }
  if (!known_auth(url->scheme.auth)) {
    account.findings.push_back({k_unknown_scheme, outgoing->value_where, outgoing->key, url->scheme_text, {}});
  }
  if (url->parts.host.empty() || url->parts.bad_port) {
    return;
  }
  Endpoint endpoint;
  endpoint.proto = core::Proto::smtp;
  endpoint.host = url->parts.host;
  const bool implicit = protocol == "smtps";
  if (implicit) {
    endpoint.tls = core::TlsMode::implicit;
  } else if (url->scheme.insecure) {
    endpoint.tls = core::TlsMode::none;
  } else if (modern) {
    endpoint.tls = core::TlsMode::starttls;
  } else {
    // 0.14 and before: smtp:// is cleartext unless smtp-starttls says yes.
    const bool yes = starttls != nullptr && is_true(starttls->value);
    endpoint.tls = yes ? core::TlsMode::starttls : core::TlsMode::none;
    endpoint.tls_stated = starttls != nullptr;
    if (!yes) {
      endpoint.findings.push_back({k_smtp_cleartext, outgoing->value_where, outgoing->key, version.text, {}});
    }
  }
  endpoint.port = url->parts.port.value_or(implicit ? 465 : 587);
  endpoint.port_stated = url->parts.port.has_value();
  endpoint.user = url->parts.user;
  endpoint.setting = outgoing->key;
  endpoint.where = outgoing->where;
  account.endpoints.push_back(std::move(endpoint));
}

ReadResult read(std::string_view content, const ReadOptions& options)
{
  auto lines = split_lines(content);
  if (!lines) {
    return lines.error();
  }
  const auto version = effective_version(options);
  std::vector<Section> sections;
  for (const auto& line : *lines) {
    const auto text = trim(line.text);
    if (text.empty() || text.starts_with('#') || text.starts_with(';')) {
      continue;
    }
    const auto column = static_cast<unsigned>(line.text.find_first_not_of(" \t") + 1);
    if (text.starts_with('[')) {
      const auto close = text.find(']');
      if (close == std::string_view::npos) {
        // go-ini: "unclosed section" - aerc refuses the file.
        return SyntaxError{SyntaxError::Kind::bad_syntax, {line.number, column}, "["};
      }
      sections.push_back(Section{std::string(trim(text.substr(1, close - 1))), {line.number, column}, {}});
      continue;
    }
    const auto equal = text.find('=');
    if (equal == std::string_view::npos || sections.empty()) {
      continue; // a key without a value, or before any account: aerc ignores it
    }
    const auto key = util::to_lower(trim(text.substr(0, equal)));
    auto rest = text.substr(equal + 1);
    const auto value_offset = static_cast<unsigned>(rest.data() - line.text.data()) + 1;
    const auto value_start = rest.find_first_not_of(" \t");
    rest = trim(rest);
    const Location value_where{line.number,
                               value_offset + static_cast<unsigned>(value_start == std::string_view::npos ? 0 : value_start)};
    auto value = ini_value(rest, value_where);
    if (!value) {
      return value.error();
    }
    sections.back().settings[key] = Setting{*value, {line.number, column}, value_where, key};
  }

  Parsed parsed;
  for (const auto& section : sections) {
    Account account;
    account.name = section.name;
    account.where = section.where;
    read_source(section, version, account);
    read_outgoing(section, version, account);
    parsed.accounts.push_back(std::move(account));
  }
  return parsed;
}

int sniff(std::string_view content)
{
  int score = 0;
  for (const auto* key : {"\nsource", "\noutgoing", "source-cred-cmd", "outgoing-cred-cmd", "smtp-starttls",
                          "copy-to", "+insecure"}) {
    if (content.find(key) != std::string_view::npos || content.starts_with(std::string_view(key).substr(1))) {
      score += 30;
    }
  }
  if (content.find("://") == std::string_view::npos || content.find('[') == std::string_view::npos) {
    score /= 3;
  }
  return std::min(score, 200);
}

// ---------------------------------------------------------------- writing

constexpr core::Text k_about{
  "For aerc: put this section in ~/.config/aerc/accounts.conf (aerc wants that file mode 0600).",
  "aerc 用です。このセクションを ~/.config/aerc/accounts.conf に書いてください (aerc はファイルのモードが 0600 であることを求めます)。"};
constexpr core::Text k_source{"Reading mail: {mode} to port {port}; the certificate is verified.",
                              "受信: ポート {port} に {mode} で接続します。証明書は検証されます。"};
constexpr core::Text k_outgoing{"Sending: {mode} to port {port}; the certificate is verified.",
                                "送信: ポート {port} に {mode} で接続します。証明書は検証されます。"};
constexpr core::Text k_smtp_old{
  "aerc {version} sends smtp:// in cleartext unless smtp-starttls is yes (aerc 0.15 changed smtp:// to STARTTLS).",
  "aerc {version} は smtp-starttls が yes でないと smtp:// を平文で送ります (aerc 0.15 で smtp:// は STARTTLS に変わりました)。"};
constexpr core::Text k_cred{
  "aerc runs this command for the password. Store it first with\n"
  "  secret-tool store --label=aerc host {host} user {user}\n"
  "or replace the command with your own (pass, gpg --decrypt, ...). Never put the password in the URL.",
  "aerc はこのコマンドを実行してパスワードを得ます。先にパスワードを次で保存してください:\n"
  "  secret-tool store --label=aerc host {host} user {user}\n"
  "または自分のコマンド (pass、gpg --decrypt など) に置き換えてください。URL にパスワードは書かないでください。"};
constexpr core::Text k_no_user{"No login name was given: add yours before the '@' in the URLs (with @ written as %40).",
                               "ログイン名が指定されていません。URL の '@' の前に書いてください (@ は %40 と書きます)。"};
constexpr core::Text k_no_from{"No address was given: write your From address here and remove the '#'.",
                               "アドレスが指定されていません。差出人アドレスを書き、行頭の '#' を外してください。"};

constexpr core::Text k_mode_implicit{"implicit TLS", "暗黙的 TLS"};
constexpr core::Text k_mode_starttls{"STARTTLS (required)", "STARTTLS (必須)"};
constexpr core::Text k_mode_none{"no encryption", "暗号化なし"};

std::string_view mode_text(const WritePlan& plan, core::TlsMode mode)
{
  switch (mode) {
  case core::TlsMode::implicit:
    return k_mode_implicit.in(plan.lang);
  case core::TlsMode::starttls:
  case core::TlsMode::opportunistic:
    return k_mode_starttls.in(plan.lang);
  case core::TlsMode::none:
    break;
  }
  return k_mode_none.in(plan.lang);
}

// A value go-ini reads back as written: `...` when it has a '#' or ';'.
std::string ini(std::string value)
{
  if (value.find_first_of("#;") != std::string::npos && value.find('`') == std::string::npos) {
    return '`' + value + '`';
  }
  return value;
}

std::string section_name(std::string_view account)
{
  std::string out;
  for (const char c : account) {
    out += (c == '[' || c == ']' || c == '\n' || c == '\r') ? '-' : c;
  }
  return out.empty() ? std::string("mail") : out;
}

std::string url_of(const WritePlan& plan, const WriteServer& server, bool modern)
{
  std::string scheme = server.proto == core::Proto::smtp ? "smtp" : "imap";
  switch (server.tls) {
  case core::TlsMode::implicit:
    scheme += 's';
    break;
  case core::TlsMode::none:
    // 0.14's smtp:// is already cleartext; +insecure there is an unknown auth.
    if (server.proto != core::Proto::smtp || modern) {
      scheme += "+insecure";
    }
    break;
  case core::TlsMode::starttls:
  case core::TlsMode::opportunistic:
    break;
  }
  const auto user = plan.user.empty() ? std::string() : percent_encode(plan.user) + '@';
  const bool v6 = server.host.find(':') != std::string::npos && !server.host.starts_with('[');
  return fmt::format("{}://{}{}:{}", scheme, user, v6 ? '[' + server.host + ']' : server.host, server.port);
}

WriteResult write(const WritePlan& plan)
{
  const auto imap = std::find_if(plan.incoming.begin(), plan.incoming.end(),
                                 [](const WriteServer& s) { return s.proto == core::Proto::imap; });
  if (imap == plan.incoming.end()) {
    return WriteError{WriteError::Kind::needs_imap};
  }
  const auto& version = plan.version.version;
  const bool modern = version.parts.empty() || version >= version_0_15();
  const auto user = plan.user.empty() ? std::string("LOGIN") : plan.user;
  const auto fill = [&](const core::Text& text, const WriteServer& server) {
    return fmt::format(fmt::runtime(text.in(plan.lang)), fmt::arg("mode", mode_text(plan, server.tls)),
                       fmt::arg("port", server.port), fmt::arg("host", server.host), fmt::arg("user", user),
                       fmt::arg("version", version.text));
  };
  const auto cred_cmd = [&](const WriteServer& server) {
    return "secret-tool lookup host " + shell_word(server.host) + " user " + shell_word(user);
  };

  std::string out = header_comment(plan, "#", aerc);
  out += comment(plan, "#", k_about);
  if (plan.user.empty()) {
    out += comment(plan, "#", k_no_user);
  }
  out += '\n';
  out += '[' + section_name(plan.account) + "]\n";
  for (const auto& warning : imap->warnings) {
    out += comment("#", warning);
  }
  out += comment("#", fill(k_source, *imap));
  out += "source = " + url_of(plan, *imap, modern) + '\n';
  out += comment("#", fill(k_cred, *imap));
  out += "source-cred-cmd = " + ini(cred_cmd(*imap)) + '\n';
  if (!plan.outgoing.empty()) {
    const auto& smtp = plan.outgoing.front();
    out += '\n';
    for (const auto& warning : smtp.warnings) {
      out += comment("#", warning);
    }
    out += comment("#", fill(k_outgoing, smtp));
    out += "outgoing = " + url_of(plan, smtp, modern) + '\n';
    if (!modern && smtp.tls != core::TlsMode::implicit) {
      out += comment("#", fill(k_smtp_old, smtp));
      out += fmt::format("smtp-starttls = {}\n", smtp.tls == core::TlsMode::none ? "no" : "yes");
    }
    out += "outgoing-cred-cmd = " + ini(cred_cmd(smtp)) + '\n';
  }
  out += '\n';
  out += "default = INBOX\n";
  if (plan.address.empty()) {
    out += comment(plan, "#", k_no_from);
    out += "# from = NAME <ADDRESS>\n";
  } else {
    out += "from = " + ini(plan.address) + '\n';
  }
  out += "copy-to = Sent\n";
  return out;
}

constexpr std::array<std::string_view, 1> k_file_names = {"accounts.conf"};
constexpr std::array<std::string_view, 2> k_version_command = {"aerc", "-v"};

} // namespace

const Format aerc{
  "aerc",
  "aerc",
  {"aerc's accounts.conf: source and outgoing URLs, with password commands",
   "aerc の accounts.conf: source と outgoing の URL とパスワード取得コマンド"},
  k_file_names,
  sniff,
  read,
  write,
  "0.20.0",
  k_version_command,
  k_codes,
};

} // namespace mailports::clientconf::formats
