// What stream.cpp needs from tls.cpp: the verification log a handshake
// fills in, and the description of a finished session.
#pragma once

#include "openssl_api.hpp"

#include <mailports/net/tls_session.hpp>

#include <vector>

namespace mailports::net::detail {

// Every certificate error OpenSSL met while verifying, in order. Attached to
// the SSL object as ex_data slot 0 for the verify callback.
struct VerifyLog {
  std::vector<int> errors;
};

TlsSession describe_session(const ossl::Api& api, SSL* ssl, const std::string& host,
                            const VerifyLog& log);

} // namespace mailports::net::detail
