// The relay role (`discover --role relay`, `probe --role relay`): its
// options, diagnostics and the words of its answer. Included by
// cli/messages.cpp only; the entries continue the Msg enum in order.
#pragma once

#include <mailports/cli/messages/entry.hpp>

namespace mailports::cli::messages {

inline constexpr auto k_relay = std::to_array<Entry>({
  {Msg::opt_discover_role,
   {"client: the servers a mail client uses (default); relay: the domain's MX hosts on port 25, MTA-STS, TLS-RPT "
    "and DANE",
    "client: メールソフトが使うサーバー（既定）、relay: ドメインの MX ホストのポート 25、MTA-STS、TLS-RPT、DANE"}},
  {Msg::opt_probe_role,
   {"client: the ports a mail client uses (default); relay: port 25 of HOST as an MX, with its TLSA records (DANE)",
    "client: メールソフトが使うポート（既定）、relay: MX としての HOST のポート 25 と TLSA レコード（DANE）"}},
  {Msg::relay_option_conflict, {"{value} does not apply to --role relay", "{value} は --role relay とは使えません"}},
  {Msg::probe_dns_server_relay_only,
   {"--dns-server is used only with --role relay (the TLSA records)", "--dns-server は --role relay（TLSA レコード）でのみ使います"}},
  {Msg::relay_is_domain,
   {"note: {value} has MX records ({other}): to check the domain's relays, run `mailports discover {value} --role "
    "relay`",
    "注意: {value} には MX レコード（{other}）があります。ドメインの中継サーバーを調べるには `mailports discover "
    "{value} --role relay` を実行してください"}},
  {Msg::relay_heading, {"Relay (port 25) for {value}: {count} MX host(s)", "{value} の中継（ポート 25）: MX ホスト {count} 台"}},
  {Msg::relay_host_heading, {"Relay (port 25) at {value}", "{value} の中継（ポート 25）"}},
  {Msg::relay_mx_line, {"{n}. MX {preference} {host}  {verdict}", "{n}. MX {preference} {host}  {verdict}"}},
  {Msg::relay_port_line, {"port 25: {value}", "ポート 25: {value}"}},
  {Msg::relay_cert_line, {"certificate: {value}", "証明書: {value}"}},
  {Msg::relay_cert_valid, {"valid for the host name", "ホスト名に対して有効"}},
  {Msg::relay_policy_line, {"MTA-STS policy: {value}", "MTA-STS ポリシー: {value}"}},
  {Msg::relay_in_policy, {"matches an mx line", "mx 行に一致"}},
  {Msg::relay_not_in_policy, {"matches no mx line", "どの mx 行にも一致しない"}},
  {Msg::relay_dane_line, {"DANE: {value}", "DANE: {value}"}},
  {Msg::relay_dane_absent, {"no TLSA records", "TLSA レコードなし"}},
  {Msg::relay_dane_lookup_failed, {"TLSA lookup failed", "TLSA の取得に失敗"}},
  {Msg::relay_dane_not_validated, {"TLSA records not DNSSEC-validated: not judged", "TLSA レコードが DNSSEC で未検証のため判定せず"}},
  {Msg::relay_dane_match, {"the certificate matches a validated TLSA record", "証明書が検証済みの TLSA レコードに一致"}},
  {Msg::relay_dane_mismatch, {"the certificate matches no validated TLSA record", "証明書が検証済みの TLSA レコードに一致しない"}},
  {Msg::relay_dane_ta, {"DANE-TA records the certificates sent could not be compared with: not judged", "DANE-TA レコードを送られた証明書と照合できず: 判定せず"}},
  {Msg::relay_dane_unusable, {"no TLSA record usable for SMTP", "SMTP で使える TLSA レコードなし"}},
  {Msg::relay_dane_not_reached, {"port 25 could not be reached: not judged", "ポート 25 に接続できないため判定せず"}},
  {Msg::relay_sts_line, {"MTA-STS: {value}", "MTA-STS: {value}"}},
  {Msg::relay_tls_rpt_line, {"TLS-RPT: {value}", "TLS-RPT: {value}"}},
  {Msg::relay_no_record, {"no record", "レコードなし"}},
  {Msg::relay_sts_policy, {"id {value}, mode {mode}, max_age {max_age}, mx {mx}",
                           "id {value}、mode {mode}、max_age {max_age}、mx {mx}"}},
  {Msg::relay_left_out, {"{count} more MX host(s) not probed", "さらに {count} 台の MX ホストは調べていません"}},
  {Msg::relay_domain_heading, {"The domain:", "ドメイン:"}},
  {Msg::relay_summary_heading, {"Summary:", "まとめ:"}},
  {Msg::relay_subject_starttls, {"STARTTLS on every MX", "全 MX で STARTTLS"}},
  {Msg::relay_subject_versions, {"TLS versions", "TLS のバージョン"}},
  {Msg::relay_subject_certificate, {"certificates", "証明書"}},
  {Msg::relay_subject_mta_sts, {"MTA-STS", "MTA-STS"}},
  {Msg::relay_subject_tls_rpt, {"TLS-RPT", "TLS-RPT"}},
  {Msg::relay_subject_dane, {"DANE", "DANE"}},
  {Msg::relay_mark_pass, {"pass", "合格"}},
  {Msg::relay_mark_warning, {"warning", "警告"}},
  {Msg::relay_mark_fail, {"fail", "不合格"}},
  {Msg::relay_mark_absent, {"absent", "なし"}},
  {Msg::relay_mark_not_judged, {"not judged", "判定できず"}},
});

} // namespace mailports::cli::messages
