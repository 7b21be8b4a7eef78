// NeoMutt's (and mutt's) muttrc. The servers are URLs: smtp_url, and folder
// or spool_file when they name an IMAP or POP server; "s" in the scheme is
// implicit TLS, and without a port the scheme's system default is used, so
// smtp://host means port 25 (mutt's smtp_fill_account). For the other
// schemes ssl_force_tls (default yes) makes STARTTLS required and supersedes
// ssl_starttls; without it ssl_starttls (default yes) uses STARTTLS when
// offered. Checked against Debian 12's NeoMutt 20220429 with `neomutt -Q`.
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
constexpr std::string_view k_include = "config-include-not-followed";
constexpr std::string_view k_smtp_port_default = "neomutt-smtp-port-default";
constexpr std::string_view k_starttls_overridden = "neomutt-starttls-overridden";
constexpr std::string_view k_cert_check_off = "neomutt-cert-check-off";
constexpr std::string_view k_unterminated = "neomutt-unterminated-quote";
constexpr std::array<std::string_view, 6> k_codes = {k_password_stored,     k_include,        k_smtp_port_default,
                                                     k_starttls_overridden, k_cert_check_off, k_unterminated};

// ---------------------------------------------------------------- reading

// One command after line continuations are joined: its text and where it starts.
struct Command {
  std::string text;
  unsigned line = 0;
};

// A value as the file wrote it (`raw`, quotes kept) and as NeoMutt reads it.
struct Value {
  std::string raw;
  std::string text;
  bool unterminated = false;
};

// One assignment of a `set` (or unset/reset/toggle) command.
struct Assignment {
  std::string name;
  std::optional<Value> value; // nullopt: a boolean set, unset or reset
  enum class Op : std::uint8_t { set, unset, toggle, reset } op = Op::set;
  unsigned column = 0;
};

bool blank(char c)
{
  return c == ' ' || c == '\t';
}

// A token the way mutt_extract_token reads one: '...' literal, "..." with
// backslash escapes, a backslash escapes outside quotes, and blanks, ';' and
// an unquoted '#' end it. `stop_at_equal` also ends it at '=' (a variable name).
Value token(std::string_view text, std::size_t& i, bool stop_at_equal = false)
{
  Value value;
  const auto start = i;
  while (i < text.size()) {
    const char c = text[i];
    if (blank(c) || c == ';' || c == '#' || (stop_at_equal && (c == '=' || c == '+' || c == '-'))) {
      break;
    }
    if (c == '\'' || c == '"') {
      ++i;
      bool closed = false;
      while (i < text.size()) {
        if (text[i] == c) {
          closed = true;
          ++i;
          break;
        }
        if (c == '"' && text[i] == '\\' && i + 1 < text.size()) {
          ++i;
        }
        value.text += text[i++];
      }
      // NeoMutt takes an unclosed quote to the end of the line (seen with -Q).
      value.unterminated = value.unterminated || !closed;
      continue;
    }
    if (c == '\\' && i + 1 < text.size()) {
      ++i;
    }
    value.text += text[i++];
  }
  value.raw = std::string(text.substr(start, i - start));
  return value;
}

void skip_blanks(std::string_view text, std::size_t& i)
{
  while (i < text.size() && blank(text[i])) {
    ++i;
  }
}

// The arguments of set/unset/reset/toggle: "a=1 b = 2 noc invd e".
std::vector<Assignment> assignments(std::string_view command, std::string_view text, std::size_t& i)
{
  std::vector<Assignment> out;
  while (true) {
    skip_blanks(text, i);
    if (i >= text.size() || text[i] == ';' || text[i] == '#') {
      break;
    }
    Assignment a;
    a.column = static_cast<unsigned>(i + 1);
    const auto name = token(text, i, true);
    a.name = name.text;
    if (command == "unset") {
      a.op = Assignment::Op::unset;
    } else if (command == "reset") {
      a.op = Assignment::Op::reset;
    } else if (command == "toggle") {
      a.op = Assignment::Op::toggle;
    } else if (a.name.starts_with("no") && a.name != "not") {
      a.op = Assignment::Op::unset;
      a.name.erase(0, 2);
    } else if (a.name.starts_with("inv")) {
      a.op = Assignment::Op::toggle;
      a.name.erase(0, 3);
    } else if (a.name.starts_with('&')) {
      a.op = Assignment::Op::reset;
      a.name.erase(0, 1);
    }
    skip_blanks(text, i);
    if (i < text.size() && (text[i] == '+' || text[i] == '-') && i + 1 < text.size() && text[i + 1] == '=') {
      ++i; // "+=" and "-=" change a value; what follows is read like "="
    }
    if (i < text.size() && text[i] == '=') {
      ++i;
      skip_blanks(text, i);
      a.value = token(text, i);
    } else if (name.raw.empty() && i < text.size() && !blank(text[i]) && text[i] != ';' && text[i] != '#') {
      ++i; // a stray '+' or '-': step over it rather than loop
    }
    if (!a.name.empty()) {
      out.push_back(std::move(a));
    }
  }
  return out;
}

// Joins lines ending in a backslash with the next, like NeoMutt.
std::vector<Command> commands(const std::vector<Line>& lines)
{
  std::vector<Command> out;
  Command current;
  bool continued = false;
  for (const auto& line : lines) {
    if (!continued) {
      current = Command{{}, line.number};
    }
    auto text = line.text;
    continued = text.ends_with('\\') && !text.ends_with("\\\\");
    if (continued) {
      text.remove_suffix(1);
    }
    current.text += text;
    if (!continued) {
      out.push_back(std::move(current));
    }
  }
  if (continued) {
    out.push_back(std::move(current));
  }
  return out;
}

struct Url {
  core::Proto proto = core::Proto::smtp;
  bool secure = false; // the "s" scheme: implicit TLS
  ServerUrl parts;
};

// imap[s]://, pop[s]://, smtp[s]://; anything else (a path, "+INBOX") is no server.
std::optional<Url> parse_url(std::string_view text)
{
  auto parts = parse_server_url(text);
  if (!parts) {
    return std::nullopt;
  }
  Url url;
  const auto& scheme = parts->scheme;
  if (scheme == "imap" || scheme == "imaps") {
    url.proto = core::Proto::imap;
  } else if (scheme == "pop" || scheme == "pops") {
    url.proto = core::Proto::pop3;
  } else if (scheme == "smtp" || scheme == "smtps") {
    url.proto = core::Proto::smtp;
  } else {
    return std::nullopt;
  }
  url.secure = scheme.ends_with('s');
  url.parts = std::move(*parts);
  return url;
}

std::uint16_t default_port(const Url& url)
{
  // getservbyname() of the scheme's service, as /etc/services lists them.
  switch (url.proto) {
  case core::Proto::smtp:
    return url.secure ? 465 : 25;
  case core::Proto::imap:
    return url.secure ? 993 : 143;
  case core::Proto::pop3:
    return url.secure ? 995 : 110;
  }
  return 0;
}

bool is_url_variable(std::string_view name)
{
  return name == "smtp_url" || name == "folder" || name == "spoolfile" || name == "spool_file";
}

bool is_password_variable(std::string_view name)
{
  return name == "smtp_pass" || name == "imap_pass" || name == "pop_pass";
}

// The state the file leaves NeoMutt in, and where each setting was said.
struct State {
  struct Setting {
    std::string variable; // as set
    Value value;
    Location where;
    bool from_hook = false;
  };
  std::vector<Setting> urls;              // every URL-valued assignment, in order
  std::map<std::string, Setting> last;    // the last top-level assignment of a URL variable
  std::optional<bool> force_tls;          // ssl_force_tls, when set
  Location force_tls_where;
  std::optional<bool> starttls;           // ssl_starttls: false only for "no"
  Location starttls_where;
  std::map<std::string, std::string> users; // smtp_user, imap_user, pop_user
  std::vector<ClientFinding> file_findings;
  std::vector<ClientFinding> account_findings;
};

std::optional<bool> boolean(const Assignment& a, bool current)
{
  switch (a.op) {
  case Assignment::Op::unset:
    return false;
  case Assignment::Op::toggle:
    return !current;
  case Assignment::Op::reset:
    return std::nullopt;
  case Assignment::Op::set:
    break;
  }
  if (!a.value) {
    return true;
  }
  return !util::iequals(a.value->text, "no");
}

bool is_no(const Assignment& a)
{
  if (a.op == Assignment::Op::unset) {
    return true;
  }
  return a.op == Assignment::Op::set && a.value && util::iequals(a.value->text, "no");
}

void apply(State& state, const Assignment& a, unsigned line, bool from_hook);

void run_line(State& state, std::string_view text, unsigned line, bool from_hook, int depth)
{
  std::size_t i = 0;
  while (i < text.size()) {
    skip_blanks(text, i);
    if (i >= text.size() || text[i] == '#') {
      return;
    }
    if (text[i] == ';') {
      ++i;
      continue;
    }
    const auto command_column = static_cast<unsigned>(i + 1);
    const auto command = token(text, i).text;
    if (command == "set" || command == "unset" || command == "reset" || command == "toggle") {
      for (const auto& a : assignments(command, text, i)) {
        apply(state, a, line, from_hook);
        if (a.value && a.value->unterminated) {
          state.file_findings.push_back({k_unterminated, {line, a.column}, a.name, a.name, {}});
        }
      }
      continue;
    }
    // The other commands: read their arguments to the end of the command.
    std::vector<Value> args;
    while (true) {
      skip_blanks(text, i);
      if (i >= text.size() || text[i] == ';' || text[i] == '#') {
        break;
      }
      args.push_back(token(text, i));
      if (args.back().unterminated) {
        state.file_findings.push_back({k_unterminated, {line, command_column}, command, command, {}});
      }
    }
    if (command == "source") {
      // Never followed: what it sets is not judged, and lint says so.
      state.file_findings.push_back(
        {k_include, {line, command_column}, command, args.empty() ? std::string() : args.front().text, {}});
    } else if (command.ends_with("-hook") && args.size() >= 2 && depth == 0) {
      // account-hook, folder-hook, send-hook ...: the last argument is a
      // command line run when the hook fires (a common place for *_pass).
      run_line(state, args.back().text, line, true, depth + 1);
    }
  }
}

void apply(State& state, const Assignment& a, unsigned line, bool from_hook)
{
  const Location where{line, a.column};
  if (is_url_variable(a.name) && a.op == Assignment::Op::set && a.value) {
    State::Setting setting{a.name, *a.value, where, from_hook};
    state.urls.push_back(setting);
    if (!from_hook) {
      state.last[a.name == "spoolfile" ? "spool_file" : a.name] = setting;
    }
  } else if (is_url_variable(a.name) && !from_hook && a.op != Assignment::Op::set) {
    state.last.erase(a.name == "spoolfile" ? "spool_file" : a.name);
  } else if (a.name == "ssl_force_tls" && !from_hook) {
    state.force_tls = boolean(a, state.force_tls.value_or(true));
    state.force_tls_where = where;
  } else if (a.name == "ssl_starttls" && !from_hook) {
    state.starttls = is_no(a) ? std::optional<bool>(false) : std::nullopt;
    state.starttls_where = where;
  } else if (is_password_variable(a.name) && a.op == Assignment::Op::set && a.value && !a.value->text.empty()
             && a.value->raw.find('`') == std::string::npos) {
    // A backquoted command is how mutt runs a password program: not stored.
    state.account_findings.push_back({k_password_stored, where, a.name, a.name, {}});
  } else if ((a.name == "ssl_verify_host" || a.name == "ssl_verify_dates") && is_no(a)) {
    state.account_findings.push_back({k_cert_check_off, where, a.name, a.name, {}});
  } else if ((a.name == "smtp_user" || a.name == "imap_user" || a.name == "pop_user") && a.value) {
    state.users[a.name.substr(0, a.name.find('_'))] = a.value->text;
  }
}

ReadResult read(std::string_view content, const ReadOptions& /*options: no syntax differs by version*/)
{
  auto lines = split_lines(content);
  if (!lines) {
    return lines.error();
  }
  State state;
  for (const auto& command : commands(*lines)) {
    run_line(state, command.text, command.line, false, 0);
  }
  const bool force_tls = state.force_tls.value_or(true);
  const bool starttls = state.starttls.value_or(true);

  Parsed parsed;
  parsed.findings = std::move(state.file_findings);
  Account account;
  account.name = "default";
  account.findings = std::move(state.account_findings);
  if (state.starttls == std::optional<bool>(false) && force_tls) {
    account.findings.push_back({k_starttls_overridden, state.starttls_where, "ssl_starttls", "ssl_starttls",
                                "ssl_force_tls"});
  }
  // The settings in force: the last top-level one of each variable, then
  // those only a hook sets.
  std::vector<const State::Setting*> used;
  for (const auto& setting : state.urls) {
    const auto key = setting.variable == "spoolfile" ? std::string("spool_file") : setting.variable;
    const auto last = state.last.find(key);
    if (setting.from_hook || (last != state.last.end() && last->second.where == setting.where)) {
      used.push_back(&setting);
    }
  }
  for (const auto* setting : used) {
    auto url = parse_url(setting->value.text);
    if (setting->value.text.find("://") != std::string::npos && url && url->parts.has_password) {
      account.findings.push_back({k_password_stored, setting->where, setting->variable, setting->variable, {}});
    }
    if (!url || url->parts.host.empty() || url->parts.bad_port) {
      continue; // a local folder ("~/Mail", "+INBOX"), or nothing NeoMutt can connect to
    }
    Endpoint endpoint;
    endpoint.proto = url->proto;
    endpoint.host = url->parts.host;
    endpoint.port = url->parts.port.value_or(default_port(*url));
    endpoint.port_stated = url->parts.port.has_value();
    endpoint.tls = url->secure ? core::TlsMode::implicit
                   : force_tls ? core::TlsMode::starttls
                   : starttls  ? core::TlsMode::opportunistic
                               : core::TlsMode::none;
    endpoint.tls_stated = url->secure || state.force_tls.has_value() || state.starttls.has_value();
    endpoint.user = url->parts.user;
    if (endpoint.user.empty()) {
      const auto user = state.users.find(url->proto == core::Proto::smtp   ? "smtp"
                                         : url->proto == core::Proto::imap ? "imap"
                                                                           : "pop");
      if (user != state.users.end()) {
        endpoint.user = user->second;
      }
    }
    endpoint.setting = setting->variable;
    endpoint.where = setting->where;
    if (url->proto == core::Proto::smtp && !url->secure && !url->parts.port) {
      endpoint.findings.push_back({k_smtp_port_default, setting->where, setting->variable, endpoint.host, "25"});
    }
    const bool seen = std::any_of(account.endpoints.begin(), account.endpoints.end(), [&](const Endpoint& e) {
      return e.proto == endpoint.proto && e.host == endpoint.host && e.port == endpoint.port && e.tls == endpoint.tls;
    });
    if (!seen) {
      account.endpoints.push_back(std::move(endpoint));
    }
  }
  if (!account.endpoints.empty() || !account.findings.empty()) {
    parsed.accounts.push_back(std::move(account));
  }
  return parsed;
}

int sniff(std::string_view content)
{
  int score = 0;
  for (const auto* key : {"set smtp_url", "set folder", "set spoolfile", "set spool_file", "set ssl_force_tls",
                          "set ssl_starttls", "set imap_user", "set smtp_pass", "set imap_pass", "set from",
                          "set realname", "set real_name", "mailboxes ", "macro index", "bind index"}) {
    if (content.find(key) != std::string_view::npos) {
      score += 20;
    }
  }
  return std::min(score, 200);
}

// ---------------------------------------------------------------- writing

constexpr core::Text k_about{
  "For NeoMutt (also mutt 2): put these lines in ~/.config/neomutt/neomuttrc (mutt: ~/.muttrc).",
  "NeoMutt 用です (mutt 2 でも使えます)。~/.config/neomutt/neomuttrc (mutt は ~/.muttrc) に書いてください。"};
constexpr core::Text k_smtp{"Sending: {mode} to port {port} (the port is always written: smtp:// alone means 25).",
                            "送信: ポート {port} に {mode} で接続します (ポートは必ず書きます。smtp:// だけだと 25 番になります)。"};
constexpr core::Text k_imap{"Reading mail: {mode} to port {port}.", "受信: ポート {port} に {mode} で接続します。"};
constexpr core::Text k_tls_settings{
  "Require TLS on every connection and verify the server's certificate and its dates.",
  "すべての接続で TLS を必須にし、サーバー証明書とその有効期限を検証します。"};
constexpr core::Text k_tls_relaxed{
  "This plan has a server without required TLS, so TLS is not forced for every connection.",
  "この設定には TLS を必須にしないサーバーが含まれるため、すべての接続での TLS 強制はしていません。"};
constexpr core::Text k_password{
  "No password is written. NeoMutt asks for it, or runs a command in backquotes; for example\n"
  "remove the '#' below and store the password with: secret-tool store --label=neomutt host {host} user {user}",
  "パスワードは書いていません。NeoMutt が尋ねるか、バッククォートで囲んだコマンドを実行します。例えば\n"
  "下の行の '#' を外し、次でパスワードを保存してください: secret-tool store --label=neomutt host {host} user {user}"};
constexpr core::Text k_no_user{"No login name was given: add yours before the '@' in the URLs (with @ written as %40).",
                               "ログイン名が指定されていません。URL の '@' の前に書いてください (@ は %40 と書きます)。"};

constexpr core::Text k_mode_implicit{"implicit TLS", "暗黙的 TLS"};
constexpr core::Text k_mode_starttls{"STARTTLS (required)", "STARTTLS (必須)"};
constexpr core::Text k_mode_opportunistic{"STARTTLS when offered", "提示されたときだけ STARTTLS"};
constexpr core::Text k_mode_none{"no encryption", "暗号化なし"};

std::string_view mode_text(const WritePlan& plan, core::TlsMode mode)
{
  switch (mode) {
  case core::TlsMode::implicit:
    return k_mode_implicit.in(plan.lang);
  case core::TlsMode::starttls:
    return k_mode_starttls.in(plan.lang);
  case core::TlsMode::opportunistic:
    return k_mode_opportunistic.in(plan.lang);
  case core::TlsMode::none:
    break;
  }
  return k_mode_none.in(plan.lang);
}

std::string url_of(const WritePlan& plan, const WriteServer& server)
{
  std::string scheme = server.proto == core::Proto::smtp ? "smtp" : server.proto == core::Proto::imap ? "imap" : "pop";
  if (server.tls == core::TlsMode::implicit) {
    scheme += 's';
  }
  const auto user = plan.user.empty() ? std::string() : percent_encode(plan.user) + '@';
  const bool v6 = server.host.find(':') != std::string::npos && !server.host.starts_with('[');
  const auto host = v6 ? '[' + server.host + ']' : server.host;
  return fmt::format("{}://{}{}:{}/", scheme, user, host, server.port);
}

// A single-quoted muttrc value: nothing inside is expanded. A ' cannot be in
// one, so it is closed, escaped and reopened.
std::string quoted(std::string_view value)
{
  std::string out = "'";
  for (const char c : value) {
    out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  }
  return out + '\'';
}

WriteResult write(const WritePlan& plan)
{
  if (plan.outgoing.empty()) {
    return WriteError{WriteError::Kind::needs_outgoing};
  }
  const auto& smtp = plan.outgoing.front();
  const WriteServer* incoming = plan.incoming.empty() ? nullptr : &plan.incoming.front();
  const auto fill = [&](const core::Text& text, const WriteServer& server) {
    return fmt::format(fmt::runtime(text.in(plan.lang)), fmt::arg("mode", mode_text(plan, server.tls)),
                       fmt::arg("port", server.port), fmt::arg("host", server.host),
                       fmt::arg("user", plan.user.empty() ? std::string("LOGIN") : plan.user));
  };
  // ssl_force_tls and ssl_starttls are global: force TLS only when every
  // server wants it required.
  bool force = true;
  bool starttls = true;
  for (const auto* server : {&smtp, incoming}) {
    if (server == nullptr) {
      continue;
    }
    force = force && (server->tls == core::TlsMode::implicit || server->tls == core::TlsMode::starttls);
    starttls = starttls && server->tls != core::TlsMode::none;
  }

  std::string out = header_comment(plan, "#", neomutt);
  out += comment(plan, "#", k_about);
  out += '\n';
  if (plan.user.empty()) {
    out += comment(plan, "#", k_no_user);
  }
  if (!plan.address.empty()) {
    out += "set from = " + quoted(plan.address) + '\n';
  }
  for (const auto& warning : smtp.warnings) {
    out += comment("#", warning);
  }
  out += comment("#", fill(k_smtp, smtp));
  out += "set smtp_url = " + quoted(url_of(plan, smtp)) + '\n';
  if (incoming != nullptr) {
    out += '\n';
    for (const auto& warning : incoming->warnings) {
      out += comment("#", warning);
    }
    out += comment("#", fill(k_imap, *incoming));
    if (incoming->proto == core::Proto::imap) {
      out += "set folder = " + quoted(url_of(plan, *incoming)) + '\n';
      out += "set spoolfile = '+INBOX'\n";
    } else {
      out += "set spoolfile = " + quoted(url_of(plan, *incoming)) + '\n';
    }
  }
  out += '\n';
  out += comment(plan, "#", force ? k_tls_settings : k_tls_relaxed);
  out += fmt::format("set ssl_force_tls = {}\n", force ? "yes" : "no");
  out += fmt::format("set ssl_starttls = {}\n", starttls ? "yes" : "no");
  out += "set ssl_verify_host = yes\n";
  out += "set ssl_verify_dates = yes\n";
  out += '\n';
  out += comment("#", fill(k_password, smtp));
  const auto user = shell_word(plan.user.empty() ? std::string_view("LOGIN") : std::string_view(plan.user));
  out += "# set smtp_pass = \"`secret-tool lookup host " + shell_word(smtp.host) + " user " + user + "`\"\n";
  if (incoming != nullptr) {
    out += fmt::format("# set {}_pass = \"`secret-tool lookup host {} user {}`\"\n",
                       incoming->proto == core::Proto::imap ? "imap" : "pop", shell_word(incoming->host), user);
  }
  return out;
}

constexpr std::array<std::string_view, 6> k_file_names = {"neomuttrc", ".neomuttrc", "muttrc",
                                                          ".muttrc",   "*.muttrc",   "*.neomuttrc"};
constexpr std::array<std::string_view, 2> k_version_command = {"neomutt", "-v"};

} // namespace

const Format neomutt{
  "neomutt",
  "neomutt",
  {"NeoMutt's neomuttrc (also mutt's muttrc): smtp_url, folder, ssl_force_tls",
   "NeoMutt の neomuttrc (mutt の muttrc にも使えます): smtp_url、folder、ssl_force_tls"},
  k_file_names,
  sniff,
  read,
  write,
  "20250510",
  k_version_command,
  k_codes,
};

} // namespace mailports::clientconf::formats
