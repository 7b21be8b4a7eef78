// DNS queries for discovery: SRV (RFC 6186), MX and whether a name has an
// address, from the system's resolver or one given server (--dns-server,
// and the tests' dnsmasq). glibc's resolver does the sending (res_nsend), in
// libc itself since glibc 2.34 (dns.cpp says what that costs); the answer
// is read by parse_dns_answer, a pure function of the bytes, so it can be
// fuzzed.
#pragma once

#include <mailports/core/result.hpp>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace mailports::net {

// One server to ask instead of /etc/resolv.conf's: an IPv4 or IPv6
// address (text) and a port. glibc's res_nsend takes an IPv6 server through
// its state's _u._ext.nsaddrs (as res_ninit does for resolv.conf's).
struct DnsServer {
  std::string address; // "127.0.0.1", "::1"; a host name until resolved
  std::uint16_t port = 53;
  bool is_name = false; // `address` is a host name: resolve it (once) first
};

// "HOST[:PORT]" as typed after --dns-server: an IPv4 literal, "[IPv6]"
// (or a bare IPv6 literal, without a port) or a host name (letters,
// digits, '-' and '.'), port 1-65535 (53 when left out). A name is only
// checked here; the caller resolves it once, within its deadline (the
// system's resolver, as for any other host).
core::Result<DnsServer> parse_dns_server(std::string_view text);

// 127.0.0.0/8 or ::1 (an IP literal; anything else is false). Only such a
// server's AD bit is trusted: over plain DNS from elsewhere it could be
// forged on the path (RFC 6698 §4.1, RFC 4035 §4.9.3).
bool is_loopback_address(std::string_view address) noexcept;

// A query's resolver options (glibc's res_state options, from res_ninit)
// with RES_TRUSTAD set or cleared: glibc keeps an answer's AD bit only with
// it. From a --dns-server it is set only when the server is on this host
// (is_loopback_address), whatever resolv.conf says; for the system's
// resolvers resolv.conf decides ("options trust-ad"), as for every program.
unsigned long with_trust_ad(unsigned long options, const std::optional<DnsServer>& server) noexcept;

struct DnsOptions {
  std::optional<DnsServer> server;                            // none: resolv.conf
  std::chrono::milliseconds timeout{std::chrono::seconds(5)}; // whole query
};

enum class DnsStatus {
  found,          // NOERROR with records of the type asked
  no_data,        // the name exists, without records of that type
  nx_domain,      // the name does not exist
  refused,        // the server refused (REFUSED, NOTIMP)
  server_failure, // SERVFAIL
  timeout,        // no answer within DnsOptions::timeout
  error,          // anything else: unreadable answer, no resolver, ...
};

// "found", "no-data", "nx-domain", "refused", "server-failure", "timeout", "error".
std::string_view to_string(DnsStatus status) noexcept;

template <typename T>
struct DnsResult {
  DnsStatus status = DnsStatus::error;
  T records{};         // empty unless status is found
  std::string message; // why, when status is not found
};

struct SrvRecord {
  std::uint16_t priority = 0;
  std::uint16_t weight = 0;
  std::uint16_t port = 0;
  std::string target;          // without the final dot; empty when not offered
  bool not_offered = false;    // the target was "." (RFC 2782: the service is
                               // decidedly not available at this domain)
  friend bool operator==(const SrvRecord&, const SrvRecord&) = default;
};

struct MxRecord {
  std::uint16_t preference = 0;
  std::string host; // without the final dot; empty for a null MX (RFC 7505)
  friend bool operator==(const MxRecord&, const MxRecord&) = default;
};

// A TLSA record (RFC 6698 §2.1): _25._tcp.MX for DANE (RFC 7672).
struct TlsaRecord {
  std::uint8_t usage = 0;         // 2 DANE-TA, 3 DANE-EE (the two RFC 7672 §3.1 allows)
  std::uint8_t selector = 0;      // 0 whole certificate, 1 SubjectPublicKeyInfo
  std::uint8_t matching_type = 0; // 0 exact, 1 SHA-256, 2 SHA-512
  std::vector<std::uint8_t> data;
  // Why the record cannot be used (parameters out of range, data not its
  // digest's length), empty when it can: such a record is ignored, not the
  // whole answer (RFC 7672 §2.2).
  std::string unusable{};
  friend bool operator==(const TlsaRecord&, const TlsaRecord&) = default;
};

// Records and whether the resolver vouched for them (the AD bit, RFC 4035
// §3.2.3): only meaningful from a validating resolver the user trusts.
template <typename T>
struct Authenticated {
  std::vector<T> records;
  bool authentic_data = false;
};

// TXT records of `name`, each one record's strings joined (RFC 7208 §3.3
// style), in answer order: _mta-sts.D (RFC 8461), _smtp._tls.D (RFC 8460).
DnsResult<Authenticated<std::string>> query_txt(std::string_view name, const DnsOptions& options);

// TLSA records of `name` ("_25._tcp.mx.example.com"), with the AD bit. The
// query sets AD (RFC 6840 §5.7); glibc keeps the answer's AD bit only with
// RES_TRUSTAD, as with_trust_ad decides: for a --dns-server only on this
// host, else from resolv.conf's "options trust-ad".
DnsResult<Authenticated<TlsaRecord>> query_tlsa(std::string_view name, const DnsOptions& options);

// SRV records of `name` (e.g. "_submissions._tcp.example.com"), ordered
// with order_srv. Each call's total time is bounded by options.timeout.
DnsResult<std::vector<SrvRecord>> query_srv(std::string_view name, const DnsOptions& options);

// MX records of `name`, ordered with order_mx.
DnsResult<std::vector<MxRecord>> query_mx(std::string_view name, const DnsOptions& options);

// The IPv4 (A) and IPv6 (AAAA) addresses of `name` as text, A first; found
// when either type has one. One query per type, each within the timeout.
DnsResult<std::vector<std::string>> query_addresses(std::string_view name, const DnsOptions& options);

// Lowest priority first, then highest weight, then target and port (so the
// order is total). RFC 2782 picks among equal priorities at random,
// weighted; a report must be the same from run to run, so this is msmtp's
// deterministic choice instead: the heaviest first.
void order_srv(std::vector<SrvRecord>& records);

// Lowest preference first, then host.
void order_mx(std::vector<MxRecord>& records);

// ---- The answer parser (pure, no I/O) ----

inline constexpr std::uint16_t dns_type_a = 1;
inline constexpr std::uint16_t dns_type_mx = 15;
inline constexpr std::uint16_t dns_type_aaaa = 28;
inline constexpr std::uint16_t dns_type_srv = 33;
inline constexpr std::uint16_t dns_type_txt = 16;
inline constexpr std::uint16_t dns_type_tlsa = 52;
inline constexpr std::size_t dns_max_tlsa_data = 1024; // a SHA-512 is 64; a whole certificate a few KiB at most

// Limits of what the parser accepts: a message is at most 64 KiB (RFC 1035
// over TCP); a name at most 255 bytes on the wire (RFC 1035 2.3.4).
inline constexpr std::size_t dns_max_message = 65535;
inline constexpr std::size_t dns_max_name_wire = 255;

struct DnsAnswer {
  std::uint8_t rcode = 0;        // header RCODE (0 NOERROR, 2 SERVFAIL, 3 NXDOMAIN, 5 REFUSED)
  bool truncated = false;        // TC bit
  std::string question;          // the first question's name, lower case, no final dot
  std::uint16_t question_type = 0;
  std::vector<SrvRecord> srv;    // answers of type SRV, in message order
  std::vector<MxRecord> mx;      // answers of type MX
  std::vector<std::string> addresses; // A and AAAA answers, as text
  bool authentic_data = false;   // AD bit
  std::vector<std::string> txt;  // TXT answers, each record's strings joined (bytes as sent)
  std::vector<TlsaRecord> tlsa;  // TLSA answers
};

// One TLSA record's RDATA: usage, selector, matching type, then the
// association data (its length must fit the matching type: 32 bytes for
// SHA-256, 64 for SHA-512, 1-1024 for an exact match). Pure, fuzzed.
core::Result<TlsaRecord> parse_tlsa_rdata(std::span<const std::uint8_t> rdata);

// One TXT record's RDATA: length-prefixed strings, joined. Pure.
core::Result<std::string> parse_txt_rdata(std::span<const std::uint8_t> rdata);

// Reads a reply message: header, question section skipped, answer section
// records of the types above kept (CNAMEs and others skipped). Names are
// decompressed with every pointer bounds-checked and strictly backwards, and
// are at most 255 bytes. SRV targets and MX hosts are returned in lower
// case without the final dot; one holding a byte other than a letter, digit,
// '-' or '_' in a label makes the whole answer an error, since these names
// are printed and connected to. An error names the first problem found; a
// message that is not a reply (QR clear) is an error.
core::Result<DnsAnswer> parse_dns_answer(std::span<const std::uint8_t> message);

} // namespace mailports::net
