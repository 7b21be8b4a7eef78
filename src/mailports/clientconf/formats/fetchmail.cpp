// fetchmail's .fetchmailrc (fetchmail(1) "THE RUN CONTROL FILE", rcfile_l.l):
// free-format tokens, not lines. A server entry runs from `poll`/`skip`
// (`server`) to the next one, `defaults` gives options for the entries after
// it, `set ...` is global. "..." and '...' strings may run across lines (no
// escape ends them); a quote that is never closed is an ordinary character,
// as in fetchmail's lexer. ',', ';', ':' and the noise words are ignored, '#'
// at the start of a token comments out the rest of the line. Options this
// reader does not know are skipped (fetchmail would name them in a syntax
// error; lint judges the ones that decide port and TLS).
#include "formats.hpp"

#include "../lines.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <optional>

namespace mailports::clientconf::formats {

namespace {

constexpr std::string_view k_port_without_ssl = "fetchmail-port-without-ssl";
constexpr std::string_view k_certcheck_off = "fetchmail-certcheck-off";
constexpr std::string_view k_ssl_sslproto_empty = "fetchmail-ssl-sslproto-empty";
constexpr std::string_view k_password_stored = "config-password-stored";

constexpr std::array<std::string_view, 4> k_codes = {k_port_without_ssl, k_certcheck_off, k_ssl_sslproto_empty,
                                                     k_password_stored};

struct Token {
  std::string text;
  bool quoted = false;
  Location at;
  // The raw value in the file: inside the quotes, or the whole word.
  const char* begin = nullptr;
  const char* end = nullptr;
};

bool blank(char c)
{
  return c == ' ' || c == '\t' || c == '\r';
}

bool separator(char c)
{
  return c == ',' || c == ';' || c == ':';
}

// fetchmail's escapes() (rcfile_l.l), applied to every string token: \xHH,
// \0ooo octal, \ddd decimal, \n \t \b \r, a backslash before a line break
// joins the lines, any other escaped character stands for itself.
std::string unescape(std::string_view in)
{
  std::string out;
  std::size_t i = 0;
  const auto digit_value = [](char c, unsigned base) -> int {
    int v = -1;
    if (c >= '0' && c <= '9') {
      v = c - '0';
    } else if (c >= 'a' && c <= 'f') {
      v = c - 'a' + 10;
    } else if (c >= 'A' && c <= 'F') {
      v = c - 'A' + 10;
    }
    return v >= 0 && static_cast<unsigned>(v) < base ? v : -1;
  };
  while (i < in.size()) {
    if (in[i] != '\\' || i + 1 >= in.size()) {
      if (in[i] != '\\') { // a backslash at the very end is dropped
        out += in[i];
      }
      ++i;
      continue;
    }
    const char c = in[++i];
    if (c == 'x' || c == 'X' || (c >= '0' && c <= '9')) {
      unsigned base = 10;
      if (c == 'x' || c == 'X') {
        base = 16;
        ++i;
      } else if (c == '0') {
        base = 8;
      }
      const std::size_t max_digits = base == 16 ? 2 : 3;
      unsigned value = 0;
      for (std::size_t n = 0; n < max_digits && i < in.size(); ++n, ++i) {
        const int d = digit_value(in[i], base);
        if (d < 0) {
          break;
        }
        value = value * base + static_cast<unsigned>(d);
      }
      out += static_cast<char>(static_cast<unsigned char>(value & 0xFFU));
      continue;
    }
    ++i;
    switch (c) {
    case '\n':
      break;
    case 'n':
      out += '\n';
      break;
    case 't':
      out += '\t';
      break;
    case 'b':
      out += '\b';
      break;
    case 'r':
      out += '\r';
      break;
    default:
      out += c;
    }
  }
  return out;
}

// rcfile_l.l over the whole file: a quote closed anywhere later (even lines
// later) makes one string; '=' is a token of its own.
std::vector<Token> tokenize(const std::vector<Line>& lines)
{
  std::vector<Token> tokens;
  // Once a search for a closing quote fails, none is left further on: later
  // quotes of that kind need no search (keeps a file of quotes linear).
  bool no_more[2] = {false, false};
  std::size_t n = 0;
  std::size_t i = 0;
  while (n < lines.size()) {
    const auto text = lines[n].text;
    if (i >= text.size() || text[i] == '#') {
      ++n;
      i = 0;
      continue;
    }
    const char c = text[i];
    if (blank(c) || separator(c)) {
      ++i;
      continue;
    }
    const Location at{lines[n].number, static_cast<unsigned>(i + 1)};
    if (c == '=') {
      tokens.push_back(Token{"=", false, at, text.data() + i, text.data() + i + 1});
      ++i;
      continue;
    }
    if ((c == '"' || c == '\'') && !no_more[c == '"' ? 0 : 1]) {
      std::string value;
      std::size_t from = i + 1;
      const char* begin = text.data() + from;
      const char* end = begin;
      bool closed = false;
      for (std::size_t m = n; m < lines.size(); ++m, from = 0) {
        const auto line = lines[m].text;
        const auto close = line.find(c, from);
        if (close != std::string_view::npos) {
          value += line.substr(from, close - from);
          end = line.data() + close;
          closed = true;
          n = m;
          i = close + 1;
          break;
        }
        value += line.substr(from);
        value += '\n';
      }
      if (closed) {
        tokens.push_back(Token{unescape(value), true, at, begin, end});
        continue;
      }
      // Never closed: fetchmail's lexer takes the quote as a character.
      no_more[c == '"' ? 0 : 1] = true;
    }
    auto end = i;
    while (end < text.size() && !blank(text[end]) && !separator(text[end]) && text[end] != '=') {
      ++end;
    }
    // With an escape in it, the word is a string to fetchmail, never a keyword.
    const auto word = text.substr(i, end - i);
    tokens.push_back(Token{unescape(word), word.find('\\') != std::string_view::npos, at, word.data(),
                           word.data() + word.size()});
    i = end;
  }
  return tokens;
}

bool is_statement(const Token& t)
{
  return !t.quoted && (t.text == "poll" || t.text == "skip" || t.text == "server" || t.text == "defaults"
                       || t.text == "set");
}

// Options whose next token is their argument, whatever it looks like.
bool takes_argument(std::string_view word)
{
  constexpr std::array<std::string_view, 44> k_with_argument = {
    "via",         "interval",   "timeout",        "qvirtual",     "principal",    "esmtpname",
    "interface",   "monitor",    "plugin",         "plugout",      "folder",       "folders",
    "smtp",        "smtphost",   "fetchdomains",   "smtpaddress",  "smtpname",     "antispam",
    "mda",         "bsmtp",      "lmtp",           "pre",          "preconnect",   "post",
    "postconnect", "batchlimit", "fetchlimit",     "fetchsizelimit", "fastuidl",   "expunge",
    "properties",  "limit",      "warnings",       "bad-header",   "sslkey",       "sslcert",
    "sslcertfile", "sslcertpath", "sslcommonname", "sslfingerprint", "aka",        "localdomains",
    "local",       "envelope"};
  return std::find(k_with_argument.begin(), k_with_argument.end(), word) != k_with_argument.end();
}

using Spans = std::vector<std::pair<const char*, const char*>>;

enum class OptionKind : std::uint8_t { other, server, user };

// Which part of an entry an option belongs to (fetchmail(1) "KEYWORD/OPTION
// SUMMARY": server options, then user options).
OptionKind option_kind(std::string_view word)
{
  constexpr std::array<std::string_view, 30> k_server = {
    "via",       "proto",    "protocol",   "port",      "service",   "interval",   "timeout",   "auth",
    "authenticate", "preauth", "preauthenticate", "envelope", "qvirtual", "aka",  "localdomains", "local",
    "interface", "monitor",  "plugin",     "plugout",   "dns",       "uidl",       "checkalias", "principal",
    "esmtpname", "esmtppassword", "tracepolls", "bad-header", "nodns", "nouidl"};
  constexpr std::array<std::string_view, 44> k_user = {
    "ssl",       "sslproto",   "sslcertck",  "sslcertfile", "sslcertpath", "sslfingerprint", "sslkey",
    "sslcert",   "sslcommonname", "keep",    "fetchall",   "flush",       "limitflush",     "rewrite",
    "stripcr",   "forcecr",    "pass8bits",  "dropstatus", "dropdelivered", "mimedecode",   "idle",
    "mda",       "bsmtp",      "lmtp",       "smtphost",   "smtp",        "fetchdomains",   "smtpaddress",
    "smtpname",  "antispam",   "pre",        "preconnect", "post",        "postconnect",    "limit",
    "warnings",  "batchlimit", "fetchlimit", "fetchsizelimit", "fastuidl", "expunge",       "folder",
    "folders",   "nokeep"};
  if (std::find(k_server.begin(), k_server.end(), word) != k_server.end()) {
    return OptionKind::server;
  }
  if (std::find(k_user.begin(), k_user.end(), word) != k_user.end()) {
    return OptionKind::user;
  }
  return OptionKind::other;
}

struct Options {
  std::optional<core::Proto> proto; // nullopt: auto (IMAP first)
  bool other_proto = false;         // POP2, ETRN, ODMR, JMAP: not judged
  std::optional<std::uint16_t> port;
  Location port_at;
  std::string port_setting;
  bool unknown_service = false;
  std::optional<bool> ssl;
  Location ssl_at;
  std::optional<std::string> sslproto;
  Location sslproto_at;
  std::optional<bool> certck;
  Location certck_at;
  std::string user;
  std::optional<Location> password_at;
  std::string password_word; // as the file spells it: pass, password, esmtppassword
  std::string via;
  Location via_at;
};

struct Entry {
  std::string name;
  Location where;
  std::string setting; // "poll", "skip" or "server"
  Options options;
};

std::optional<std::uint16_t> port_number(std::string_view text)
{
  unsigned value = 0;
  const auto* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (ec != std::errc{} || ptr != end || value == 0 || value > 65535) {
    return std::nullopt;
  }
  return static_cast<std::uint16_t>(value);
}

std::optional<std::uint16_t> service_port(std::string_view name)
{
  if (auto number = port_number(name)) {
    return number;
  }
  constexpr std::array<std::pair<std::string_view, std::uint16_t>, 6> k_services = {
    {{"pop3", 110}, {"pop3s", 995}, {"imap", 143}, {"imap2", 143}, {"imaps", 993}, {"pop-3", 110}}};
  for (const auto& [service, port] : k_services) {
    if (service == name) {
      return port;
    }
  }
  return std::nullopt;
}

std::optional<std::string> lower_proto(std::string_view word)
{
  std::string lower(word);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; });
  return lower;
}

SyntaxError bad(Location where, std::string detail)
{
  return SyntaxError{SyntaxError::Kind::bad_syntax, where, std::move(detail)};
}

std::string shown(std::string_view word)
{
  constexpr std::size_t k_max_shown = 60;
  return std::string(word.substr(0, k_max_shown)) + (word.size() > k_max_shown ? "..." : "");
}

// The options from tokens[i] up to the next statement; returns where it stopped.
core::Result<std::size_t, SyntaxError> read_options(const std::vector<Token>& tokens, std::size_t i,
                                                     Options& o, Location* password_in_entry, Spans* spans)
{
  const auto next = [&](std::size_t k) -> const Token* { return k < tokens.size() ? &tokens[k] : nullptr; };
  // fetchmail's grammar: server options, then user options, either alone
  // (for the implicit user) or after each `user NAME`.
  enum class Phase : std::uint8_t { server, implicit_user, users } phase = Phase::server;
  while (i < tokens.size() && !is_statement(tokens[i])) {
    const auto& t = tokens[i];
    const std::string_view w = t.quoted ? std::string_view{} : std::string_view{t.text};
    const auto kind = option_kind(w == "no" && i + 1 < tokens.size() && !tokens[i + 1].quoted
                                    ? std::string_view{tokens[i + 1].text}
                                    : w);
    if ((kind == OptionKind::server && phase != Phase::server)
        || ((w == "user" || w == "username") && phase == Phase::implicit_user)) {
      return bad(t.at, fmt::format("syntax error at {}: fetchmail takes server options first, then user options "
                                   "after `user`",
                                   w));
    }
    if (w == "user" || w == "username") {
      phase = Phase::users;
    } else if (kind == OptionKind::user && phase == Phase::server) {
      phase = Phase::implicit_user;
    }
    ++i;
    if (w == "proto" || w == "protocol") {
      const auto* arg = next(i++);
      if (arg == nullptr) {
        return bad(t.at, "protocol needs a value");
      }
      const auto p = *lower_proto(arg->text);
      if (p == "pop3" || p == "apop" || p == "rpop" || p == "kpop" || p == "sdps") {
        o.proto = core::Proto::pop3;
        o.other_proto = false;
      } else if (p == "imap") {
        o.proto = core::Proto::imap;
        o.other_proto = false;
      } else if (p == "auto") {
        o.proto.reset();
        o.other_proto = false;
      } else if (p == "pop2" || p == "etrn" || p == "odmr" || p == "jmap") {
        o.other_proto = true;
      } else {
        return bad(arg->at, fmt::format("unknown protocol '{}'", shown(arg->text)));
      }
    } else if (w == "port" || w == "service") {
      const auto* arg = next(i++);
      if (arg == nullptr) {
        return bad(t.at, fmt::format("{} needs a value", w));
      }
      const auto port = w == "port" ? port_number(arg->text) : service_port(arg->text);
      if (!port && w == "port") {
        return bad(arg->at, fmt::format("invalid port '{}'", shown(arg->text)));
      }
      o.port = port;
      o.unknown_service = !port;
      o.port_at = t.at;
      o.port_setting = std::string(w);
    } else if (w == "ssl") {
      o.ssl = true;
      o.ssl_at = t.at;
    } else if (w == "sslcertck") {
      o.certck = true;
      o.certck_at = t.at;
    } else if (w == "no" || w == "nosslcertck") {
      const auto* arg = w == "no" ? next(i++) : &t;
      if (arg != nullptr && !arg->quoted && arg->text == "sslcertck") {
        o.certck = false;
        o.certck_at = t.at;
      } else if (arg != nullptr && !arg->quoted && arg->text == "ssl") {
        o.ssl = false;
        o.ssl_at = t.at;
      }
    } else if (w == "sslproto") {
      const auto* arg = next(i++);
      if (arg == nullptr) {
        return bad(t.at, "sslproto needs a value");
      }
      o.sslproto = arg->text;
      o.sslproto_at = t.at;
    } else if (w == "user" || w == "username") {
      const auto* arg = next(i++);
      if (arg == nullptr) {
        return bad(t.at, "user needs a name");
      }
      if (o.user.empty()) {
        o.user = arg->text;
      }
    } else if (w == "pass" || w == "password" || w == "esmtppassword") {
      // The value is skipped and never kept.
      const auto* arg = next(i++);
      if (arg == nullptr) {
        return bad(t.at, fmt::format("{} needs a value", w));
      }
      if (spans != nullptr) {
        spans->emplace_back(arg->begin, arg->end);
      }
      o.password_at = t.at;
      o.password_word = std::string(w);
      if (password_in_entry != nullptr) {
        *password_in_entry = t.at;
      }
    } else if (w == "auth" || w == "authenticate" || w == "preauth" || w == "preauthenticate") {
      ++i; // the method: `auth password` names a method, not a password
    } else if (w == "via") {
      const auto* arg = next(i++);
      if (arg != nullptr) {
        o.via = arg->text;
        o.via_at = t.at;
      }
    } else if (takes_argument(w)) {
      ++i;
    }
  }
  return i;
}

Endpoint endpoint_of(const Entry& entry, const ReadOptions& options)
{
  const auto& o = entry.options;
  Endpoint out;
  // `auto` (or no protocol) tries IMAP first; on a POP3 port only POP3 answers.
  const bool pop_port = o.port && (*o.port == 110 || *o.port == 995);
  out.proto = o.proto.value_or(pop_port ? core::Proto::pop3 : core::Proto::imap);
  out.host = o.via.empty() ? entry.name : o.via;
  out.setting = o.via.empty() ? entry.setting : "via";
  out.where = o.via.empty() ? entry.where : o.via_at;
  out.user = o.user;
  const bool ssl = o.ssl.value_or(false);
  if (ssl) {
    out.tls = core::TlsMode::implicit;
  } else if (o.sslproto) {
    out.tls = o.sslproto->empty() ? core::TlsMode::none : core::TlsMode::starttls;
  } else {
    // fetchmail(1) --sslproto: only with neither ssl nor sslproto is STARTTLS
    // opportunistic.
    out.tls = core::TlsMode::opportunistic;
    out.tls_stated = false;
  }
  if (o.port) {
    out.port = *o.port;
  } else {
    const bool pop = out.proto == core::Proto::pop3;
    out.port = ssl ? (pop ? 995 : 993) : (pop ? 110 : 143);
    out.port_stated = false;
  }
  if (!ssl && o.port && (*o.port == 993 || *o.port == 995)) {
    out.findings.push_back(
      ClientFinding{k_port_without_ssl, o.port_at, o.port_setting, std::to_string(*o.port), {}});
  }
  if (ssl && o.sslproto && o.sslproto->empty()) {
    out.findings.push_back(ClientFinding{k_ssl_sslproto_empty, o.sslproto_at, "sslproto", "''", {}});
  }
  if (out.tls != core::TlsMode::none) {
    // sslcertck is the default since fetchmail 6.4.0.
    static const auto k_certck_default = *parse_version("6.4.0");
    if (o.certck == false) {
      out.findings.push_back(ClientFinding{k_certcheck_off, o.certck_at, "sslcertck", "no sslcertck", {}});
    } else if (!o.certck && options.version.version < k_certck_default) {
      out.findings.push_back(ClientFinding{k_certcheck_off, entry.where, "sslcertck",
                                           "no sslcertck before fetchmail 6.4.0", {}});
    }
  }
  return out;
}

// Options of `defaults` under an entry's own: what the entry states wins.
Options merged(const Options& defaults, const Options& own)
{
  Options out = own;
  if (!own.proto && !own.other_proto && (defaults.proto || defaults.other_proto)) {
    out.proto = defaults.proto;
    out.other_proto = defaults.other_proto;
  }
  if (!own.port && !own.unknown_service) {
    out.port = defaults.port;
    out.port_at = defaults.port_at;
    out.port_setting = defaults.port_setting;
    out.unknown_service = defaults.unknown_service;
  }
  if (!own.ssl) {
    out.ssl = defaults.ssl;
    out.ssl_at = defaults.ssl_at;
  }
  if (!own.sslproto) {
    out.sslproto = defaults.sslproto;
    out.sslproto_at = defaults.sslproto_at;
  }
  if (!own.certck) {
    out.certck = defaults.certck;
    out.certck_at = defaults.certck_at;
  }
  if (own.user.empty()) {
    out.user = defaults.user;
  }
  return out;
}

ReadResult read_impl(std::string_view content, const ReadOptions& options, Spans* spans)
{
  auto lines = split_lines(content);
  if (!lines) {
    return lines.error();
  }
  const auto tokens = tokenize(*lines);
  Parsed parsed;
  Options defaults;
  std::size_t i = 0;
  while (i < tokens.size()) {
    const auto& t = tokens[i];
    if (!is_statement(t)) {
      return bad(t.at, fmt::format("'{}' outside a server entry", t.quoted ? std::string("\"...\"") : shown(t.text)));
    }
    ++i;
    if (t.text == "set") {
      while (i < tokens.size() && !is_statement(tokens[i])) {
        ++i;
      }
      continue;
    }
    if (t.text == "defaults") {
      Location password_at;
      auto end = read_options(tokens, i, defaults, &password_at, spans);
      if (!end) {
        return end.error();
      }
      if (password_at.line != 0) {
        parsed.findings.push_back(
          ClientFinding{k_password_stored, password_at, defaults.password_word, defaults.password_word, {}});
      }
      i = *end;
      continue;
    }
    if (i >= tokens.size()) {
      return bad(t.at, fmt::format("{} needs a server name", t.text));
    }
    Entry entry;
    entry.name = tokens[i].text;
    entry.where = tokens[i].at;
    entry.setting = t.text;
    ++i;
    Options own;
    auto end = read_options(tokens, i, own, nullptr, spans);
    if (!end) {
      return end.error();
    }
    i = *end;
    entry.options = merged(defaults, own);
    Account account;
    account.name = entry.name;
    account.where = t.at;
    if (own.password_at) {
      account.findings.push_back(
        ClientFinding{k_password_stored, *own.password_at, own.password_word, own.password_word, {}});
    }
    if (!entry.options.other_proto) {
      account.endpoints.push_back(endpoint_of(entry, options));
    }
    parsed.accounts.push_back(std::move(account));
  }
  return parsed;
}

ReadResult read(std::string_view content, const ReadOptions& options)
{
  return read_impl(content, options, nullptr);
}

int sniff(std::string_view content)
{
  auto lines = split_lines(content);
  if (!lines) {
    return 0;
  }
  int score = 0;
  for (const auto& t : tokenize(*lines)) {
    if (t.quoted) {
      continue;
    }
    if (t.text == "poll" || t.text == "sslproto" || t.text == "sslcertck" || t.text == "fetchall"
        || t.text == "mda" || t.text == "postmaster") {
      score += 10;
    } else if (t.text == "proto" || t.text == "protocol" || t.text == "skip" || t.text == "there"
               || t.text == "here") {
      score += 3;
    }
  }
  return score;
}

// ---- the writer -----------------------------------------------------------

constexpr core::Text k_about{
  "fetchmail run control file (~/.fetchmailrc; chmod 600). Port and TLS are stated explicitly:\n"
  "fetchmail does not switch to implicit TLS because of the port (`port 995` without `ssl` hangs).",
  "fetchmail の設定ファイル (~/.fetchmailrc。chmod 600)。ポートと TLS は明示しています。\n"
  "fetchmail はポート番号では暗黙的 TLS に切り替えません (`ssl` なしの `port 995` は止まります)。"};
constexpr core::Text k_implicit{"Implicit TLS (`ssl`): the TLS handshake starts as soon as the connection opens.",
                                "暗黙的 TLS (`ssl`): 接続直後に TLS ハンドシェイクを始めます。"};
constexpr core::Text k_starttls{
  "STARTTLS, required (`sslproto tls1.2+`): fetchmail stops if the server does not offer it.",
  "STARTTLS 必須 (`sslproto tls1.2+`): サーバーが提示しなければ fetchmail は続けません。"};
constexpr core::Text k_starttls_old{
  "STARTTLS, required (`sslproto tls1`; fetchmail before 6.4.0 has no `tls1.2+`).",
  "STARTTLS 必須 (`sslproto tls1`。6.4.0 より前の fetchmail には `tls1.2+` がありません)。"};
constexpr core::Text k_opportunistic{
  "fetchmail's \"STARTTLS if available\" would fall back to cleartext: STARTTLS is required here.",
  "fetchmail の「利用可能なら STARTTLS」は平文に戻り得るため、STARTTLS 必須にしています。"};
constexpr core::Text k_cleartext{"No TLS (`sslproto ''`): the password and the mail cross the network in cleartext.",
                                 "TLS なし (`sslproto ''`): パスワードもメールも平文でネットワークを流れます。"};
constexpr core::Text k_verify{"Verify the server's certificate; a failing check stops fetchmail.",
                              "サーバー証明書を検証し、失敗すれば fetchmail は止まります。"};
constexpr core::Text k_no_user{"No login name was given: replace NAME with yours.",
                               "ログイン名が指定されていません。NAME を置き換えてください。"};
constexpr core::Text k_password{
  "No password here: fetchmail asks for it, or reads it from ~/.netrc (chmod 600):\n"
  "  machine {host} login {user} password ...",
  "パスワードはここに書いていません。fetchmail が尋ねるか、~/.netrc (chmod 600) から読みます:\n"
  "  machine {host} login {user} password ..."};

// A fetchmailrc string: "..." with the characters fetchmail's escapes()
// would change written as escapes. A '"' cannot be escaped (the lexer ends
// the string there), so it is written as \x22.
std::string quoted(std::string_view value)
{
  std::string out = "\"";
  for (const char c : value) {
    if (c == '"') {
      out += "\\x22";
    } else if (c == '\\') {
      out += "\\\\";
    } else if (c == '\n' || c == '\r') {
      out += ' ';
    } else {
      out += c;
    }
  }
  return out + "\"";
}

std::string one_line(std::string_view value)
{
  std::string out(value);
  std::replace_if(out.begin(), out.end(), [](char c) { return c == '\n' || c == '\r'; }, ' ');
  return out;
}

WriteResult write(const WritePlan& plan)
{
  if (plan.incoming.empty()) {
    return WriteError{WriteError::Kind::needs_incoming};
  }
  const auto& server = plan.incoming.front();
  static const auto k_tls12_plus = *parse_version("6.4.0");
  std::string out = header_comment(plan, "#", fetchmail);
  out += comment(plan, "#", k_about);
  out += "\n";
  for (const auto& warning : server.warnings) {
    out += comment("#", warning);
  }
  out += fmt::format("poll {}\n", quoted(server.host));
  out += fmt::format("    protocol {}\n", server.proto == core::Proto::pop3 ? "POP3" : "IMAP");
  out += fmt::format("    port {}\n", server.port);
  // fetchmail's grammar: server options (protocol, port) first, then the user,
  // then the user's options, which include the TLS ones.
  const auto user = one_line(plan.user);
  if (user.empty()) {
    out += comment(plan, "    #", k_no_user);
  }
  out += comment("    #", fmt::format(fmt::runtime(k_password.in(plan.lang)), fmt::arg("host", one_line(server.host)),
                                       fmt::arg("user", user.empty() ? std::string("NAME") : user)));
  out += fmt::format("    user {}\n", quoted(user.empty() ? std::string("NAME") : user));
  switch (server.tls) {
  case core::TlsMode::implicit:
    out += comment(plan, "    #", k_implicit);
    out += "    ssl\n";
    break;
  case core::TlsMode::opportunistic:
  case core::TlsMode::starttls:
    if (server.tls == core::TlsMode::opportunistic) {
      out += comment(plan, "    #", k_opportunistic);
    }
    if (plan.version.version < k_tls12_plus) {
      out += comment(plan, "    #", k_starttls_old);
      out += "    sslproto tls1\n";
    } else {
      out += comment(plan, "    #", k_starttls);
      out += "    sslproto tls1.2+\n";
    }
    break;
  case core::TlsMode::none:
    out += comment(plan, "    #", k_cleartext);
    out += "    sslproto ''\n";
    break;
  }
  if (server.tls != core::TlsMode::none) {
    out += comment(plan, "    #", k_verify);
    out += "    sslcertck\n";
  }
  return out;
}

constexpr std::array<std::string_view, 3> k_file_names = {".fetchmailrc", "fetchmailrc", "*.fetchmailrc"};
constexpr std::array<std::string_view, 2> k_version_command = {"fetchmail", "--version"};

} // namespace

std::vector<std::pair<std::size_t, std::size_t>> fetchmail_password_spans(std::string_view content)
{
  Spans spans;
  (void)read_impl(content, ReadOptions{}, &spans);
  std::vector<std::pair<std::size_t, std::size_t>> out;
  for (const auto& [begin, end] : spans) {
    out.emplace_back(static_cast<std::size_t>(begin - content.data()), static_cast<std::size_t>(end - content.data()));
  }
  return out;
}

const Format fetchmail{
  "fetchmail",
  "fetchmail",
  {"fetchmail's .fetchmailrc (poll entries: protocol, port, ssl, sslproto, sslcertck)",
   "fetchmail の .fetchmailrc (poll エントリ: protocol、port、ssl、sslproto、sslcertck)"},
  k_file_names,
  sniff,
  read,
  write,
  "6.4.39",
  k_version_command,
  k_codes,
};

} // namespace mailports::clientconf::formats
