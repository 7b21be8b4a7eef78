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
#include <vector>

namespace mailports::net {

// Selector 0: the whole certificate (DER); 1: its SubjectPublicKeyInfo.
// Matching type 0: equal bytes; 1: SHA-256; 2: SHA-512. The usage (3
// DANE-EE: the leaf; 2 DANE-TA: a certificate of the chain) decides which
// certificate the caller passes. An error when libssl is missing or the
// bytes are not a certificate. Loads libssl.
core::Result<bool> tlsa_matches(const TlsaRecord& record, std::span<const std::uint8_t> certificate_der);

// DANE-TA (usage 2; RFC 7671 §5.2.2, RFC 7672 §3.1.2): the record names a
// trust anchor, either a certificate the server sent after its own, or,
// for "2 1 0", a public key that signed the topmost certificate it sent.
// It matches only when each certificate below the anchor names the one
// above it as issuer and is signed by it. The anchor's depth (1: the
// leaf's issuer), or nullopt; an error as for tlsa_matches. The leaf's name
// and dates are the caller's to check. Loads libssl.
core::Result<std::optional<std::size_t>> tlsa_anchor_depth(const TlsaRecord& record,
                                                            std::span<const std::uint8_t> leaf_der,
                                                            std::span<const std::vector<std::uint8_t>> chain_der);

} // namespace mailports::net
