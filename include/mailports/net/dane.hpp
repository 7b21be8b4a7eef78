// DANE's certificate check (RFC 6698 §2.1, RFC 7672 §3.1): whether a
// certificate the server presented matches a TLSA record. Only the match:
// whether the TLSA records can be trusted at all (the AD bit of a
// validating resolver) is the caller's to say, and without that DANE is
// not judged (RFC 7672 §2.2).
#pragma once

#include <mailports/core/result.hpp>
#include <mailports/net/dns.hpp>

#include <cstdint>
#include <span>

namespace mailports::net {

// Selector 0: the whole certificate (DER); 1: its SubjectPublicKeyInfo.
// Matching type 0: equal bytes; 1: SHA-256; 2: SHA-512. The usage (3
// DANE-EE: the leaf; 2 DANE-TA: a certificate of the chain) decides which
// certificate the caller passes. An error when libssl is missing or the
// bytes are not a certificate. Loads libssl.
core::Result<bool> tlsa_matches(const TlsaRecord& record, std::span<const std::uint8_t> certificate_der);

} // namespace mailports::net
