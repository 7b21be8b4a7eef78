// isync's mbsync (mbsyncrc): IMAP only. The reader follows isync's own
// config.c and drv_imap.c (checked against the Debian 12 binary, 1.4.4):
// keywords are case-insensitive, only double quotes quote (a '#' or a '
// inside a value is literal), a line whose first word starts with '#' is a
// comment, a blank line ends a section. SSLType (TLSType from 1.5) picks the
// mode, STARTTLS by default; Port defaults to 143, or 993 for IMAPS.
#include "formats.hpp"

#include "../lines.hpp"
#include "url_and_shell.hpp"

#include <mailports/util/text.hpp>

#include <fmt/format.h>

#include <array>
#include <charconv>
#include <map>
#include <optional>

namespace mailports::clientconf::formats {

namespace {

using util::iequals;

constexpr std::string_view k_password_stored = "config-password-stored";
constexpr std::string_view k_deprecated_option = "mbsync-deprecated-ssl-option";
constexpr std::string_view k_options_conflict = "mbsync-ssl-options-conflict";
constexpr std::string_view k_tlstype_unsupported = "mbsync-tlstype-unsupported";
constexpr std::string_view k_ssltype_renamed = "mbsync-ssltype-renamed";
constexpr std::string_view k_old_tls_versions = "mbsync-old-tls-versions";
constexpr std::array<std::string_view, 6> k_codes = {k_password_stored, k_deprecated_option,
                                                     k_options_conflict,    k_tlstype_unsupported,
                                                     k_ssltype_renamed,     k_old_tls_versions};

// isync 1.5 renamed SSLType to TLSType and SSLVersions to TLSVersions.
const Version& version_1_5()
{
  static const Version v = *parse_version("1.5");
  return v;
}

const Version& version_1_4()
{
  static const Version v = *parse_version("1.4");
  return v;
}

// ---------------------------------------------------------------- reading

struct Word {
  std::string text;
  unsigned column = 0;
};

// isync's get_arg: blanks separate, "..." quotes (backslash escapes inside),
// nothing else is special.
core::Result<std::vector<Word>, SyntaxError> words_of(const Line& line)
{
  std::vector<Word> words;
  const auto text = line.text;
  std::size_t i = 0;
  const auto blank = [](char c) { return c == ' ' || c == '\t'; };
  while (true) {
    while (i < text.size() && blank(text[i])) {
      ++i;
    }
    if (i >= text.size()) {
      break;
    }
    Word word{{}, static_cast<unsigned>(i + 1)};
    while (i < text.size() && !blank(text[i])) {
      if (text[i] != '"') {
        word.text += text[i++];
        continue;
      }
      const auto open = i++;
      bool closed = false;
      while (i < text.size()) {
        if (text[i] == '"') {
          closed = true;
          ++i;
          break;
        }
        if (text[i] == '\\' && i + 1 < text.size()) {
          ++i;
        }
        word.text += text[i++];
      }
      if (!closed) {
        return SyntaxError{SyntaxError::Kind::unterminated_quote,
                           {line.number, static_cast<unsigned>(open + 1)},
                           "\""};
      }
    }
    words.push_back(std::move(word));
  }
  return words;
}

struct Setting {
  std::string value; // every argument, joined by one space
  std::vector<std::string> args;
  Location where;
  std::string keyword; // as the file spells it
};

struct Section {
  std::string kind; // "imapaccount", "imapstore", ...
  std::string name;
  Location where;
  // lower-case keyword -> its last occurrence (isync keeps the last one)
  std::map<std::string, Setting> settings;
  std::vector<Setting> deprecated; // UseIMAPS, RequireSSL, UseSSL*, UseTLS*, in order
};

bool is_section_keyword(std::string_view word)
{
  for (const auto* k : {"IMAPAccount", "IMAPStore", "MaildirStore", "Channel", "Group"}) {
    if (iequals(word, k)) {
      return true;
    }
  }
  return false;
}

bool is_deprecated_ssl(std::string_view keyword)
{
  return iequals(keyword, "UseIMAPS") || iequals(keyword, "RequireSSL")
         || util::istarts_with(keyword, "UseSSL") || util::istarts_with(keyword, "UseTLS");
}

bool is_yes(std::string_view value)
{
  return iequals(value, "yes") || iequals(value, "true") || iequals(value, "on") || value == "1";
}

const Setting* find(const Section& section, std::string_view lower_key)
{
  const auto it = section.settings.find(std::string(lower_key));
  return it == section.settings.end() ? nullptr : &it->second;
}

// The SSLType/TLSType keyword that is set, if any.
const Setting* tls_type(const Section& section)
{
  const auto* tls = find(section, "tlstype");
  return tls != nullptr ? tls : find(section, "ssltype");
}

const Setting* tls_versions(const Section& section)
{
  const auto* tls = find(section, "tlsversions");
  return tls != nullptr ? tls : find(section, "sslversions");
}

std::optional<SyntaxError> read_tls(const Section& section, Endpoint& endpoint)
{
  const auto* type = tls_type(section);
  if (type == nullptr) {
    // With the deprecated options: IMAPS for "UseIMAPS yes", else STARTTLS
    // ("'RequireSSL no' is being ignored"). Without anything: STARTTLS.
    endpoint.tls = core::TlsMode::starttls;
    endpoint.tls_stated = false;
    for (const auto& old : section.deprecated) {
      if (iequals(old.keyword, "UseIMAPS")) {
        endpoint.tls = is_yes(old.value) ? core::TlsMode::implicit : core::TlsMode::starttls;
        endpoint.tls_stated = true;
      }
    }
    return std::nullopt;
  }
  if (iequals(type->value, "None")) {
    endpoint.tls = core::TlsMode::none;
  } else if (iequals(type->value, "STARTTLS")) {
    endpoint.tls = core::TlsMode::starttls;
  } else if (iequals(type->value, "IMAPS")) {
    endpoint.tls = core::TlsMode::implicit;
  } else {
    // isync: "Invalid SSL type", and the file is refused.
    return SyntaxError{SyntaxError::Kind::bad_syntax, type->where, type->keyword + " " + type->value};
  }
  return std::nullopt;
}

void version_findings(const Section& section, const Version& version, std::vector<ClientFinding>& out)
{
  for (const auto* key : {"ssltype", "sslversions", "tlstype", "tlsversions"}) {
    const auto* setting = find(section, key);
    if (setting == nullptr) {
      continue;
    }
    const bool new_name = std::string_view(key).starts_with("tls");
    if (new_name && version < version_1_5()) {
      out.push_back({k_tlstype_unsupported, setting->where, setting->keyword, setting->keyword, version.text});
    } else if (!new_name && version >= version_1_5()) {
      out.push_back({k_ssltype_renamed, setting->where, setting->keyword, setting->keyword, version.text});
    }
  }
}

void old_versions_finding(const Section& section, std::vector<ClientFinding>& out)
{
  const auto* versions = tls_versions(section);
  if (versions == nullptr) {
    return;
  }
  // 1.4: "TLSv1 TLSv1.1 ..."; 1.5: "+1.0 -1.1 ...". A word naming 1.0/1.1
  // without a leading '-' enables it.
  for (const auto& arg : versions->args) {
    if (arg.starts_with('-')) {
      continue;
    }
    auto name = std::string_view(arg);
    if (name.starts_with('+')) {
      name.remove_prefix(1);
    }
    if (iequals(name, "TLSv1") || iequals(name, "TLSv1.1") || iequals(name, "SSLv3") || name == "1.0"
        || name == "1.1") {
      out.push_back({k_old_tls_versions, versions->where, versions->keyword, versions->value, {}});
      return;
    }
  }
}

std::optional<SyntaxError> read_endpoint(const Section& section, const Version& version, Account& account)
{
  const auto* host = find(section, "host");
  if (host == nullptr || find(section, "tunnel") != nullptr) {
    return std::nullopt; // a Tunnel connects no port; a store without Host is refused by mbsync itself
  }
  Endpoint endpoint;
  endpoint.proto = core::Proto::imap;
  endpoint.setting = host->keyword;
  endpoint.where = host->where;
  if (auto error = read_tls(section, endpoint)) {
    return error;
  }
  // "Host imaps:host" is isync's backward-compatible way of saying IMAPS.
  std::string_view name = host->value;
  if (util::istarts_with(name, "imaps:")) {
    name.remove_prefix(6);
    if (tls_type(section) == nullptr) {
      endpoint.tls = core::TlsMode::implicit;
      endpoint.tls_stated = true;
    }
  } else if (util::istarts_with(name, "imap:")) {
    name.remove_prefix(5);
  }
  if (name.starts_with("//")) {
    name.remove_prefix(2);
  }
  endpoint.host = std::string(name);
  if (endpoint.host.empty()) {
    return std::nullopt; // "Host" with no name: mbsync has nothing to connect to
  }
  if (const auto* port = find(section, "port")) {
    unsigned value = 0;
    const auto* end = port->value.data() + port->value.size();
    const auto [ptr, ec] = std::from_chars(port->value.data(), end, value);
    if (ec != std::errc{} || ptr != end || value == 0 || value > 65535) {
      return SyntaxError{SyntaxError::Kind::bad_syntax, port->where, "Port " + port->value};
    }
    endpoint.port = static_cast<std::uint16_t>(value);
  } else {
    endpoint.port = endpoint.tls == core::TlsMode::implicit ? 993 : 143;
    endpoint.port_stated = false;
  }
  if (const auto* user = find(section, "user")) {
    endpoint.user = user->value;
  }
  version_findings(section, version, endpoint.findings);
  old_versions_finding(section, endpoint.findings);
  for (const auto& old : section.deprecated) {
    const auto* type = tls_type(section);
    const auto* versions = tls_versions(section);
    if (type != nullptr || versions != nullptr) {
      const auto& other = type != nullptr ? type->keyword : versions->keyword;
      endpoint.findings.push_back({k_options_conflict, old.where, old.keyword, old.keyword, other});
    } else {
      endpoint.findings.push_back({k_deprecated_option, old.where, old.keyword, old.keyword + " " + old.value, {}});
    }
  }
  account.endpoints.push_back(std::move(endpoint));
  return std::nullopt;
}

void password_finding(const Section& section, std::vector<ClientFinding>& out)
{
  if (const auto* pass = find(section, "pass")) {
    // value and other name the setting only: the password never leaves here.
    out.push_back({k_password_stored, pass->where, pass->keyword, pass->keyword, {}});
  }
}

Version effective_version(const ReadOptions& options)
{
  if (!options.version.version.parts.empty()) {
    return options.version.version;
  }
  return *parse_version(mbsync.newest_version);
}

ReadResult read(std::string_view content, const ReadOptions& options)
{
  auto lines = split_lines(content);
  if (!lines) {
    return lines.error();
  }
  const auto version = effective_version(options);
  std::vector<Section> sections;
  bool open = false;
  for (const auto& line : *lines) {
    auto words = words_of(line);
    if (!words) {
      return words.error();
    }
    if (words->empty()) {
      open = false; // a blank line ends the section
      continue;
    }
    const auto& first = words->front();
    if (first.text.starts_with('#')) {
      continue;
    }
    const Location where{line.number, first.column};
    if (is_section_keyword(first.text)) {
      Section section;
      section.kind = util::to_lower(first.text);
      section.name = words->size() > 1 ? (*words)[1].text : std::string();
      section.where = where;
      sections.push_back(std::move(section));
      open = true;
      continue;
    }
    if (!open) {
      continue; // a global option (or a stray line mbsync itself rejects)
    }
    Setting setting;
    setting.keyword = first.text;
    setting.where = where;
    for (std::size_t i = 1; i < words->size(); ++i) {
      setting.args.push_back((*words)[i].text);
      if (i > 1) {
        setting.value += ' ';
      }
      setting.value += (*words)[i].text;
    }
    auto& section = sections.back();
    if (is_deprecated_ssl(setting.keyword)) {
      section.deprecated.push_back(setting);
    }
    section.settings[util::to_lower(setting.keyword)] = std::move(setting);
  }

  Parsed parsed;
  for (const auto& section : sections) {
    const bool account_section = section.kind == "imapaccount";
    // A store with its own Host is an account of its own; one that names an
    // Account is that account's.
    const bool inline_store = section.kind == "imapstore" && find(section, "account") == nullptr
                              && (find(section, "host") != nullptr || find(section, "pass") != nullptr);
    if (!account_section && !inline_store) {
      continue;
    }
    Account account;
    account.name = section.name;
    account.where = section.where;
    if (auto error = read_endpoint(section, version, account)) {
      return *error;
    }
    password_finding(section, account.findings);
    parsed.accounts.push_back(std::move(account));
  }
  return parsed;
}

int sniff(std::string_view content)
{
  int score = 0;
  const auto lines = split_lines(content.substr(0, std::min<std::size_t>(content.size(), 64 * 1024)));
  if (!lines) {
    return 0;
  }
  for (const auto& line : *lines) {
    const auto words = words_of(line);
    if (!words || words->empty()) {
      continue;
    }
    const auto& key = words->front().text;
    if (iequals(key, "IMAPAccount") || iequals(key, "IMAPStore") || iequals(key, "MaildirStore")) {
      score += 40;
    } else if (iequals(key, "Channel") || iequals(key, "SSLType") || iequals(key, "TLSType")
               || iequals(key, "PassCmd") || iequals(key, "Far") || iequals(key, "Near")
               || iequals(key, "Master") || iequals(key, "Slave")) {
      score += 10;
    }
    if (score >= 200) {
      break;
    }
  }
  return std::min(score, 200);
}

// ---------------------------------------------------------------- writing

constexpr core::Text k_about{
  "mbsync (isync) syncs an IMAP mailbox into a local Maildir: run \"mbsync {account}\".",
  "mbsync (isync) は IMAP のメールボックスをローカルの Maildir に同期します。\"mbsync {account}\" で実行します。"};
constexpr core::Text k_no_user{"No login name was given: put yours after User and remove the '#'.",
                               "ログイン名が指定されていません。User の後に書き、行頭の '#' を外してください。"};
constexpr core::Text k_pass_cmd{
  "mbsync runs this command and reads the password from its output. Store the password first with\n"
  "  secret-tool store --label=mbsync host {host} user {user}\n"
  "or replace the command with your own (pass, gpg --decrypt, ...). Never write \"Pass\" here.",
  "mbsync はこのコマンドを実行し、その出力をパスワードとして使います。先にパスワードを次で保存してください:\n"
  "  secret-tool store --label=mbsync host {host} user {user}\n"
  "または自分のコマンド (pass、gpg --decrypt など) に置き換えてください。ここに \"Pass\" は書かないでください。"};
constexpr core::Text k_tls{"{keyword} {value}: port {port} with {mode}; the certificate is always verified.",
                           "{keyword} {value}: ポート {port} で {mode} を使います。証明書は常に検証されます。"};
constexpr core::Text k_versions{"TLS 1.0 and 1.1 are forbidden for mail (RFC 8996); isync {version} allows them unless told.",
                                "TLS 1.0 と 1.1 はメールでは禁止されています (RFC 8996)。isync {version} は指定しないと許してしまいます。"};
constexpr core::Text k_local{
  "The local copy: one Maildir folder per IMAP folder under ~/Mail/{account}/.\n"
  "mbsync does not create that folder itself: run \"mkdir -p ~/Mail/{account}\" once.",
  "ローカルの複製です。IMAP のフォルダーごとに ~/Mail/{account}/ の下へ Maildir を作ります。\n"
  "このフォルダー自体は mbsync が作らないので、最初に一度 \"mkdir -p ~/Mail/{account}\" を実行してください。"};
constexpr core::Text k_channel{
  "Sync every folder both ways, create missing local folders, never delete on the server (Expunge None).",
  "すべてのフォルダーを双方向に同期し、足りないローカルのフォルダーを作り、サーバー上では削除しません (Expunge None)。"};

constexpr core::Text k_mode_implicit{"implicit TLS", "暗黙的 TLS"};
constexpr core::Text k_mode_starttls{"STARTTLS", "STARTTLS"};
constexpr core::Text k_mode_none{"no encryption", "暗号化なし"};

// A value as one mbsync argument: quoted when it has a blank, a quote or a
// backslash, or starts with '#'.
std::string arg(std::string_view value)
{
  const bool plain = !value.empty() && !value.starts_with('#')
                     && value.find_first_of(" \t\"\\") == std::string_view::npos;
  if (plain) {
    return std::string(value);
  }
  std::string out = "\"";
  for (const char c : value) {
    if (c == '"' || c == '\\') {
      out += '\\';
    }
    out += c;
  }
  return out + '"';
}

// Names of sections and Maildir folders: one safe word.
std::string section_name(std::string_view account)
{
  std::string out;
  for (const char c : account) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-'
                    || c == '_' || c == '.';
    out += ok ? c : '-';
  }
  if (out.empty() || out.starts_with('.')) {
    out.insert(0, "mail");
  }
  return out;
}

std::string_view tls_word(core::TlsMode mode)
{
  switch (mode) {
  case core::TlsMode::implicit:
    return "IMAPS";
  case core::TlsMode::none:
    return "None";
  case core::TlsMode::starttls:
  case core::TlsMode::opportunistic:
    break;
  }
  return "STARTTLS"; // mbsync has no opportunistic mode: STARTTLS is required
}

std::string_view mode_text(const WritePlan& plan, core::TlsMode mode)
{
  switch (mode) {
  case core::TlsMode::implicit:
    return k_mode_implicit.in(plan.lang);
  case core::TlsMode::none:
    return k_mode_none.in(plan.lang);
  case core::TlsMode::starttls:
  case core::TlsMode::opportunistic:
    break;
  }
  return k_mode_starttls.in(plan.lang);
}

WriteResult write(const WritePlan& plan)
{
  const WriteServer* server = nullptr;
  for (const auto& candidate : plan.incoming) {
    if (candidate.proto == core::Proto::imap) {
      server = &candidate;
      break;
    }
  }
  if (server == nullptr) {
    return WriteError{WriteError::Kind::needs_imap};
  }
  const auto& version = plan.version.version;
  const bool new_names = !version.parts.empty() && version >= version_1_5();
  const auto name = section_name(plan.account);
  const auto fill = [&](const core::Text& text) {
    return fmt::format(fmt::runtime(text.in(plan.lang)), fmt::arg("account", name), fmt::arg("host", server->host),
                       fmt::arg("user", plan.user.empty() ? std::string("LOGIN") : plan.user),
                       fmt::arg("version", version.text), fmt::arg("port", server->port),
                       fmt::arg("keyword", new_names ? "TLSType" : "SSLType"),
                       fmt::arg("value", tls_word(server->tls)), fmt::arg("mode", mode_text(plan, server->tls)));
  };

  std::string out = header_comment(plan, "#", mbsync);
  out += comment("#", fill(k_about));
  out += '\n';
  out += "IMAPAccount " + name + '\n';
  for (const auto& warning : server->warnings) {
    out += comment("#", warning);
  }
  out += "Host " + arg(server->host) + '\n';
  out += fmt::format("Port {}\n", server->port);
  if (plan.user.empty()) {
    out += comment("#", fill(k_no_user));
    out += "# User LOGIN\n";
  } else {
    out += "User " + arg(plan.user) + '\n';
  }
  out += comment("#", fill(k_pass_cmd));
  const auto user_word = shell_word(plan.user.empty() ? std::string_view("LOGIN") : std::string_view(plan.user));
  out += "PassCmd " + arg("secret-tool lookup host " + shell_word(server->host) + " user " + user_word) + '\n';
  out += comment("#", fill(k_tls));
  out += fmt::format("{} {}\n", new_names ? "TLSType" : "SSLType", tls_word(server->tls));
  if (!new_names && server->tls != core::TlsMode::none) {
    // 1.5 allows only 1.2 and later by default; before, say so. TLSv1.3 is a
    // keyword from 1.4 on (older ones never disable it).
    out += comment("#", fill(k_versions));
    const bool has_13 = version.parts.empty() || version >= version_1_4();
    out += has_13 ? "SSLVersions TLSv1.2 TLSv1.3\n" : "SSLVersions TLSv1.2\n";
  }
  out += '\n';
  out += "IMAPStore " + name + "-remote\n";
  out += "Account " + name + '\n';
  out += '\n';
  out += comment("#", fill(k_local));
  out += "MaildirStore " + name + "-local\n";
  out += "Path ~/Mail/" + name + "/\n";
  out += "Inbox ~/Mail/" + name + "/INBOX\n";
  out += "SubFolders Verbatim\n";
  out += '\n';
  out += comment("#", fill(k_channel));
  out += "Channel " + name + '\n';
  // isync 1.4 renamed Master/Slave to Far/Near.
  const bool far_near = version.parts.empty() || version >= version_1_4();
  out += std::string(far_near ? "Far" : "Master") + " :" + name + "-remote:\n";
  out += std::string(far_near ? "Near" : "Slave") + " :" + name + "-local:\n";
  out += "Patterns *\n";
  out += std::string(far_near ? "Create Near" : "Create Slave") + '\n';
  out += "Expunge None\n";
  out += "SyncState *\n";
  return out;
}

constexpr std::array<std::string_view, 4> k_file_names = {".mbsyncrc", "mbsyncrc", "isyncrc", "*.mbsyncrc"};
constexpr std::array<std::string_view, 2> k_version_command = {"mbsync", "--version"};

} // namespace

const Format mbsync{
  "mbsync",
  "mbsync",
  {"isync's mbsync (~/.mbsyncrc): syncs IMAP into a local Maildir", "isync の mbsync (~/.mbsyncrc): IMAP をローカルの Maildir に同期"},
  k_file_names,
  sniff,
  read,
  write,
  "1.5.1",
  k_version_command,
  k_codes,
};

} // namespace mailports::clientconf::formats
