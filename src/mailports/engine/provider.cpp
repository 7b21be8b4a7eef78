#include <mailports/engine/provider.hpp>

#include <algorithm>
#include <iterator>
#include <span>
#include <tuple>

namespace mailports::engine {

int tls_order(const std::optional<core::TlsMode>& tls) noexcept
{
  if (!tls) {
    return 4;
  }
  switch (*tls) {
  case core::TlsMode::implicit:
    return 0;
  case core::TlsMode::starttls:
    return 1;
  case core::TlsMode::opportunistic:
    return 2;
  case core::TlsMode::none:
    return 3;
  }
  return 4;
}

namespace {

std::vector<JudgedServer> judge(const rules::Table& table,
                                std::span<const providers::Server> servers,
                                std::vector<const providers::Server*>& other)
{
  std::vector<JudgedServer> out;
  for (const auto& server : servers) {
    if (!server.proto || !server.port || !server.tls) {
      other.push_back(&server);
      continue;
    }
    // ISPDB's socketType is the client's setting, and a client that asks for
    // STARTTLS requires it: Thunderbird does.
    const Query query{*server.proto, *server.port, *server.tls, core::Role::client, true};
    auto result = check(table, query);
    const bool challenge = std::find(server.auth.begin(), server.auth.end(), "password-encrypted")
                           != server.auth.end();
    const auto* def = table.finding(rules::codes::auth_password_encrypted);
    if (*server.tls == core::TlsMode::none && challenge && def != nullptr) {
      // The same error, said right: the password itself is not sent.
      for (auto& finding : result.findings) {
        if (finding.def->code == rules::codes::cleartext_credentials) {
          finding = Finding{def, {}, {}, {}, {}};
        }
      }
    }
    // Reading notes are about what a user typed ("did you mean 465?"); these
    // settings are published as they are (SES's 2465, SendGrid's 2525).
    std::erase_if(result.findings, [](const Finding& f) {
      return std::find(std::begin(rules::codes::reading_codes), std::end(rules::codes::reading_codes),
                       f.def->code)
             != std::end(rules::codes::reading_codes);
    });
    out.push_back(JudgedServer{&server, std::move(result)});
  }
  std::stable_sort(out.begin(), out.end(), [](const JudgedServer& a, const JudgedServer& b) {
    const auto key = [](const JudgedServer& s) {
      // A server the rules judge better comes first whatever its mode: a
      // service's implicit TLS on 2465 (a warning) never above its 587.
      return std::make_tuple(s.server->unverified, s.check.verdict, tls_order(s.server->tls),
                             s.server->proto != core::Proto::imap);
    };
    return key(a) < key(b);
  });
  return out;
}

std::optional<WayForward> way_forward(const rules::Table& table, const std::vector<JudgedServer>& list)
{
  const auto* def = table.finding(rules::codes::provider_no_secure_server);
  const bool all_errors = std::all_of(list.begin(), list.end(), [](const JudgedServer& s) {
    return s.check.verdict == core::Verdict::error;
  });
  if (def == nullptr || list.empty() || !all_errors) {
    return std::nullopt;
  }
  WayForward way{def, list.front().server, {}};
  for (const auto& judged : list) {
    for (const auto& s : judged.check.suggestions) {
      const bool seen = std::any_of(way.suggestions.begin(), way.suggestions.end(), [&](const Suggestion& x) {
        return x.port == s.port && x.tls == s.tls;
      });
      if (!seen && judged.server->proto == list.front().server->proto) {
        way.suggestions.push_back(s);
      }
    }
  }
  return way;
}

} // namespace

ProviderAdvice advise(const rules::Table& table, const providers::Provider& provider)
{
  ProviderAdvice advice;
  advice.incoming = judge(table, provider.incoming, advice.other);
  advice.outgoing = judge(table, provider.outgoing, advice.other);
  advice.incoming_way = way_forward(table, advice.incoming);
  advice.outgoing_way = way_forward(table, advice.outgoing);
  for (const auto* list : {&advice.incoming, &advice.outgoing}) {
    if (!list->empty()) {
      advice.verdict = std::max(advice.verdict, list->front().check.verdict);
    }
  }
  return advice;
}

} // namespace mailports::engine
