// DANE's certificate check (RFC 6698 §2.1, RFC 7672 §3.1): whether a
// certificate the server presented matches a TLSA record. Only the match:
// whether the TLSA records can be trusted at all (the AD bit of a
// validating resolver) is the caller's to say, and without that DANE is
// not judged (RFC 7672 §2.2).
#pragma once

#include <mailports/core/result.hpp>
#include <mailports/net/dns.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace mailports::net {

// Selector 0: the whole certificate (DER); 1: its SubjectPublicKeyInfo.
// Matching type 0: equal bytes; 1: SHA-256; 2: SHA-512. The usage (3
// DANE-EE: the leaf; 2 DANE-TA: a certificate of the chain) decides which
// certificate the caller passes. An error when libssl is missing or the
// bytes are not a certificate. Loads libssl.
core::Result<bool> tlsa_matches(const TlsaRecord& record, std::span<const std::uint8_t> certificate_der);

// Why a DANE-TA record could not be compared: the record itself (ignored,
// RFC 7672 §2.2), or the certificates sent (or libssl) let it down.
struct DaneError {
  enum class Kind : std::uint8_t { record_unusable, not_compared };
  Kind kind = Kind::not_compared;
  std::string message;
};

// DANE-TA (usage 2; RFC 7671 §5.2.2, RFC 7672 §3.1.2): whether the chain
// the server sent leads to the anchor the record names (a certificate it
// sent, or for "2 1 0" a key that signed one), checked by libssl's DANE as
// Postfix checks it: any order, CA flags and path length, every
// certificate's dates, the leaf naming `host`. The anchor's depth (1: the
// leaf's issuer), or nullopt; an error when the record or the certificates
// cannot be used, or libssl is missing. Loads libssl.
core::Result<std::optional<std::size_t>, DaneError> tlsa_anchor_depth(const TlsaRecord& record,
                                                            std::span<const std::uint8_t> leaf_der,
                                                            std::span<const std::vector<std::uint8_t>> chain_der,
                                                            const std::string& host);

} // namespace mailports::net
