// Port 25's published TLS policies, read from what DNS and HTTPS returned:
// MTA-STS (RFC 8461) and TLS-RPT (RFC 8460). Pure functions over text, so
// they are unit-tested and fuzzed (tests/fuzz/fuzz_mta_sts.cpp); the lookups
// themselves are net::query_txt and net::http.
#pragma once

#include <mailports/core/result.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mailports::discover {

// Policies larger than this are refused (RFC 8461 §3.3: senders may
// impose a limit; 64 KiB is what the RFC suggests).
inline constexpr std::size_t k_max_sts_policy = 64 * 1024;
// RFC 8461 §3.2: max_age is at most 31557600 seconds (about a year).
inline constexpr std::uint32_t k_max_sts_max_age = 31557600;

// "v=STSv1; id=20160831085700Z;" (RFC 8461 §3.1).
struct StsRecord {
  std::string id; // 1 to 32 letters and digits
};

// The one record of a _mta-sts TXT answer: the records not starting with
// "v=STSv1" are dropped; anything but exactly one left, or that one
// malformed, is an error naming why (and the domain then has no policy).
core::Result<StsRecord> parse_sts_records(const std::vector<std::string>& txt);

enum class StsMode : std::uint8_t { enforce, testing, none };
std::string_view to_string(StsMode mode) noexcept;

struct StsPolicy {
  StsMode mode = StsMode::none;
  std::vector<std::string> mx; // patterns, lower case: "mail.example.com" or "*.example.com"
  std::uint32_t max_age = 0;   // seconds
};

// The body of https://mta-sts.DOMAIN/.well-known/mta-sts.txt: "key: value"
// lines (CRLF or LF). version must be STSv1, mode one of the three, max_age
// a number up to k_max_sts_max_age, at least one mx unless the mode is none;
// each of these three once; other keys are ignored (RFC 8461 §3.2). An
// error names the line and the problem.
core::Result<StsPolicy> parse_sts_policy(std::string_view body);

// Whether an MX host matches a policy pattern (RFC 8461 §4.1): equal names,
// or "*." matching exactly one leftmost label. Case-insensitive; a final
// dot on the host is ignored.
bool mx_matches(std::string_view pattern, std::string_view host) noexcept;

// "v=TLSRPTv1; rua=mailto:tlsrpt@example.com,https://r.example.com/" (RFC
// 8460 §3): the one record starting with v=TLSRPTv1, with at least one
// mailto: or https: report address.
struct TlsRptRecord {
  std::vector<std::string> rua;
};
core::Result<TlsRptRecord> parse_tlsrpt_records(const std::vector<std::string>& txt);

} // namespace mailports::discover
