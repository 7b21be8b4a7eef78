// Words of the answers on stdout: headings, labels, table columns.
// Included by cli/messages.cpp only; the entries continue the Msg enum in order.
#pragma once

#include <mailports/cli/messages/entry.hpp>

namespace mailports::cli::messages {

inline constexpr auto k_output = std::to_array<Entry>({
  // text output
  {Msg::role_client, {"mail client", "メールソフト"}},
  {Msg::role_relay, {"server-to-server relay", "サーバー間の転送"}},
  {Msg::any, {"any", "すべて"}},
  {Msg::recommend_heading, {"Recommended {proto} settings for a {role}, best first:",
   "{proto} の推奨設定（{role}）。上ほどおすすめです:"}},
  {Msg::check_heading, {"{proto} port {port}, {tls}, {role}: {verdict}",
   "{proto} ポート番号 {port}、{tls}、{role}: {verdict}"}},
  {Msg::check_heading_url, {"{url}\n{proto} port {port}, {tls}, {role}: {verdict}",
   "{url}\n{proto} ポート番号 {port}、{tls}、{role}: {verdict}"}},
  {Msg::try_instead, {"Try instead:", "代わりの設定:"}},
  {Msg::port_mode, {"port {port}, {tls}", "ポート番号 {port}、{tls}"}},
  {Msg::refs, {"refs", "参照"}},
  {Msg::note, {"Note", "補足"}},
  {Msg::explain_heading, {"Port {port}:", "ポート番号 {port}:"}},
  {Msg::explain_unknown, {"Port {port} is not in the rules table: it is not a standard mail port.",
   "ポート番号 {port} は規則表にありません。メールの標準ポートではありません。"}},
  {Msg::col_proto, {"PROTO", "プロトコル"}},
  {Msg::col_port, {"PORT", "ポート"}},
  {Msg::col_tls, {"TLS", "TLS"}},
  {Msg::col_role, {"ROLE", "役割"}},
  {Msg::col_status, {"STATUS", "状態"}},
  {Msg::col_service, {"SERVICE", "サービス"}},
  {Msg::col_id, {"ID", "ID"}},
  {Msg::col_name, {"NAME", "名前"}},
  {Msg::col_domains, {"DOMAINS", "ドメイン"}},
  {Msg::provider_heading, {"{who}: {name} (from {file}, {source})", "{who}: {name}（{source} の {file} より）"}},
  {Msg::incoming_heading, {"Incoming mail server, best first:", "受信メールサーバー（上ほどおすすめ）:"}},
  {Msg::outgoing_heading, {"Outgoing mail server (SMTP), best first:", "送信メールサーバー (SMTP)（上ほどおすすめ）:"}},
  {Msg::imap_first, {"IMAP comes before POP3: it keeps mail on the server, so several devices stay in sync.",
   "IMAP を POP3 より先に示します。メールをサーバーに残すので、複数の端末で同じ状態を保てます。"}},
  {Msg::ordering, {"Best first: implicit TLS, then STARTTLS, then cleartext; among equals IMAP before POP3, "
                   "because it keeps mail on the server so several devices stay in sync; then the provider's order.",
                   "上ほどおすすめ: SSL/TLS、STARTTLS、平文の順。同じ条件なら IMAP を POP3 より先に示します"
                   "（メールをサーバーに残すので、複数の端末で同じ状態を保てます）。その次はプロバイダーの記載順です。"}},
  {Msg::server_line, {"{n}. {proto} {host}, port {port}, {tls}: {verdict}",
   "{n}. {proto} {host}、ポート番号 {port}、{tls}: {verdict}"}},
  {Msg::username_line, {"user name: {value}", "ユーザー名: {value}"}},
  {Msg::auth_line, {"authentication: {value}", "認証方式: {value}"}},
  {Msg::leave_line, {"leave messages on server: {value}", "サーバーにメッセージのコピーを置く: {value}"}},
  {Msg::yes, {"yes", "はい"}},
  {Msg::no, {"no", "いいえ"}},
  {Msg::your_address, {"<your full address>", "<メールアドレス全体>"}},
  {Msg::your_local_part, {"<the part of your address before @>", "<メールアドレスの @ より前>"}},
  {Msg::your_domain, {"<your domain>", "<ドメイン>"}},
  {Msg::docs_line, {"documentation: {value}", "説明ページ: {value}"}},
  {Msg::other_servers, {"Other servers (not judged): {value}", "その他のサーバー（判定対象外）: {value}"}},
  {Msg::auth_password_cleartext, {"normal password", "通常のパスワード認証"}},
  {Msg::auth_password_encrypted, {"encrypted password", "暗号化されたパスワード認証"}},
  {Msg::status_recommended, {"recommended", "推奨"}},
  {Msg::status_acceptable, {"acceptable", "可"}},
  {Msg::status_fallback, {"fallback", "代替"}},
  {Msg::status_discouraged, {"discouraged", "非推奨"}},
  {Msg::status_insecure, {"insecure", "危険"}},
  {Msg::status_mismatch, {"mismatch", "不一致"}},
  {Msg::status_not_mail_port, {"not a mail port", "メール用ではない"}},
  {Msg::severity_info, {"info", "情報"}},
  {Msg::severity_warning, {"warning", "警告"}},
  {Msg::severity_error, {"error", "エラー"}},
  {Msg::verdict_ok, {"ok", "問題なし"}},
  {Msg::probe_heading, {"Probe of {host}: {count} port(s)", "{host} の調査: ポート {count} 個"}},
  {Msg::probe_unreachable, {"not reachable: {error}", "接続できません: {error}"}},
  {Msg::probe_mode_unknown, {"TLS mode unknown", "暗号化の方式は不明"}},
  {Msg::probe_greeting, {"greeting", "グリーティング"}},
  {Msg::probe_starttls_offered, {"STARTTLS offered", "STARTTLS の提示"}},
  {Msg::probe_certificate, {"certificate", "証明書"}},
  {Msg::probe_cert_line, {"{subject}, issued by {issuer}; valid until {not_after} ({days} days left); "
   "name matches: {match}; chain trusted: {trusted}",
   "{subject}、発行者 {issuer}。有効期限 {not_after}（残り {days} 日）。ホスト名の一致: {match}。"
   "チェーンの信頼: {trusted}"}},
  {Msg::probe_no_certificate, {"none sent", "送られてきませんでした"}},
  {Msg::probe_auth_before, {"auth before TLS", "TLS 前の認証"}},
  {Msg::probe_auth_after, {"auth after TLS", "TLS 後の認証"}},
  {Msg::probe_none, {"none", "なし"}},
  {Msg::probe_overall, {"Overall: {verdict}", "総合判定: {verdict}"}},
});

} // namespace mailports::cli::messages
