// What a TLS handshake found: the session and the server's certificate,
// described whether or not it verified (net/tls.hpp makes them).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace mailports::net {

struct Certificate {
  std::string subject; // RFC 2253
  std::string issuer;
  std::vector<std::string> sans; // DNS names and IP addresses
  std::string not_before;        // ISO 8601, UTC
  std::string not_after;
  long long days_left = 0;       // whole days, rounded down: negative once expired
  long long days_expired = 0;    // once expired, whole days since (0: less than a day)
  bool not_yet_valid = false;    // not_before is still to come
  bool hostname_match = false;
  bool chain_trusted = false;    // expiry is judged apart from the chain
  std::optional<std::string> verify_error;      // the first error of any kind
  std::optional<std::string> chain_error; // the first that makes the chain untrusted
  // chain_error's kind, for a user's language: OpenSSL's words are English.
  enum class ChainProblem : std::uint8_t { other, self_signed, self_signed_in_chain, unknown_issuer };
  ChainProblem chain_problem = ChainProblem::other;
};

// More than any real chain (leaf, intermediates, perhaps the root): the rest
// is not kept.
inline constexpr std::size_t k_max_chain = 8;

struct TlsSession {
  std::string version; // "TLSv1.3"
  int version_number = 0; // 0x0304 for TLS 1.3, as OpenSSL numbers them
  std::string cipher;
  std::optional<Certificate> certificate;
  int cipher_bits = 0;         // the symmetric cipher's strength; 0 for a NULL cipher
  bool forward_secret = true;  // false for RSA key exchange (TLS 1.2 and older)
  std::vector<std::uint8_t> certificate_der{}; // the leaf as sent, for DANE (net/dane.hpp)
  // The certificates sent after the leaf, in the server's order (at most
  // k_max_chain), for DANE-TA (net/dane.hpp).
  std::vector<std::vector<std::uint8_t>> chain_der{};
};

} // namespace mailports::net
