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

// A way forward when every server a provider publishes in one direction is
// an error: the engine's own alternatives for the best of them, to check
// with `mailports probe HOST` before use (the provider does not publish
// them, and mailports never invents a port for it).
struct WayForward {
  const rules::FindingDef* def = nullptr; // provider-no-secure-server
  const providers::Server* server = nullptr; // the best published one
  std::vector<Suggestion> suggestions;    // from check, best first
};

struct ProviderAdvice {
  std::vector<JudgedServer> incoming;  // IMAP and POP3, best first
  std::vector<JudgedServer> outgoing;  // SMTP, best first
  std::optional<WayForward> incoming_way; // set when every incoming server is an error
  std::optional<WayForward> outgoing_way;
  std::vector<const providers::Server*> other; // types mailports does not judge (ews, ...)
  core::Verdict verdict = core::Verdict::ok;  // worst of the first incoming and outgoing
};

// The ordering key of a server's mode: implicit TLS 0, STARTTLS 1,
// opportunistic 2, none 3, unknown 4 (discover orders by it too).
int tls_order(const std::optional<core::TlsMode>& tls) noexcept;

// Best first: servers ISPDB publishes before an added one nobody could cite
// (`unverified`); then implicit TLS, then STARTTLS, then anything else; among
// equals IMAP before POP3 (mail stays on the server, so devices stay in
// sync); then the provider's own order.
// On a cleartext server that lists password-encrypted authentication,
// `cleartext-credentials` becomes `auth-password-encrypted` (the same error,
// saying what the challenge does and does not protect), when the table
// defines it.
ProviderAdvice advise(const rules::Table& table, const providers::Provider& provider);

} // namespace mailports::engine
