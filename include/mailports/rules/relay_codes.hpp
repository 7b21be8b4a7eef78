// The codes of the relay role (discover/relay), apart from table.hpp so
// that adding them rebuilds only what uses them. Like the probe's: the
// commands that raise them refuse a table that lacks one.
#pragma once

#include <string_view>

namespace mailports::rules::codes {

// Issue 16 §3: the relay role (`discover --role relay`, `probe --role relay`):
// a domain's MX hosts on port 25, MTA-STS, TLS-RPT and DANE. Filled with a
// note's {value} (a domain, host or URL) and {other} (why).
inline constexpr std::string_view relay_mx_lookup_failed = "relay-mx-lookup-failed";
inline constexpr std::string_view relay_no_mx = "relay-no-mx";
inline constexpr std::string_view relay_null_mx = "relay-null-mx";
inline constexpr std::string_view relay_mta_sts_missing = "relay-mta-sts-missing";
inline constexpr std::string_view relay_mta_sts_record_malformed = "relay-mta-sts-record-malformed";
inline constexpr std::string_view relay_mta_sts_policy_unreachable = "relay-mta-sts-policy-unreachable";
inline constexpr std::string_view relay_mta_sts_policy_cert_invalid = "relay-mta-sts-policy-cert-invalid";
inline constexpr std::string_view relay_mta_sts_policy_malformed = "relay-mta-sts-policy-malformed";
inline constexpr std::string_view relay_mta_sts_mode_testing = "relay-mta-sts-mode-testing";
inline constexpr std::string_view relay_mta_sts_mode_none = "relay-mta-sts-mode-none";
inline constexpr std::string_view relay_mta_sts_mx_not_in_policy = "relay-mta-sts-mx-not-in-policy";
inline constexpr std::string_view relay_mta_sts_mx_cert_invalid = "relay-mta-sts-mx-cert-invalid";
// mode: testing (RFC 8461 §5): senders still deliver, and only report.
inline constexpr std::string_view relay_mta_sts_testing_mx_not_in_policy = "relay-mta-sts-testing-mx-not-in-policy";
inline constexpr std::string_view relay_mta_sts_testing_mx_cert_invalid = "relay-mta-sts-testing-mx-cert-invalid";
inline constexpr std::string_view relay_tls_rpt_missing = "relay-tls-rpt-missing";
inline constexpr std::string_view relay_tls_rpt_malformed = "relay-tls-rpt-malformed";
inline constexpr std::string_view relay_no_downgrade_protection = "relay-no-downgrade-protection";
inline constexpr std::string_view relay_dane_missing = "relay-dane-missing";
inline constexpr std::string_view relay_dane_lookup_failed = "relay-dane-lookup-failed";
inline constexpr std::string_view relay_dane_not_validated = "relay-dane-not-validated";
inline constexpr std::string_view relay_dane_match = "relay-dane-match";
inline constexpr std::string_view relay_dane_mismatch = "relay-dane-mismatch";
inline constexpr std::string_view relay_dane_ta_not_checked = "relay-dane-ta-not-checked";
inline constexpr std::string_view relay_dane_unusable = "relay-dane-unusable";
inline constexpr std::string_view relay_dane_resolver_not_local = "relay-dane-resolver-not-local";
inline constexpr std::string_view relay_codes[] = {
  relay_mx_lookup_failed,
  relay_no_mx,
  relay_null_mx,
  relay_mta_sts_missing,
  relay_mta_sts_record_malformed,
  relay_mta_sts_policy_unreachable,
  relay_mta_sts_policy_cert_invalid,
  relay_mta_sts_policy_malformed,
  relay_mta_sts_mode_testing,
  relay_mta_sts_mode_none,
  relay_mta_sts_mx_not_in_policy,
  relay_mta_sts_mx_cert_invalid,
  relay_mta_sts_testing_mx_not_in_policy,
  relay_mta_sts_testing_mx_cert_invalid,
  relay_tls_rpt_missing,
  relay_tls_rpt_malformed,
  relay_no_downgrade_protection,
  relay_dane_missing,
  relay_dane_lookup_failed,
  relay_dane_not_validated,
  relay_dane_match,
  relay_dane_mismatch,
  relay_dane_ta_not_checked,
  relay_dane_unusable,
  relay_dane_resolver_not_local};

} // namespace mailports::rules::codes
