// DNS SRV records for a domain's admin to publish (RFC 6186, RFC 8314 §5.1):
// zone-file lines, one per server, and a "." target for every service the
// domain does not offer, so a client does not try it. Write-only.
#include "formats.hpp"

#include "../lines.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>

namespace mailports::clientconf::formats {

namespace {

struct Service {
  std::string_view name; // "_submissions._tcp"
  core::Proto proto;
  core::TlsMode tls;
};

// RFC 8314 §5.1 lists the implicit-TLS names first: clients try them first.
constexpr std::array k_services = {
  Service{"_submissions._tcp", core::Proto::smtp, core::TlsMode::implicit},
  Service{"_submission._tcp", core::Proto::smtp, core::TlsMode::starttls},
  Service{"_imaps._tcp", core::Proto::imap, core::TlsMode::implicit},
  Service{"_imap._tcp", core::Proto::imap, core::TlsMode::starttls},
  Service{"_pop3s._tcp", core::Proto::pop3, core::TlsMode::implicit},
  Service{"_pop3._tcp", core::Proto::pop3, core::TlsMode::starttls},
};

constexpr core::Text k_about{
  "SRV records for {domain} (RFC 6186, RFC 8314 section 5.1). Priority: lower is tried first.\n"
  "A target of \".\" says the service is not offered, so clients do not try it.",
  "{domain} の SRV レコード (RFC 6186、RFC 8314 5.1 節)。priority の小さいものから試されます。\n"
  "ターゲットが \".\" のものは「このサービスは提供していない」という意味で、クライアントは試しません。"};

constexpr core::Text k_proto_not_given{
  "No {proto} server in these settings: no {proto} records written (neither offered nor refused).",
  "この設定に {proto} サーバーはないので、{proto} のレコードは書いていません（提供するともしないとも示しません）。"};

bool has_proto(const WritePlan& plan, core::Proto proto)
{
  const auto& servers = proto == core::Proto::smtp ? plan.outgoing : plan.incoming;
  return std::any_of(servers.begin(), servers.end(), [proto](const WriteServer& s) { return s.proto == proto; });
}

WriteResult write(const WritePlan& plan)
{
  if (plan.domain.empty()) {
    return WriteError{WriteError::Kind::needs_domain};
  }
  std::string out = header_comment(plan, ";", srv);
  out += comment(";", fmt::format(fmt::runtime(k_about.in(plan.lang)), fmt::arg("domain", plan.domain)));
  for (const auto& service : k_services) {
    if (!has_proto(plan, service.proto)) {
      // Saying "." would tell clients the domain refuses a protocol that
      // these settings only leave out.
      if (service.tls == core::TlsMode::implicit) {
        const auto name = core::to_string(service.proto);
        out += comment(";", fmt::format(fmt::runtime(k_proto_not_given.in(plan.lang)), fmt::arg("proto", name)));
      }
      continue;
    }
    const auto& servers = service.proto == core::Proto::smtp ? plan.outgoing : plan.incoming;
    unsigned priority = 0;
    for (const auto& server : servers) {
      // A record names the port, not the client's mode: 587 with STARTTLS
      // "if available" is still _submission (RFC 6186 §3.1), and its warning
      // goes above it.
      const bool implicit = server.tls == core::TlsMode::implicit;
      if (server.proto != service.proto || implicit != (service.tls == core::TlsMode::implicit)) {
        continue;
      }
      for (const auto& warning : server.warnings) {
        out += comment(";", warning);
      }
      out += fmt::format("{}.{}. 3600 IN SRV {} 1 {} {}.\n", service.name, plan.domain, priority,
                         server.port, server.host);
      priority += 10;
    }
    if (priority == 0) {
      out += fmt::format("{}.{}. 3600 IN SRV 0 0 0 .\n", service.name, plan.domain);
    }
  }
  return out;
}

} // namespace

const Format srv{
  "srv",
  "",
  {"DNS SRV records (RFC 6186, RFC 8314) for a domain's admin to publish",
   "ドメイン管理者が公開する DNS SRV レコード (RFC 6186、RFC 8314)"},
  {},
  nullptr,
  nullptr,
  write,
  "",
  {},
  {},
};

} // namespace mailports::clientconf::formats
