// The TLS client side of a connection: one context per run, with the trust
// store the user chose. Verification always runs and is reported; it never
// stops the handshake, so a bad certificate is described, not hidden.
#pragma once

#include <mailports/core/result.hpp>
#include <mailports/net/tls_session.hpp>

#include <memory>
#include <optional>
#include <string>

namespace mailports::net {

struct TlsSetupError {
  enum class Kind { no_library, bad_ca_file } kind = Kind::no_library;
  std::string detail;
};

class TlsContext {
public:
  // The system trust store, or only the CAs in `ca_file` (PEM). Loads
  // libssl on first use.
  static core::Result<TlsContext, TlsSetupError> create(const std::optional<std::string>& ca_file);

  [[nodiscard]] void* native() const noexcept { return m_ctx.get(); } // SSL_CTX*

private:
  explicit TlsContext(std::shared_ptr<void> ctx) : m_ctx(std::move(ctx)) {}

  std::shared_ptr<void> m_ctx;
};

} // namespace mailports::net
