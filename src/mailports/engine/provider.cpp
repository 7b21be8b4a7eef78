#include <mailports/engine/provider.hpp>

#include <algorithm>
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
    out.push_back(JudgedServer{&server, check(table, query)});
  }
  std::stable_sort(out.begin(), out.end(), [](const JudgedServer& a, const JudgedServer& b) {
    const auto key = [](const JudgedServer& s) {
      return std::make_tuple(tls_order(s.server->tls), s.server->proto != core::Proto::imap);
    };
    return key(a) < key(b);
  });
  return out;
}

} // namespace

ProviderAdvice advise(const rules::Table& table, const providers::Provider& provider)
{
  ProviderAdvice advice;
  advice.incoming = judge(table, provider.incoming, advice.other);
  advice.outgoing = judge(table, provider.outgoing, advice.other);
  for (const auto* list : {&advice.incoming, &advice.outgoing}) {
    if (!list->empty()) {
      advice.verdict = std::max(advice.verdict, list->front().check.verdict);
    }
  }
  return advice;
}

} // namespace mailports::engine
