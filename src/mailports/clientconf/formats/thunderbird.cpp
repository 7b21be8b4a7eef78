// Thunderbird's autoconfig file (clientConfig 1.1), which a domain's admin
// publishes at https://autoconfig.DOMAIN/mail/config-v1.1.xml. The reader is
// discover's (discover/autoconfig: the same rules Thunderbird applies, the
// same autoconfig-* codes), given the file as written; this unit turns its
// problems into findings with line:column and adds what only the order of
// servers in a file decides.
#include "formats.hpp"

#include "../lines.hpp"

#include <mailports/discover/autoconfig.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>

namespace mailports::clientconf::formats {

namespace {

constexpr std::string_view k_file_rejected = "thunderbird-file-rejected";
constexpr std::string_view k_starttls_first = "thunderbird-starttls-first";
constexpr std::string_view k_password_stored = "config-password-stored";

constexpr std::array<std::string_view, 14> k_codes = {
  "autoconfig-not-client-config", "autoconfig-no-email-provider", "autoconfig-server-type",
  "autoconfig-no-hostname",       "autoconfig-bad-hostname",      "autoconfig-bad-port",
  "autoconfig-socket-type",       "autoconfig-authentication",    "autoconfig-placeholder",
  "autoconfig-no-incoming",       "autoconfig-no-outgoing",       k_file_rejected,
  k_starttls_first,               k_password_stored};

constexpr std::array<std::string_view, 3> k_file_names = {"config-v1.1.xml", "*.autoconfig.xml", "autoconfig.xml"};

// ---------------------------------------------------------------- writing

constexpr core::Text k_about{
  "Publish this file as https://autoconfig.{domain}/mail/config-v1.1.xml (served as text/xml).\n"
  "Thunderbird uses the first server of each kind; the others are alternatives.",
  "このファイルを https://autoconfig.{domain}/mail/config-v1.1.xml に text/xml として公開してください。\n"
  "Thunderbird は種類ごとに最初のサーバーを使い、残りは候補として扱います。"};
constexpr core::Text k_user_placeholder{
  "%EMAILADDRESS% is replaced by the address the user types.",
  "%EMAILADDRESS% は利用者が入力したメールアドレスに置き換えられます。"};

std::string xml_escape(std::string_view text)
{
  std::string out;
  for (const char c : text) {
    switch (c) {
    case '&':
      out += "&amp;";
      break;
    case '<':
      out += "&lt;";
      break;
    case '>':
      out += "&gt;";
      break;
    case '"':
      out += "&quot;";
      break;
    default:
      out += c;
    }
  }
  return out;
}

// An XML comment may not hold "--" (nor end in '-').
std::string xml_comment(std::string_view indent, std::string_view text)
{
  std::string safe;
  for (const char c : text) {
    if (c == '-' && !safe.empty() && safe.back() == '-') {
      safe += ' ';
    }
    safe += c;
  }
  if (!safe.empty() && safe.back() == '-') {
    safe += ' ';
  }
  std::string out;
  std::string_view rest = safe;
  while (!rest.empty()) {
    const auto end = rest.find('\n');
    out += fmt::format("{}<!-- {} -->\n", indent, rest.substr(0, end));
    rest = end == std::string_view::npos ? std::string_view{} : rest.substr(end + 1);
  }
  return out;
}

std::string_view socket_type(core::TlsMode tls)
{
  switch (tls) {
  case core::TlsMode::implicit:
    return "SSL";
  case core::TlsMode::none:
    return "plain";
  case core::TlsMode::starttls:
  case core::TlsMode::opportunistic:
    break;
  }
  return "STARTTLS"; // Thunderbird's STARTTLS is always required, never opportunistic
}

std::string_view server_type(core::Proto proto)
{
  switch (proto) {
  case core::Proto::imap:
    return "imap";
  case core::Proto::pop3:
    return "pop3";
  case core::Proto::smtp:
    break;
  }
  return "smtp";
}

void write_server(std::string& out, const WritePlan& plan, const WriteServer& server, bool outgoing)
{
  for (const auto& warning : server.warnings) {
    out += xml_comment("    ", warning);
  }
  const auto tag = outgoing ? "outgoingServer" : "incomingServer";
  out += fmt::format("    <{} type=\"{}\">\n", tag, server_type(server.proto));
  out += fmt::format("      <hostname>{}</hostname>\n", xml_escape(server.host));
  out += fmt::format("      <port>{}</port>\n", server.port);
  out += fmt::format("      <socketType>{}</socketType>\n", socket_type(server.tls));
  out += fmt::format("      <username>{}</username>\n",
                     plan.user.empty() ? std::string("%EMAILADDRESS%") : xml_escape(plan.user));
  out += "      <authentication>password-cleartext</authentication>\n";
  out += fmt::format("    </{}>\n", tag);
}

WriteResult write(const WritePlan& plan)
{
  if (plan.domain.empty()) {
    return WriteError{WriteError::Kind::needs_domain};
  }
  // Thunderbird rejects a file without an incoming or an outgoing server.
  if (plan.incoming.empty()) {
    return WriteError{WriteError::Kind::needs_incoming};
  }
  if (plan.outgoing.empty()) {
    return WriteError{WriteError::Kind::needs_outgoing};
  }
  std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  std::string head = header_comment(plan, "", thunderbird);
  head += fmt::format(fmt::runtime(k_about.in(plan.lang)), fmt::arg("domain", plan.domain));
  head += '\n';
  if (plan.user.empty()) {
    head += k_user_placeholder.in(plan.lang);
    head += '\n';
  }
  // header_comment writes "" + ' ' + text per line: trim that space.
  std::string_view rest = head;
  while (!rest.empty()) {
    const auto end = rest.find('\n');
    auto line = rest.substr(0, end);
    if (line.starts_with(' ')) {
      line.remove_prefix(1);
    }
    out += xml_comment("", line);
    rest = end == std::string_view::npos ? std::string_view{} : rest.substr(end + 1);
  }
  const auto name = plan.provider.empty() ? plan.domain : plan.provider;
  out += "<clientConfig version=\"1.1\">\n";
  out += fmt::format("  <emailProvider id=\"{}\">\n", xml_escape(plan.domain));
  out += fmt::format("    <domain>{}</domain>\n", xml_escape(plan.domain));
  out += fmt::format("    <displayName>{}</displayName>\n", xml_escape(name));
  out += fmt::format("    <displayShortName>{}</displayShortName>\n", xml_escape(name));
  for (const auto& server : plan.incoming) {
    write_server(out, plan, server, false);
  }
  for (const auto& server : plan.outgoing) {
    write_server(out, plan, server, true);
  }
  out += "  </emailProvider>\n</clientConfig>\n";
  return out;
}

// ---------------------------------------------------------------- reading

// A byte offset in `text` as a 1-based line and column (bytes); the file's
// start for an unknown offset.
Location location(std::string_view text, std::ptrdiff_t offset)
{
  if (offset < 0) {
    return {1, 1};
  }
  const auto end = std::min(static_cast<std::size_t>(offset), text.size());
  Location at{1, 1};
  for (std::size_t i = 0; i < end; ++i) {
    if (text[i] == '\n') {
      ++at.line;
      at.column = 1;
    } else {
      ++at.column;
    }
  }
  return at;
}

std::string_view element_of(std::string_view code)
{
  if (code == "socket-type") {
    return "socketType";
  }
  if (code == "bad-port") {
    return "port";
  }
  if (code == "bad-hostname" || code == "no-hostname") {
    return "hostname";
  }
  if (code == "authentication") {
    return "authentication";
  }
  if (code == "server-type") {
    return "type";
  }
  if (code == "no-incoming") {
    return "incomingServer";
  }
  if (code == "no-outgoing") {
    return "outgoingServer";
  }
  if (code == "no-email-provider" || code == "not-client-config") {
    return "clientConfig";
  }
  return "";
}

// The rules table's code of a reader problem, from this unit's list (so the
// string outlives the problem).
std::string_view code_of(std::string_view problem)
{
  for (const auto code : k_codes) {
    if (code.starts_with("autoconfig-") && code.substr(11) == problem) {
      return code;
    }
  }
  return "autoconfig-not-client-config";
}

Endpoint endpoint_of(std::string_view text, const discover::AutoconfigServer& server, bool outgoing)
{
  Endpoint e;
  e.proto = server.proto;
  e.host = server.hostname;
  e.port = static_cast<std::uint16_t>(server.port);
  e.tls = server.tls;
  e.user = server.username_template;
  e.setting = outgoing ? "outgoingServer/hostname" : "incomingServer/hostname";
  e.where = location(text, server.hostname_offset >= 0 ? server.hostname_offset : server.offset);
  if (server.password_offset >= 0) {
    e.findings.push_back(ClientFinding{k_password_stored, location(text, server.password_offset), "password",
                                       "<password>", ""});
  }
  return e;
}

std::string describe(const Endpoint& e)
{
  return fmt::format("{}:{}", e.host, e.port);
}

// Thunderbird takes the first server of each protocol; one that needs
// STARTTLS ahead of an implicit-TLS one the same file offers is the wrong
// default (RFC 8314 §5.1: prefer implicit TLS).
void check_order(Account& account)
{
  for (const auto proto : core::k_protos) {
    Endpoint* first = nullptr;
    const Endpoint* implicit = nullptr;
    for (auto& e : account.endpoints) {
      if (e.proto != proto) {
        continue;
      }
      if (first == nullptr) {
        first = &e;
      } else if (implicit == nullptr && e.tls == core::TlsMode::implicit) {
        implicit = &e;
      }
    }
    if (first != nullptr && implicit != nullptr && first->tls == core::TlsMode::starttls) {
      first->findings.push_back(
        ClientFinding{k_starttls_first, first->where, "socketType", describe(*first), describe(*implicit)});
    }
  }
}

ReadResult read(std::string_view content, const ReadOptions& /*options*/)
{
  // The shared checks (size, NUL bytes, UTF-8); a BOM is left to pugixml's
  // reading but counted out of offsets.
  if (auto lines = split_lines(content); !lines) {
    return lines.error();
  }
  const auto text = content.starts_with("\xEF\xBB\xBF") ? content.substr(3) : content;
  const auto read = discover::read_autoconfig_file(text);

  Parsed parsed;
  Account account;
  account.name = read.provider_id.empty() ? std::string("default") : read.provider_id;
  account.where = location(text, read.provider_offset);
  for (const auto& server : read.incoming) {
    account.endpoints.push_back(endpoint_of(text, server, false));
  }
  for (const auto& server : read.outgoing) {
    account.endpoints.push_back(endpoint_of(text, server, true));
  }
  check_order(account);

  std::string_view rejected_by;
  for (const auto& problem : read.problems) {
    if (problem.code == "not-xml") {
      return SyntaxError{SyntaxError::Kind::not_xml, location(text, problem.offset), problem.value};
    }
    if (problem.code == "too-large") {
      return SyntaxError{SyntaxError::Kind::too_large, {}, problem.value};
    }
    ClientFinding finding{code_of(problem.code), location(text, problem.offset), std::string(element_of(problem.code)),
                          problem.value.empty() ? problem.detail : problem.value, ""};
    if (problem.effect == discover::ProblemEffect::rejects_file) {
      if (rejected_by.empty()) {
        rejected_by = finding.code;
      }
      parsed.findings.push_back(std::move(finding));
    } else {
      account.findings.push_back(std::move(finding));
    }
  }
  if (!read.accepted) {
    parsed.findings.push_back(ClientFinding{k_file_rejected, {1, 1}, "clientConfig", std::string(rejected_by), ""});
  }
  if (!account.endpoints.empty() || !account.findings.empty()) {
    parsed.accounts.push_back(std::move(account));
  }
  return parsed;
}

int sniff(std::string_view content)
{
  const auto head = content.substr(0, 4096);
  int score = 0;
  if (head.find("<clientConfig") != std::string_view::npos) {
    score += 80;
  }
  if (head.find("<emailProvider") != std::string_view::npos) {
    score += 10;
  }
  if (head.starts_with("<?xml") || head.starts_with("\xEF\xBB\xBF<?xml")) {
    score += 5;
  }
  return score;
}

} // namespace

const Format thunderbird{
  "thunderbird",
  "",
  {"Thunderbird autoconfig XML (clientConfig 1.1) for a domain's admin to publish",
   "ドメイン管理者が公開する Thunderbird 自動設定 XML (clientConfig 1.1)"},
  k_file_names,
  sniff,
  read,
  write,
  "",
  {},
  k_codes,
};

} // namespace mailports::clientconf::formats
