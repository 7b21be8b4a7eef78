// Errors and hints on stderr, why a probe stopped, and the names they use.
// Included by cli/messages.cpp only; the entries continue the Msg enum in order.
#pragma once

#include <mailports/cli/messages/entry.hpp>

namespace mailports::cli::messages {

inline constexpr auto k_diagnostics = std::to_array<Entry>({
  // diagnostics
  {Msg::hint_help, {"Run 'mailports --help' for usage.", "使い方は 'mailports --help' で確認できます。"}},
  {Msg::did_you_mean, {"; did you mean '{hint}'?", "。'{hint}' のことですか？"}},
  {Msg::bad_value, {"invalid {what} '{value}'; expected one of: {choices}",
   "{what} '{value}' は無効です。指定できる値: {choices}"}},
  {Msg::bad_port, {"invalid port '{value}': expected a number from 1 to 65535",
   "ポート番号 '{value}' は無効です。1〜65535 の数を指定してください"}},
  {Msg::empty_value, {"needs a value, not an empty string", "空の値は指定できません"}},
  {Msg::prefer_ambiguous, {"'{value}' is ambiguous: Outlook means STARTTLS by it, Thunderbird and most guides "
   "implicit TLS (SSL/TLS); say implicit or starttls",
   "'{value}' は意味があいまいです。Outlook では STARTTLS、Thunderbird や多くの解説では SSL/TLS を指します。"
   "implicit か starttls で指定してください"}},
  {Msg::unknown_command, {"unknown command '{value}'", "'{value}' というコマンドはありません"}},
  {Msg::no_command, {"no command given; expected one of: recommend, check, ports, explain, providers, probe",
   "コマンドがありません。recommend、check、ports、explain、providers、probe のどれかを指定してください"}},
  {Msg::check_incomplete, {"check needs a URL, or --proto, --port and --tls; missing: {missing}",
   "check には URL か、--proto・--port・--tls の指定が必要です。不足: {missing}"}},
  {Msg::check_url_and_setting, {"give either a URL or --proto/--port, not both",
   "URL と --proto/--port は同時に指定できません"}},
  {Msg::batch_alone, {"--batch reads its settings from the input; give no URL, --proto, --port or --tls with it",
                      "--batch は設定を入力から読みます。URL・--proto・--port・--tls は同時に指定できません"}},
  {Msg::url_no_scheme, {"'{url}' is not a mail URL; expected SCHEME://HOST[:PORT] (e.g. smtps://mail.example.com) "
   "or HOST:PORT (e.g. mail.example.com:587)",
   "'{url}' はメールサーバーの URL ではありません。SCHEME://HOST[:PORT] の形（例: "
   "smtps://mail.example.com）か HOST:PORT の形（例: mail.example.com:587）で指定してください"}},
  {Msg::url_unknown_scheme, {"unknown URL scheme '{value}' in '{url}'; expected one of: {choices}",
   "'{url}' のスキーム '{value}' は使えません。指定できるスキーム: {choices}"}},
  {Msg::url_empty_host, {"URL '{url}' has no host", "URL '{url}' にホスト名がありません"}},
  {Msg::url_bad_host, {"invalid host '{value}' in URL '{url}'", "URL '{url}' のホスト名 '{value}' は無効です"}},
  {Msg::url_bad_port, {"invalid port '{value}' in URL '{url}': expected a number from 1 to 65535",
   "URL '{url}' のポート番号 '{value}' は無効です。1〜65535 の数を指定してください"}},
  {Msg::url_has_path, {"URL '{url}' has a path or query after the host ({value}); mailports reads only the scheme, "
   "user, host and port. Give the TLS mode with --tls",
   "URL '{url}' のホスト名の後にパスやクエリ（{value}）があります。mailports が読むのはスキーム・ユーザー名・"
   "ホスト名・ポート番号だけです。TLS の方式は --tls で指定してください"}},
  {Msg::url_tls_conflict, {"URL scheme '{scheme}' means {scheme_tls}, but --tls says '{tls}'",
   "URL のスキーム '{scheme}' は {scheme_tls} を意味しますが、--tls には '{tls}' が指定されています"}},
  {Msg::url_mailto, {"{value} is an e-mail address, not a mail server URL; for its provider's settings run: "
   "mailports recommend {address}",
   "{value} はメールアドレスで、メールサーバーの URL ではありません。そのプロバイダーの設定は次で調べられます: "
   "mailports recommend {address}"}},
  {Msg::check_need_proto, {"cannot tell the protocol of port {port}: {reason}; add --proto smtp, imap or pop3",
   "ポート番号 {port} のプロトコルが分かりません（{reason}）。--proto smtp・imap・pop3 のどれかを指定してください"}},
  {Msg::check_host_port_proto, {"cannot tell the protocol of {value}: {reason}; add --proto smtp, imap or pop3, "
   "or write it as a URL with a scheme, e.g. smtps://{host}:{port}",
   "{value} のプロトコルが分かりません（{reason}）。--proto smtp・imap・pop3 のどれかを指定するか、"
   "スキーム付きの URL（例: smtps://{host}:{port}）で指定してください"}},
  {Msg::hint_use_domain, {"; to look up a domain, use --domain {value}", "。ドメインを調べるなら --domain {value} を指定してください"}},
  {Msg::hint_use_email, {"; to look up an address, use --email {value}", "。メールアドレスを調べるなら --email {value} を指定してください"}},
  {Msg::why_port_several, {"the rules table uses it for several protocols", "規則表では複数のプロトコルで使うポートです"}},
  {Msg::why_port_none, {"the rules table has it for no mail protocol", "規則表にはどのメールプロトコルのポートとしても載っていません"}},
  {Msg::no_choices, {"the rules table has no {role} settings for {proto}",
   "規則表には {proto} の{role}向けの設定がありません"}},
  {Msg::data_not_found, {"{kind} file '{path}' not found", "{kind}ファイル '{path}' が見つかりません"}},
  {Msg::data_unreadable, {"cannot read {kind} file '{path}': {reason}", "{kind}ファイル '{path}' を読めません: {reason}"}},
  {Msg::data_too_large, {"{kind} file '{path}' is larger than {limit} MiB",
   "{kind}ファイル '{path}' が {limit} MiB を超えています"}},
  {Msg::data_invalid, {"invalid {kind} file {detail}", "{kind}ファイルが不正です: {detail}"}},
  {Msg::input_not_found, {"input file '{path}' not found", "入力ファイル '{path}' が見つかりません"}},
  {Msg::input_unreadable, {"cannot read input file '{path}': {reason}",
                           "入力ファイル '{path}' を読めません: {reason}"}},
  {Msg::kind_rules, {"rules", "規則"}},
  {Msg::kind_providers, {"providers", "プロバイダー"}},
  {Msg::bad_email, {"invalid address '{value}': {reason}", "メールアドレス '{value}' は無効です: {reason}"}},
  {Msg::bad_domain, {"invalid domain '{value}': {reason}", "ドメイン '{value}' は無効です: {reason}"}},
  {Msg::why_no_at, {"it has no '@'", "'@' がありません"}},
  {Msg::why_several_at, {"it has more than one '@'", "'@' が複数あります"}},
  {Msg::why_several_addresses, {"it holds more than one <...>; give one address",
   "<...> が複数あります。アドレスを一つだけ指定してください"}},
  {Msg::why_empty_local, {"there is nothing before '@'", "'@' の前が空です"}},
  {Msg::why_empty_domain, {"there is no domain", "ドメインがありません"}},
  {Msg::why_control_char, {"it contains a space or a control character", "空白または制御文字が含まれています"}},
  {Msg::why_too_long, {"the domain is too long (253 characters at most, 63 per label)",
   "ドメインが長すぎます（全体で 253 文字、ラベルごとに 63 文字まで）"}},
  {Msg::why_bad_domain, {"not a valid domain name{detail}", "ドメイン名として正しくありません{detail}"}},
  {Msg::why_bad_brackets, {"an IPv6 address in brackets is written [ADDRESS] or [ADDRESS]:PORT",
   "角括弧で囲んだ IPv6 アドレスは [アドレス] または [アドレス]:ポート番号 の形で指定してください"}},
  {Msg::recommend_target, {"recommend needs exactly one of --proto, --email, --domain, or an ADDRESS or DOMAIN "
   "argument (e.g. mailports recommend taro@gmail.com)",
   "recommend には --proto・--email・--domain・アドレスかドメインの引数（例: mailports recommend taro@gmail.com）"
   "のどれか一つを指定してください"}},
  {Msg::not_found, {"no settings known for {domain}: it is not in the provider data ({source})",
   "{domain} の設定は分かりません。プロバイダーのデータ（{source}）にありません"}},
  {Msg::no_match, {"no provider matches '{value}'", "'{value}' に一致するプロバイダーはありません"}},
  {Msg::write_failed, {"cannot write the output: {reason}", "出力を書き込めません: {reason}"}},
  {Msg::probe_bad_host, {"invalid host '{value}': {reason}", "ホスト名 '{value}' は無効です: {reason}"}},
  {Msg::probe_no_host, {"cannot resolve host '{value}': {reason}",
   "ホスト名 '{value}' の名前解決ができません: {reason}"}},
  {Msg::probe_bad_source, {"invalid --source address '{value}': expected an IP address, e.g. 127.0.0.2",
   "--source のアドレス '{value}' は無効です。127.0.0.2 のような IP アドレスを指定してください"}},
  {Msg::probe_bad_timeout, {"invalid timeout '{value}': expected seconds from 0.1 to 600",
   "タイムアウト '{value}' は無効です。0.1〜600 の秒数を指定してください"}},
  {Msg::probe_no_openssl, {"probe needs OpenSSL 3 (package libssl3): {reason}",
   "probe には OpenSSL 3（パッケージ libssl3）が必要です: {reason}"}},
  {Msg::probe_bad_ca_file, {"cannot use CA file '{path}': {reason}", "CA ファイル '{path}' を使えません: {reason}"}},
  {Msg::probe_nothing_answered, {"no mail port answered on {value}", "{value} のどのメール用ポートからも応答がありません"}},
  {Msg::probe_rules_lack, {"the rules table has no finding \"{value}\", which probe raises: add it (see data/rules.json) or use the built-in table",
   "規則表に probe が使う所見 \"{value}\" がありません。追加する（data/rules.json を参照）か、組み込みの規則表を使ってください"}},
  {Msg::probe_bad_port, {"invalid port '{value}' in '{target}': expected a number from 1 to 65535",
   "'{target}' のポート番号 '{value}' は無効です。1〜65535 の数を指定してください"}},
  {Msg::probe_port_conflict, {"'{target}' names port {port}, but --port says {value}",
   "'{target}' ではポート番号 {port} を指定していますが、--port には {value} が指定されています"}},
  {Msg::probe_proto_conflict, {"URL scheme '{scheme}' means {proto}, but --proto says {value}",
   "URL のスキーム '{scheme}' は {proto} を意味しますが、--proto には {value} が指定されています"}},
  {Msg::probe_url_has_path, {"URL '{url}' has a path or query after the host; probe reads only the scheme, "
   "host and port",
   "URL '{url}' のホスト名の後にパスやクエリがあります。probe が読むのはスキーム・ホスト名・ポート番号だけです"}},
  // why a probe stopped, in probe::ErrorKind order
  {Msg::perr_refused, {"connection refused", "接続を拒否されました"}},
  {Msg::perr_connect_timeout, {"no answer to the connection within the time limit",
   "制限時間内に接続の応答がありません"}},
  {Msg::perr_connect_failed, {"cannot connect: {detail}", "接続できません: {detail}"}},
  {Msg::perr_no_address, {"no address of the family of --source {detail}",
   "--source {detail} と同じ種類のアドレスがありません"}},
  {Msg::perr_closed, {"the server closed the connection", "サーバーが接続を閉じました"}},
  {Msg::perr_timeout, {"timed out waiting for the server", "サーバーの応答待ちがタイムアウトしました"}},
  {Msg::perr_line_too_long, {"the server sent a line longer than {detail} bytes",
   "サーバーが {detail} バイトを超える行を送りました"}},
  {Msg::perr_reply_too_long, {"the server sent a reply longer than {detail} bytes",
   "サーバーが {detail} バイトを超える応答を送りました"}},
  {Msg::perr_bad_reply, {"unexpected reply: {detail}", "想定外の応答です: {detail}"}},
  {Msg::perr_tls_failed, {"TLS handshake failed: {detail}", "TLS ハンドシェイクに失敗しました: {detail}"}},
  {Msg::perr_starttls_rejected, {"STARTTLS was refused: {detail}", "STARTTLS を拒否されました: {detail}"}},
  {Msg::perr_io_failed, {"read or write failed: {detail}", "送受信に失敗しました: {detail}"}},
  // names used in diagnostics
  {Msg::what_proto, {"protocol", "プロトコル"}},
  {Msg::what_tls, {"TLS mode", "TLS の方式"}},
  {Msg::what_role, {"role", "役割"}},
  {Msg::what_prefer, {"preference", "優先する方式"}},
  {Msg::what_lang, {"language", "言語"}},
  {Msg::what_color, {"color mode", "色の設定"}},
});

} // namespace mailports::cli::messages
