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

// What one handshake may offer, narrower than its context: the probe's
// extra handshakes that ask whether a server still accepts TLS 1.0 or a
// cipher without forward secrecy. Applied to that connection only.
struct TlsLimits {
  int max_version = 0;   // 0: the context's; else e.g. 0x0302 (TLS 1.1)
  int min_version = 0;   // 0: the context's (TLS 1.0)
  std::string ciphers;   // empty: the context's; an OpenSSL list for TLS 1.2 and older
};

// Protocol versions below TLS 1.0 that this OpenSSL can still offer (Debian
// builds without SSLv3: then none).
bool ssl3_available() noexcept;

// This OpenSSL's ciphers weaker than `bits` (3DES, NULL, ...) as a cipher
// list, empty when it has none; loads libssl.
std::string ciphers_weaker_than(const class TlsContext& context, int bits);

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
