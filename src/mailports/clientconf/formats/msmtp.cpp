// msmtp's msmtprc (msmtp(1) "CONFIGURATION FILES", src/conf.c): one command
// per line, the argument is the rest of the line, trimmed, with one pair of
// enclosing double quotes removed (no escapes, no trailing comments, and an
// unmatched quote is kept as text). `defaults` sets values for the accounts
// that follow; `account NAME : A,B` starts from the defaults and then takes
// every setting A and B state themselves. A command before any `account` opens
// the account "default". Unknown commands are ignored here (lint judges the
// settings it knows; msmtp itself refuses them).
#include "formats.hpp"

#include "../lines.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <optional>

namespace mailports::clientconf::formats {

namespace {

// msmtp reads a line into a 501-byte buffer and refuses a longer one.
constexpr std::size_t k_max_line = 500;
constexpr std::uint16_t k_default_port = 25;
constexpr std::uint16_t k_default_implicit_port = 465;

constexpr std::string_view k_port_default = "msmtp-port-default";
constexpr std::string_view k_timeout_unset = "msmtp-timeout-unset";
constexpr std::string_view k_certcheck_off = "msmtp-certcheck-off";
constexpr std::string_view k_trust_file_empty = "msmtp-trust-file-empty";
constexpr std::string_view k_tls_default = "msmtp-tls-default";
constexpr std::string_view k_password_stored = "config-password-stored";
constexpr std::string_view k_include = "config-include-not-followed";

constexpr std::array<std::string_view, 7> k_codes = {k_port_default,    k_timeout_unset, k_certcheck_off,
                                                     k_trust_file_empty, k_tls_default,   k_password_stored,
                                                     k_include};

// One setting: its value once some line (here, in `defaults` or in an
// inherited account) gave one, and whether this account's own lines or
// inheritance set it (msmtp's "mask": what `account X : THIS` takes).
template <class T>
struct Field {
  std::optional<T> value;
  Location where;
  bool own = false;

  void set(T v, Location at)
  {
    value = std::move(v);
    where = at;
    own = true;
  }
  void take(const Field& base)
  {
    if (base.own) {
      value = base.value;
      where = base.where;
      own = true;
    }
  }
};

struct Settings {
  Field<std::string> host;
  Field<std::uint16_t> port;
  Field<unsigned> timeout; // 0: off
  Field<bool> tls;
  Field<bool> starttls;
  Field<bool> certcheck;
  Field<std::string> trust_file;
  Field<bool> fingerprint; // a non-empty tls_fingerprint
  Field<std::string> user;
  Field<bool> password;     // a non-empty `password` line
  Field<bool> passwordeval; // a non-empty `passwordeval` line

  void clear_own()
  {
    for (auto* own : {&host.own, &port.own, &timeout.own, &tls.own, &starttls.own, &certcheck.own,
                      &trust_file.own, &fingerprint.own, &user.own, &password.own, &passwordeval.own}) {
      *own = false;
    }
  }
  void take(const Settings& base)
  {
    host.take(base.host);
    port.take(base.port);
    timeout.take(base.timeout);
    tls.take(base.tls);
    starttls.take(base.starttls);
    certcheck.take(base.certcheck);
    trust_file.take(base.trust_file);
    fingerprint.take(base.fingerprint);
    user.take(base.user);
    password.take(base.password);
    passwordeval.take(base.passwordeval);
  }
};

struct RawAccount {
  std::string name;
  Location where;
  Settings settings;
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

// msmtp's trim_string: blanks off, then one pair of enclosing double quotes.
std::string_view argument(std::string_view text)
{
  text = trim(text);
  if (text.size() >= 2 && text.front() == '"' && text.back() == '"') {
    text = text.substr(1, text.size() - 2);
  }
  return text;
}

SyntaxError bad(Location where, std::string detail)
{
  return SyntaxError{SyntaxError::Kind::bad_syntax, where, std::move(detail)};
}

// msmtp's on/off commands: an empty argument means on.
std::optional<bool> on_off(std::string_view arg)
{
  if (arg.empty() || arg == "on") {
    return true;
  }
  if (arg == "off") {
    return false;
  }
  return std::nullopt;
}

std::optional<unsigned> positive(std::string_view arg, unsigned max)
{
  unsigned value = 0;
  const auto* end = arg.data() + arg.size();
  const auto [ptr, ec] = std::from_chars(arg.data(), end, value);
  if (ec != std::errc{} || ptr != end || value == 0 || value > max) {
    return std::nullopt;
  }
  return value;
}

// The argument in an error detail: never for a password (the caller does not
// pass one), and cut so a long line cannot flood the terminal.
std::string shown(std::string_view arg)
{
  constexpr std::size_t k_max_shown = 60;
  return std::string(arg.substr(0, k_max_shown)) + (arg.size() > k_max_shown ? "..." : "");
}

std::string invalid(std::string_view command, std::string_view arg)
{
  return fmt::format("invalid argument '{}' for command {}", shown(arg), command);
}

Endpoint endpoint_of(const RawAccount& account)
{
  const auto& s = account.settings;
  Endpoint out;
  out.proto = core::Proto::smtp;
  out.host = *s.host.value;
  out.setting = "host";
  out.where = s.host.where;
  out.user = s.user.value.value_or("");
  const bool tls = s.tls.value.value_or(false);
  const bool starttls = s.starttls.value.value_or(true);
  out.tls = !tls ? core::TlsMode::none : starttls ? core::TlsMode::starttls : core::TlsMode::implicit;
  out.tls_stated = s.tls.value.has_value();
  if (s.port.value) {
    out.port = *s.port.value;
  } else {
    // msmtp(1) "port": 25, unless TLS without STARTTLS is used, then 465.
    out.port = out.tls == core::TlsMode::implicit ? k_default_implicit_port : k_default_port;
    out.port_stated = false;
    if (out.port == k_default_port) {
      out.findings.push_back(ClientFinding{k_port_default, account.where, "port", std::to_string(out.port), {}});
    }
  }
  if (!s.tls.value) {
    out.findings.push_back(ClientFinding{k_tls_default, account.where, "tls", "off", {}});
  }
  if (tls) {
    if (s.certcheck.value == false) {
      out.findings.push_back(ClientFinding{k_certcheck_off, s.certcheck.where, "tls_certcheck", "off", {}});
    } else if (s.trust_file.value && s.trust_file.value->empty() && s.fingerprint.value != true) {
      out.findings.push_back(ClientFinding{k_trust_file_empty, s.trust_file.where, "tls_trust_file", "", {}});
    }
  }
  if (s.timeout.value.value_or(0) == 0) {
    const auto where = s.timeout.value ? s.timeout.where : account.where;
    out.findings.push_back(
      ClientFinding{k_timeout_unset, where, "timeout", s.timeout.value ? "timeout off" : "no timeout", {}});
  }
  return out;
}

// Whether `name` is defined; msmtp looks accounts up by exact name.
RawAccount* find(std::vector<RawAccount>& accounts, std::string_view name)
{
  const auto found = std::find_if(accounts.begin(), accounts.end(),
                                   [name](const RawAccount& a) { return a.name == name; });
  return found == accounts.end() ? nullptr : &*found;
}

// `account NAME [: BASE[,BASE...]]`.
core::Result<RawAccount, SyntaxError> open_account(std::vector<RawAccount>& accounts, const Settings& defaults,
                                                   std::string_view arg, Location where)
{
  RawAccount account;
  account.where = where;
  account.settings = defaults;
  account.settings.clear_own();
  std::string_view name = arg;
  const auto colon = arg.find(':');
  if (colon != std::string_view::npos) {
    name = argument(arg.substr(0, colon));
    auto list = arg.substr(colon + 1);
    while (true) {
      const auto comma = list.find(',');
      const auto base = argument(list.substr(0, comma));
      if (base.empty()) {
        return bad(where, "missing account name");
      }
      const auto* found = find(accounts, base);
      if (found == nullptr) {
        return bad(where, fmt::format("account {} not (yet) defined", shown(base)));
      }
      account.settings.take(found->settings);
      if (comma == std::string_view::npos) {
        break;
      }
      list = list.substr(comma + 1);
    }
  }
  if (name.empty()) {
    return bad(where, "missing account name");
  }
  if (name.find_first_of(":,") != std::string_view::npos) {
    return bad(where, "an account name must not contain colons or commas");
  }
  if (find(accounts, name) != nullptr) {
    return bad(where, fmt::format("account {} was already defined", shown(name)));
  }
  account.name = std::string(name);
  return account;
}

// One command into `s`; an error for what msmtp itself refuses.
std::optional<SyntaxError> apply(Settings& s, std::string_view command, std::string_view arg, Location at)
{
  const auto flag = [&](Field<bool>& field) -> std::optional<SyntaxError> {
    const auto value = on_off(arg);
    if (!value) {
      return bad(at, invalid(command, arg));
    }
    field.set(*value, at);
    return std::nullopt;
  };
  if (command == "host") {
    if (arg.empty()) {
      return bad(at, "command host needs an argument");
    }
    s.host.set(std::string(arg), at);
  } else if (command == "port") {
    const auto port = positive(arg, 65535);
    if (!port) {
      return bad(at, invalid(command, arg));
    }
    s.port.set(static_cast<std::uint16_t>(*port), at);
  } else if (command == "timeout" || command == "connect_timeout") {
    if (arg == "off") {
      s.timeout.set(0, at);
    } else if (const auto seconds = positive(arg, 2147483647U)) {
      s.timeout.set(*seconds, at);
    } else {
      return bad(at, invalid(command, arg));
    }
  } else if (command == "tls") {
    return flag(s.tls);
  } else if (command == "tls_starttls") {
    return flag(s.starttls);
  } else if (command == "tls_certcheck") {
    return flag(s.certcheck);
  } else if (command == "tls_nocertcheck") { // msmtp < 1.6 spelling
    s.certcheck.set(false, at);
  } else if (command == "tls_trust_file") {
    s.trust_file.set(std::string(arg), at);
  } else if (command == "tls_fingerprint") {
    s.fingerprint.set(!arg.empty(), at);
  } else if (command == "user") {
    s.user.set(std::string(arg), at);
  } else if (command == "password") {
    s.password.set(!arg.empty(), at); // the value itself is never kept
  } else if (command == "passwordeval") {
    s.passwordeval.set(!arg.empty(), at);
  }
  return std::nullopt;
}

ReadResult read(std::string_view content, const ReadOptions& /*options*/)
{
  auto lines = split_lines(content);
  if (!lines) {
    return lines.error();
  }
  Parsed parsed;
  Settings defaults;
  std::vector<RawAccount> accounts;
  Settings* current = nullptr;
  for (const auto& line : *lines) {
    const auto text = line.text;
    std::size_t i = 0;
    while (i < text.size() && blank(text[i])) {
      ++i;
    }
    if (i == text.size() || text[i] == '#') {
      continue;
    }
    const Location at{line.number, static_cast<unsigned>(i + 1)};
    if (text.size() >= k_max_line) {
      return bad(at, fmt::format("line longer than {} characters", k_max_line - 1));
    }
    auto end = i;
    while (end < text.size() && !blank(text[end])) {
      ++end;
    }
    const auto command = text.substr(i, end - i);
    const auto arg = argument(text.substr(end));
    if (command == "defaults") {
      if (!arg.empty()) {
        return bad(at, "command defaults does not take an argument");
      }
      current = &defaults;
      continue;
    }
    if (command == "account") {
      auto account = open_account(accounts, defaults, arg, at);
      if (!account) {
        return account.error();
      }
      accounts.push_back(std::move(*account));
      current = &accounts.back().settings;
      continue;
    }
    if (current == nullptr) {
      // msmtp 1.2 compatibility: settings before any account form "default".
      RawAccount account{"default", at, defaults};
      account.settings.clear_own();
      accounts.push_back(std::move(account));
      current = &accounts.back().settings;
    }
    if (command == "eval") {
      // Replaced by a command's output when msmtp reads the file: never run
      // here. The command itself is not shown (it may print a password).
      parsed.findings.push_back(ClientFinding{k_include, at, "eval", "eval", {}});
      continue;
    }
    if (auto error = apply(*current, command, arg, at)) {
      return *error;
    }
  }
  for (const auto& raw : accounts) {
    Account account;
    account.name = raw.name;
    account.where = raw.where;
    if (raw.settings.password.value == true) {
      account.findings.push_back(
        ClientFinding{k_password_stored, raw.settings.password.where, "password", "password", {}});
    }
    if (raw.settings.host.value) {
      account.endpoints.push_back(endpoint_of(raw));
    }
    parsed.accounts.push_back(std::move(account));
  }
  return parsed;
}

int sniff(std::string_view content)
{
  auto lines = split_lines(content.substr(0, std::min(content.size(), k_max_config_bytes)));
  if (!lines) {
    return 0;
  }
  // Commands no other format has; `host`, `port` and `user` are everywhere.
  constexpr std::array<std::string_view, 9> k_own = {"tls_starttls", "tls_trust_file", "tls_certcheck",
                                                     "passwordeval", "tls_fingerprint", "auto_from",
                                                     "defaults",     "set_from_header", "account"};
  int score = 0;
  for (const auto& line : *lines) {
    const auto text = trim(line.text);
    const auto word = text.substr(0, std::min(text.find_first_of(" \t"), text.size()));
    if (std::find(k_own.begin(), k_own.end(), word) != k_own.end()) {
      score += 10;
    } else if (word == "host" || word == "tls" || word == "auth" || word == "from") {
      score += 2;
    }
  }
  return score;
}

// ---- the writer -----------------------------------------------------------

constexpr core::Text k_about{
  "msmtp configuration (~/.msmtprc or ~/.config/msmtp/config; chmod 600). Port and TLS are stated\n"
  "explicitly, never left to msmtp's defaults (without `port`, msmtp uses 25).",
  "msmtp の設定ファイル (~/.msmtprc または ~/.config/msmtp/config。chmod 600)。ポートと TLS は\n"
  "msmtp の既定値に任せず明示しています (`port` がないと msmtp は 25 番を使います)。"};
constexpr core::Text k_implicit{"Implicit TLS: the TLS handshake starts as soon as the connection opens.",
                                "暗黙的 TLS: 接続直後に TLS ハンドシェイクを始めます。"};
constexpr core::Text k_starttls{"STARTTLS, required: msmtp stops if the server does not offer it.",
                                "STARTTLS (必須): サーバーが提示しなければ msmtp は送信しません。"};
constexpr core::Text k_opportunistic{
  "msmtp has no \"STARTTLS if available\": STARTTLS is required here, which is safer.",
  "msmtp には「利用可能なら STARTTLS」がありません。より安全な STARTTLS 必須にしています。"};
constexpr core::Text k_cleartext{"No TLS: the password and the mail cross the network in cleartext.",
                                 "TLS なし: パスワードもメールも平文でネットワークを流れます。"};
constexpr core::Text k_verify{
  "Certificates are verified against the system's CAs; a failing check stops msmtp.\n"
  "Do not set tls_certcheck off.",
  "証明書はシステムの CA で検証し、検証に失敗すれば msmtp は止まります。\n"
  "tls_certcheck off にはしないでください。"};
constexpr core::Text k_trust_old{
  "msmtp before 1.8.3 needs a CA file: \"system\" came in 1.8.2, whose check of it was broken (NEWS).",
  "1.8.3 より前の msmtp には CA ファイルが必要です (\"system\" は 1.8.2 からで、その版では検証結果の確認に不具合がありました。NEWS)。"};
// Debian's (and Ubuntu's) bundle of the system's CAs.
constexpr std::string_view k_debian_ca_file = "/etc/ssl/certs/ca-certificates.crt";
constexpr core::Text k_timeout{"Give up after 30 seconds instead of hanging on a server that does not answer.",
                               "応答しないサーバーで止まらないよう、30 秒で打ち切ります。"};
constexpr core::Text k_no_user{"No login name was given: set `user` to yours.",
                               "ログイン名が指定されていません。`user` に設定してください。"};
constexpr core::Text k_password{
  "The password comes from a command, never from this file. Replace the command below with\n"
  "one that prints your password, e.g. `gpg --quiet --decrypt ~/.msmtp-{account}.gpg`, or store\n"
  "it with `secret-tool store --label=msmtp host {host} service smtp user {user}` as below.",
  "パスワードはこのファイルに書かず、コマンドで取得します。下のコマンドを、パスワードを\n"
  "出力するもの (例: `gpg --quiet --decrypt ~/.msmtp-{account}.gpg`) に置き換えるか、\n"
  "`secret-tool store --label=msmtp host {host} service smtp user {user}` で保存してください。"};
constexpr core::Text k_default{"Use this account when msmtp is called without --account.",
                               "msmtp を --account なしで呼んだときにこのアカウントを使います。"};

// A value as msmtp reads it: quoted when it has blanks at either end or is
// empty; msmtp has no escapes, so a value cannot hold a line break.
std::string quoted(std::string_view value)
{
  if (value.empty() || blank(value.front()) || blank(value.back()) || value.front() == '"') {
    return fmt::format("\"{}\"", value);
  }
  return std::string(value);
}

// Account names cannot hold ':' or ',' (msmtp refuses them) nor blanks
// (they would be trimmed).
std::string account_name(std::string_view name)
{
  std::string out;
  for (const char c : name) {
    out += (c == ':' || c == ',' || blank(c) || c == '\n' || c == '\r') ? '_' : c;
  }
  return out.empty() ? std::string("mail") : out;
}

// A word for the shell that runs passwordeval: single-quoted, with ' as '\''.
std::string shell_word(std::string_view value)
{
  std::string out = "'";
  for (const char c : value) {
    out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  }
  return out + "'";
}

std::string one_line(std::string_view value)
{
  std::string out(value);
  std::replace_if(out.begin(), out.end(), [](char c) { return c == '\n' || c == '\r'; }, ' ');
  return out;
}

WriteResult write(const WritePlan& plan)
{
  if (plan.outgoing.empty()) {
    return WriteError{WriteError::Kind::needs_outgoing};
  }
  const auto& server = plan.outgoing.front();
  const auto name = account_name(plan.account);
  const auto user = one_line(plan.user);
  std::string out = header_comment(plan, "#", msmtp);
  out += comment(plan, "#", k_about);
  out += "\n";
  out += fmt::format("account {}\n", name);
  for (const auto& warning : server.warnings) {
    out += comment("#", warning);
  }
  out += fmt::format("host {}\n", quoted(one_line(server.host)));
  out += fmt::format("port {}\n", server.port);
  switch (server.tls) {
  case core::TlsMode::implicit:
    out += comment(plan, "#", k_implicit);
    out += "tls on\ntls_starttls off\n";
    break;
  case core::TlsMode::opportunistic:
    out += comment(plan, "#", k_opportunistic);
    out += "tls on\ntls_starttls on\n";
    break;
  case core::TlsMode::starttls:
    out += comment(plan, "#", k_starttls);
    out += "tls on\ntls_starttls on\n";
    break;
  case core::TlsMode::none:
    out += comment(plan, "#", k_cleartext);
    out += "tls off\n";
    break;
  }
  if (server.tls != core::TlsMode::none) {
    out += comment(plan, "#", k_verify);
    out += "tls_certcheck on\n";
    static const auto k_system_trust = *parse_version("1.8.3");
    if (plan.version.version < k_system_trust) {
      out += comment(plan, "#", k_trust_old);
      out += fmt::format("tls_trust_file {}\n", k_debian_ca_file);
    } else {
      out += "tls_trust_file system\n";
    }
  }
  out += comment(plan, "#", k_timeout);
  out += "timeout 30\n";
  out += "auth on\n";
  if (user.empty()) {
    out += comment(plan, "#", k_no_user);
    out += "# user NAME\n";
  } else {
    out += fmt::format("user {}\n", quoted(user));
  }
  const auto shown_user = user.empty() ? std::string("NAME") : user;
  out += comment("#", fmt::format(fmt::runtime(k_password.in(plan.lang)), fmt::arg("account", name),
                                  fmt::arg("host", one_line(server.host)), fmt::arg("user", shown_user)));
  out += fmt::format("passwordeval \"secret-tool lookup host {} service smtp user {}\"\n",
                     shell_word(one_line(server.host)), shell_word(shown_user));
  if (!plan.address.empty()) {
    out += fmt::format("from {}\n", quoted(one_line(plan.address)));
  }
  if (name != "default") {
    out += "\n";
    out += comment(plan, "#", k_default);
    out += fmt::format("account default : {}\n", name);
  }
  return out;
}

constexpr std::array<std::string_view, 3> k_file_names = {".msmtprc", "msmtprc", "*.msmtprc"};
constexpr std::array<std::string_view, 2> k_version_command = {"msmtp", "--version"};

} // namespace

const Format msmtp{
  "msmtp",
  "msmtp",
  {"msmtp's msmtprc (accounts, defaults, `account NAME : BASE`)",
   "msmtp の msmtprc (アカウント、defaults、`account 名前 : 継承元`)"},
  k_file_names,
  sniff,
  read,
  write,
  "1.8.28",
  k_version_command,
  k_codes,
};

} // namespace mailports::clientconf::formats
