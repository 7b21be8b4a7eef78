// `discover`: its help, its diagnostics and the words of its answer.
// Included by cli/messages.cpp only; the entries continue the Msg enum in order.
#pragma once

#include <mailports/cli/messages/entry.hpp>

namespace mailports::cli::messages {

inline constexpr auto k_discover = std::to_array<Entry>({
  {Msg::cmd_discover, {"Find a domain's settings online: provider autoconfig, ISPDB, MX, DNS SRV",
   "ドメインの設定をネット上で探す（プロバイダーの自動設定、ISPDB、MX、DNS SRV）"}},
  {Msg::footer_discover,
   {"Examples:\n  mailports discover taro@example.com\n  mailports discover example.com --json\n"
    "  mailports discover taro@example.com --verify\n"
    "  mailports discover taro@example.com --no-http --no-address --timeout 5\n"
    "  mailports discover example.com --guess --dns-server 192.0.2.53\n"
    "  mailports discover example.com --role relay --json\n\n"
    "--role relay: the MX hosts on port 25 (each probed as a relay, with its TLSA records for DANE),\n"
    "the MTA-STS record and policy, and the TLS-RPT record, all at once; then a summary. DANE is\n"
    "judged only when a resolver on this host (--dns-server 127.0.0.1, or the system's)\nset the AD bit.\n\n"
    "Every source starts at once and has --timeout seconds: the autoconfig URLs (https, then http\n"
    "unless --no-http), the built-in ISPDB, the MX host's provider, and DNS SRV (RFC 6186).\n"
    "Each server is listed once with the sources that named it, judged like `check`, best first.\n"
    "Only the address is sent (?emailaddress=, left out with --no-address); never a password.\n"
    "--verify and --guess probe the servers afterwards (as `probe` does), with --timeout of their own.\n\n"
    "Exit status: 0 ok, 1 warning, 2 error (the best incoming and outgoing servers), 3 nothing\n"
    "found, 64 usage error, 65 CA file not PEM, 66 CA file missing, 68 no source could be reached,\n"
    "69 libcurl or OpenSSL missing.",
    "例:\n  mailports discover taro@example.com\n  mailports discover example.com --json\n"
    "  mailports discover taro@example.com --verify\n"
    "  mailports discover taro@example.com --no-http --no-address --timeout 5\n"
    "  mailports discover example.com --guess --dns-server 192.0.2.53\n"
    "  mailports discover example.com --role relay --json\n\n"
    "--role relay: ポート 25 の MX ホスト（それぞれ中継として調べ、DANE 用の TLSA レコードも取得）、\n"
    "MTA-STS のレコードとポリシー、TLS-RPT のレコードを同時に調べ、まとめを示します。DANE は\n"
    "このホスト上のリゾルバー（--dns-server 127.0.0.1 またはシステムのもの）が\nAD ビットを付けた場合だけ判定します。\n\n"
    "すべての情報源に同時に問い合わせ、それぞれ --timeout 秒まで待ちます: 自動設定の URL（https、\n"
    "--no-http がなければ http も）、組み込みの ISPDB、MX ホストのプロバイダー、DNS SRV（RFC 6186）。\n"
    "サーバーは一度ずつ、それを挙げた情報源とともに、check と同じ規則で判定して良い順に示します。\n"
    "送るのはメールアドレスだけで（?emailaddress=、--no-address で省略）、パスワードは送りません。\n"
    "--verify と --guess はその後で（probe と同じく）サーバーを調べ、別に --timeout 秒を使います。\n\n"
    "終了ステータス: 0 問題なし、1 警告、2 エラー（最良の受信・送信サーバーについて）、3 何も\n"
    "見つからない、64 使い方の誤り、65 CA ファイルが PEM でない、66 CA ファイルがない、\n"
    "68 どの情報源にも接続できない、69 libcurl か OpenSSL がない。"}},
  {Msg::opt_discover_target, {"The e-mail address (or domain) to look up", "調べるメールアドレス（またはドメイン）"}},
  {Msg::opt_verify, {"Probe every server found and compare it with what the sources say",
   "見つかったサーバーをすべて実際に調べ、情報源の内容と比べる"}},
  {Msg::opt_guess, {"Also probe the usual host names: imap., pop3., pop., mail., smtp. and the domain",
   "よくあるホスト名（imap.、pop3.、pop.、mail.、smtp.、ドメインそのもの）も調べる"}},
  {Msg::opt_discover_timeout, {"Seconds every source may take, all at once (default 10); --guess and --verify take as long again each",
   "すべての情報源に同時に与える制限時間（秒、既定 10）。--guess と --verify はそれぞれ同じだけ追加で使います"}},
  {Msg::opt_no_http, {"Do not fetch autoconfig over plain http://", "暗号化されていない http:// では自動設定を取得しない"}},
  {Msg::opt_no_address, {"Do not send the address to autoconfig servers (?emailaddress=)",
   "自動設定のサーバーにメールアドレスを送らない（?emailaddress=）"}},
  {Msg::opt_dns_server, {"Ask this DNS server (IPv4 address, [IPv6] or host name, optional :PORT) instead of the system's",
   "システムの DNS の代わりにこの DNS サーバー（IPv4 アドレス、[IPv6] アドレスかホスト名、:ポート番号は省略可）に問い合わせる"}},
  {Msg::discover_bad_dns_server, {"invalid DNS server '{value}': expected an IPv4 address, an IPv6 address in brackets ([::1]) or a host name, optionally with :PORT (1-65535)",
   "DNS サーバー '{value}' は無効です。IPv4 アドレス、角かっこで囲んだ IPv6 アドレス（[::1]）かホスト名を指定してください（:ポート番号 1〜65535 は省略可）"}},
  {Msg::discover_dns_server_unresolved, {"cannot resolve the DNS server '{value}': {reason}",
   "DNS サーバー '{value}' のアドレスが得られません: {reason}"}},
  {Msg::discover_bad_connect_to, {"invalid MAILPORTS_TEST_CONNECT_TO: {reason}",
   "MAILPORTS_TEST_CONNECT_TO が無効です: {reason}"}},
  {Msg::discover_rules_lack, {"the rules table has no finding \"{value}\", which discover raises: add it (see data/rules.json) or use the built-in table",
   "規則表に discover が使う所見 \"{value}\" がありません。追加する（data/rules.json を参照）か、組み込みの規則表を使ってください"}},
  {Msg::discover_no_curl, {"discover needs libcurl (package libcurl4): it could not be loaded",
   "discover には libcurl（パッケージ libcurl4）が必要ですが、読み込めませんでした"}},
  {Msg::discover_no_openssl, {"--verify and --guess need OpenSSL 3 (package libssl3): {reason}",
   "--verify と --guess には OpenSSL 3（パッケージ libssl3）が必要です: {reason}"}},
  {Msg::discover_nothing_found, {"no settings found for {value}: no source named a mail server",
   "{value} の設定は見つかりませんでした。どの情報源もメールサーバーを示しませんでした"}},
  {Msg::discover_unreachable, {"no source could be reached for {value}: DNS did not answer and every HTTP request failed ({reason})",
   "{value} について、どの情報源にも接続できませんでした。DNS の応答がなく、HTTP の要求もすべて失敗しました（{reason}）"}},
  {Msg::hint_discover, {"\n  `mailports discover {value}` looks it up online (provider autoconfig, MX, DNS SRV).",
   "\n  `mailports discover {value}` でネット上から探せます（プロバイダーの自動設定、MX、DNS SRV）。"}},
  {Msg::discover_heading, {"{who}: settings from {count} of {total} sources",
   "{who}: {total} 件の情報源のうち {count} 件で設定が見つかりました"}},
  {Msg::discover_sources_heading, {"Sources, in order of priority:", "情報源（優先順）:"}},
  {Msg::discover_source_line, {"{mark} {kind} {name}: {status} ({elapsed} ms)",
   "{mark} {kind} {name}: {status}（{elapsed} ミリ秒）"}},
  {Msg::discover_found, {"found", "見つかりました"}},
  {Msg::discover_not_found, {"not found", "見つかりません"}},
  {Msg::discover_error, {"error", "エラー"}},
  {Msg::discover_timeout, {"timed out", "時間切れ"}},
  {Msg::discover_from_line, {"from: {value}", "情報源: {value}"}},
  {Msg::discover_server_did, {"the server: {value}", "実際の応答: {value}"}},
  {Msg::discover_no_answer, {"no answer ({value})", "応答なし（{value}）"}},
  // English as discover/ writes it, Japanese as the text output shows it;
  // what follows them (a resolver's or libcurl's words) stays as written.
  {Msg::detail_not_in, {"not in ", "次にありません: "}},
  {Msg::detail_no_mail_port, {"no mail port answered", "どのメール用ポートも応答しませんでした"}},
  {Msg::detail_answered_on, {"answered on ", "応答したポート: "}},
  {Msg::detail_no_address, {"no address", "アドレスがありません"}},
  {Msg::detail_null_mx, {"null MX (RFC 7505): ", "null MX（RFC 7505）: "}},
  {Msg::detail_receives_no_mail, {" receives no mail", " はメールを受け取りません"}},
  {Msg::detail_itself, {" itself: no other provider to ask", " の中にあり、ほかに問い合わせるプロバイダーはありません"}},
  {Msg::detail_is_in, {" is in ", " は "}},
  {Msg::detail_no_registrable, {": no registrable domain", ": 登録可能なドメインがありません"}},
  {Msg::detail_not_in_data, {": not in the provider data; ", ": プロバイダーのデータにありません。"}},
  {Msg::detail_mx_of, {"MX of ", "MX の問い合わせ "}},
  {Msg::detail_redirected, {", redirected to ", "、リダイレクト先 "}},
  {Msg::detail_no_content_type, {"no Content-Type", "Content-Type なし"}},
  {Msg::detail_dns_no_data, {"DNS no-data", "DNS: 該当するレコードなし"}},
  {Msg::detail_dns_nx_domain, {"DNS nx-domain", "DNS: その名前は存在しません"}},
  {Msg::detail_dns_timeout, {"DNS timeout", "DNS: 時間切れ"}},
  {Msg::detail_dns_refused, {"DNS refused", "DNS: 拒否されました"}},
  {Msg::detail_dns_server_failure, {"DNS server-failure", "DNS: サーバーの障害"}},
  {Msg::detail_dns_error, {"DNS error", "DNS: エラー"}},
  {Msg::discover_no_mode, {"answered, but no TLS mode was established ({value})", "応答はありましたが、暗号化の方式を確立できませんでした（{value}）"}},
});

} // namespace mailports::cli::messages
