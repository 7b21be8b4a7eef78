// A provider's published servers, ordered best first and judged by the same
// rules as `check`.
#pragma once

#include <mailports/engine/check.hpp>
#include <mailports/providers/catalog.hpp>

#include <vector>

namespace mailports::engine {

struct JudgedServer {
  const providers::Server* server = nullptr;
  CheckResult check;
};

struct ProviderAdvice {
  std::vector<JudgedServer> incoming;  // IMAP and POP3, best first
  std::vector<JudgedServer> outgoing;  // SMTP, best first
  std::vector<const providers::Server*> other; // types mailports does not judge (ews, ...)
  core::Verdict verdict = core::Verdict::ok;  // worst of the first incoming and outgoing
};

// The ordering key of a server's mode: implicit TLS 0, STARTTLS 1,
// opportunistic 2, none 3, unknown 4 (discover orders by it too).
int tls_order(const std::optional<core::TlsMode>& tls) noexcept;

// Best first: implicit TLS, then STARTTLS, then anything else; among equals
// IMAP before POP3 (mail stays on the server, so devices stay in sync); then
// the provider's own order.
ProviderAdvice advise(const rules::Table& table, const providers::Provider& provider);

} // namespace mailports::engine
