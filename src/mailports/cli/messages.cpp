#include <mailports/cli/messages.hpp>

#include <array>

namespace mailports::cli {

namespace {

using core::Text;

struct Entry {
  Msg id;
  Text text;
};

constexpr std::array<Entry, static_cast<std::size_t>(Msg::count_)> k_messages{{
  // diagnostics
  {Msg::hint_help, {"Run 'mailports --help' for usage.", "使い方は 'mailports --help' で確認できます。"}},
  {Msg::did_you_mean, {"; did you mean '{hint}'?", "。'{hint}' のことですか？"}},
  {Msg::bad_value, {"invalid {what} '{value}'; expected one of: {choices}",
   "{what} '{value}' は無効です。指定できる値: {choices}"}},
  {Msg::bad_port, {"invalid port '{value}': expected a number from 1 to 65535",
   "ポート番号 '{value}' は無効です。1〜65535 の数を指定してください"}},
  {Msg::empty_value, {"needs a value, not an empty string", "空の値は指定できません"}},
  {Msg::unknown_command, {"unknown command '{value}'", "'{value}' というコマンドはありません"}},
  {Msg::no_command, {"no command given; expected one of: recommend, check, ports, explain, providers, probe",
   "コマンドがありません。recommend、check、ports、explain、providers、probe のどれかを指定してください"}},
  {Msg::check_incomplete, {"check needs a URL, or --proto, --port and --tls; missing: {missing}",
   "check には URL か、--proto・--port・--tls の指定が必要です。不足: {missing}"}},
  {Msg::check_url_and_setting, {"give either a URL or --proto/--port, not both",
   "URL と --proto/--port は同時に指定できません"}},
  {Msg::batch_alone, {"--batch reads its settings from the input; give no URL, --proto, --port or --tls with it",
                      "--batch は設定を入力から読みます。URL・--proto・--port・--tls は同時に指定できません"}},
  {Msg::url_no_scheme, {"'{url}' is not a mail URL; expected SCHEME://HOST[:PORT], e.g. smtps://mail.example.com",
   "'{url}' はメールサーバーの URL ではありません。SCHEME://HOST[:PORT] の形（例: "
   "smtps://mail.example.com）で指定してください"}},
  {Msg::url_unknown_scheme, {"unknown URL scheme '{value}' in '{url}'; expected one of: {choices}",
   "'{url}' のスキーム '{value}' は使えません。指定できるスキーム: {choices}"}},
  {Msg::url_empty_host, {"URL '{url}' has no host", "URL '{url}' にホスト名がありません"}},
  {Msg::url_bad_host, {"invalid host '{value}' in URL '{url}'", "URL '{url}' のホスト名 '{value}' は無効です"}},
  {Msg::url_bad_port, {"invalid port '{value}' in URL '{url}': expected a number from 1 to 65535",
   "URL '{url}' のポート番号 '{value}' は無効です。1〜65535 の数を指定してください"}},
  {Msg::url_has_path, {"URL '{url}' has a path or query after the host; mailports reads only the scheme, user, "
   "host and port. Give the TLS mode with --tls",
   "URL '{url}' のホスト名の後にパスやクエリがあります。mailports が読むのはスキーム・ユーザー名・"
   "ホスト名・ポート番号だけです。TLS の方式は --tls で指定してください"}},
  {Msg::url_tls_conflict, {"URL scheme '{scheme}' means implicit TLS, but --tls says '{tls}'",
   "URL のスキーム '{scheme}' は SSL/TLS を意味しますが、--tls には '{tls}' が指定されています"}},
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
  {Msg::why_empty_local, {"there is nothing before '@'", "'@' の前が空です"}},
  {Msg::why_empty_domain, {"there is no domain", "ドメインがありません"}},
  {Msg::why_control_char, {"it contains a space or a control character", "空白または制御文字が含まれています"}},
  {Msg::why_too_long, {"the domain is too long (253 characters at most, 63 per label)",
   "ドメインが長すぎます（全体で 253 文字、ラベルごとに 63 文字まで）"}},
  {Msg::why_bad_domain, {"not a valid domain name{detail}", "ドメイン名として正しくありません{detail}"}},
  {Msg::recommend_target, {"recommend needs exactly one of --proto, --email or --domain",
   "recommend には --proto・--email・--domain のどれか一つを指定してください"}},
  {Msg::not_found, {"no settings known for {domain}: it is not in the provider data ({source})",
   "{domain} の設定は分かりません。プロバイダーのデータ（{source}）にありません"}},
  {Msg::no_match, {"no provider matches '{value}'", "'{value}' に一致するプロバイダーはありません"}},
  {Msg::write_failed, {"cannot write the output: {reason}", "出力を書き込めません: {reason}"}},
  {Msg::probe_port_needs_proto, {"--port needs --proto: which protocol to speak on port {value}",
   "--port には --proto の指定が必要です（ポート番号 {value} でどのプロトコルを使うか）"}},
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
  // --help
  {Msg::app_description, {"mailports: which mail port and TLS mode to use, and what is wrong with a setting.",
   "mailports: メールのポート番号と暗号化の方式を選び、設定の誤りを説明します。"}},
  {Msg::app_footer, {"Examples:\n"
   "  mailports recommend --proto smtp\n"
   "  mailports recommend --email taro@example.co.jp\n"
   "  mailports check --proto smtp --port 587 --tls implicit\n"
   "  mailports check smtps://user@mail.example.com:465 --json | jq .verdict\n"
   "  mailports explain 465\n"
   "  mailports ports --proto imap\n\n"
   "Exit status: 0 ok, 1 warning, 2 error (worst finding), 3 no provider settings known,\n"
   "64 usage error, 65 invalid data file, 66 data file not found or unreadable,\n"
   "74 output not written.\n"
   "Environment: MAILPORTS_RULES, MAILPORTS_PROVIDERS, NO_COLOR, TERM, LC_ALL / LC_MESSAGES / LANG.",
   "例:\n"
   "  mailports recommend --proto smtp\n"
   "  mailports recommend --email taro@example.co.jp\n"
   "  mailports check --proto smtp --port 587 --tls implicit\n"
   "  mailports check smtps://user@mail.example.com:465 --json | jq .verdict\n"
   "  mailports explain 465\n"
   "  mailports ports --proto imap\n\n"
   "終了ステータス: 0 問題なし、1 警告、2 エラー（最も重い指摘）、3 プロバイダーの設定が不明、\n"
   "64 使い方の誤り、65 データファイルが不正、66 データファイルがない・読めない、\n"
   "74 出力を書き込めない。\n"
   "環境変数: MAILPORTS_RULES、MAILPORTS_PROVIDERS、NO_COLOR、TERM、LC_ALL / LC_MESSAGES / LANG。"}},
  {Msg::opt_rules, {"Load the rules table from FILE instead of the built-in one",
   "組み込みの規則表の代わりに FILE を読み込む"}},
  {Msg::opt_lang, {"Language of the output: en or ja (default: from LC_ALL, LC_MESSAGES, LANG)",
   "出力の言語: en または ja（既定値は LC_ALL・LC_MESSAGES・LANG から）"}},
  {Msg::opt_color, {"Colour: auto, always or never (auto: only on a terminal, and not with NO_COLOR)",
   "色: auto・always・never（auto は端末のときだけ、NO_COLOR があれば色なし）"}},
  {Msg::opt_json, {"Print JSON (a versioned contract) instead of text",
   "テキストの代わりに JSON（バージョン付きの形式）を出力する"}},
  {Msg::opt_proto, {"Protocol: smtp, imap or pop3", "プロトコル: smtp・imap・pop3"}},
  {Msg::opt_port, {"Port number, 1-65535", "ポート番号（1〜65535）"}},
  {Msg::opt_tls, {"TLS mode: none, starttls, opportunistic or implicit (aliases: plain, ssl, tls, may, ...)",
   "TLS の方式: none・starttls・opportunistic・implicit（別名: plain、ssl、tls、may など）"}},
  {Msg::opt_role, {"Role: client (a mail program) or relay (server to server)",
   "役割: client（メールソフト）または relay（サーバー間の転送）"}},
  {Msg::opt_prefer, {"Put this mode first among the recommended settings: implicit or starttls",
   "推奨設定のうち、この方式を先に示す: implicit または starttls"}},
  {Msg::opt_url, {"A mail server URL, e.g. smtps://user@mail.example.com:465",
   "メールサーバーの URL（例: smtps://user@mail.example.com:465）"}},
  {Msg::opt_ports_proto, {"Only this protocol: smtp, imap or pop3", "このプロトコルだけ: smtp・imap・pop3"}},
  {Msg::opt_explain_port, {"The port to explain, 1-65535", "説明するポート番号（1〜65535）"}},
  {Msg::opt_batch, {"Audit many settings: read NDJSON lines ({\"proto\",\"port\",\"tls\"} or {\"url\"}, "
                    "optional \"role\" and \"id\") from FILE or - (stdin), write one NDJSON result per line",
                    "多数の設定を一括で判定: FILE または -（標準入力）から NDJSON の行（{\"proto\",\"port\",\"tls\"} "
                    "または {\"url\"}、任意で \"role\" と \"id\"）を読み、1 行ごとに NDJSON の結果を書く"}},
  {Msg::opt_email, {"Your e-mail address: show your provider's servers", "メールアドレス: プロバイダーのサーバーを示す"}},
  {Msg::opt_domain, {"A mail domain: show its provider's servers", "メールのドメイン: プロバイダーのサーバーを示す"}},
  {Msg::opt_providers, {"Load the provider data from FILE instead of the built-in one",
   "組み込みのプロバイダーデータの代わりに FILE を読み込む"}},
  {Msg::opt_search, {"Only providers whose name, id or domain contains TEXT",
   "名前・ID・ドメインに TEXT を含むプロバイダーだけ"}},
  {Msg::opt_probe_host, {"Host name or IP address of the mail server", "メールサーバーのホスト名または IP アドレス"}},
  {Msg::opt_probe_proto, {"Only this protocol: smtp, imap or pop3 (needed with --port)",
   "このプロトコルだけ: smtp、imap、pop3（--port と一緒に指定）"}},
  {Msg::opt_probe_port, {"Probe exactly this port (repeatable), detecting its TLS mode",
   "このポート番号だけを調べ、暗号化の方式を判別する（複数指定可）"}},
  {Msg::opt_timeout, {"Seconds allowed for each port: connecting, every read, the whole dialogue (default 10)",
   "ポートごとの制限時間（秒）。接続、各読み込み、やり取り全体に適用（既定 10）"}},
  {Msg::opt_ca_file, {"Trust only the CA certificates in FILE (PEM) instead of the system store",
   "システムの信頼ストアの代わりに FILE（PEM）の CA 証明書だけを信頼する"}},
  {Msg::opt_source, {"Connect from this local address, e.g. 127.0.0.2", "この送信元アドレスから接続する（例: 127.0.0.2）"}},
  {Msg::cmd_recommend, {"Which port and TLS mode to use", "使うべきポート番号と暗号化の方式を示す"}},
  {Msg::cmd_check, {"Judge a setting, or a server URL", "設定またはサーバー URL を判定する"}},
  {Msg::cmd_ports, {"Print the whole rules table", "規則表をすべて表示する"}},
  {Msg::cmd_explain, {"Explain what a port is for", "ポート番号の用途を説明する"}},
  {Msg::cmd_providers, {"List the mail providers mailports knows", "mailports が知っているメールプロバイダーを一覧する"}},
  {Msg::cmd_probe, {"Ask a live server what it offers on each mail port",
   "稼働中のサーバーが各メール用ポートで何を提供しているかを調べる"}},
  {Msg::footer_recommend, {"Examples:\n  mailports recommend --proto smtp\n  mailports recommend --proto smtp --prefer starttls\n"
   "  mailports recommend --proto smtp --role relay --json\n"
   "  mailports recommend --email taro@gmail.com\n  mailports recommend --domain yahoo.co.jp --json\n\n"
   "Exit status: 0 ok, 1 warning, 2 error, 3 no settings known for the domain, 64 usage error.",
   "例:\n  mailports recommend --proto smtp\n  mailports recommend --proto smtp --prefer starttls\n"
   "  mailports recommend --proto smtp --role relay --json\n"
   "  mailports recommend --email taro@gmail.com\n  mailports recommend --domain yahoo.co.jp --json\n\n"
   "終了ステータス: 0 問題なし、1 警告、2 エラー、3 ドメインの設定が不明、64 使い方の誤り。"}},
  {Msg::footer_check, {"Examples:\n  mailports check --proto smtp --port 587 --tls implicit\n"
   "  mailports check --proto imap --port 143 --tls may\n"
   "  mailports check 'smtps://user:secret@mail.example.com:465'\n"
   "  mailports check submission://mail.example.com --tls starttls --json\n\n"
   "Exit status: 0 ok, 1 warning, 2 error, 64 usage error;\n"
   "with --batch, 65 if any line was malformed and 66 if the input cannot be read.",
   "例:\n  mailports check --proto smtp --port 587 --tls implicit\n"
   "  mailports check --proto imap --port 143 --tls may\n"
   "  mailports check 'smtps://user:secret@mail.example.com:465'\n"
   "  mailports check submission://mail.example.com --tls starttls --json\n\n"
   "終了ステータス: 0 問題なし、1 警告、2 エラー、64 使い方の誤り。\n"
   "--batch では、不正な行があれば 65、入力を読めなければ 66。"}},
  {Msg::footer_ports, {"Examples:\n  mailports ports\n  mailports ports --proto pop3 --json",
   "例:\n  mailports ports\n  mailports ports --proto pop3 --json"}},
  {Msg::footer_explain, {"Examples:\n  mailports explain 465\n  mailports explain 2525 --json",
   "例:\n  mailports explain 465\n  mailports explain 2525 --json"}},
  {Msg::footer_providers, {"Examples:\n  mailports providers --search yahoo\n  mailports providers --json | jq -r '.providers[].id'\n\n"
   "Exit status: 0 found, 3 nothing matched.",
   "例:\n  mailports providers --search yahoo\n  mailports providers --json | jq -r '.providers[].id'\n\n"
   "終了ステータス: 0 見つかった、3 該当なし。"}},
  {Msg::footer_probe, {"Examples:\n  mailports probe mail.example.com\n  mailports probe mail.example.com --proto imap --json\n"
   "  mailports probe localhost --proto smtp --port 2525 --ca-file ca.pem --timeout 5\n\n"
   "The probe sends no credentials: only EHLO/CAPABILITY/CAPA, STARTTLS/STLS, the TLS handshake\n"
   "and QUIT/LOGOUT. Certificates are always verified and reported.\n\n"
   "Exit status: 0 ok, 1 warning, 2 error, 64 usage error, 65 CA file not PEM (or rules without the\n"
   "probe's findings), 66 CA file missing or unreadable, 68 host name does not resolve,\n"
   "69 OpenSSL 3 (libssl.so.3) missing.",
   "例:\n  mailports probe mail.example.com\n  mailports probe mail.example.com --proto imap --json\n"
   "  mailports probe localhost --proto smtp --port 2525 --ca-file ca.pem --timeout 5\n\n"
   "probe は認証情報を送りません。送るのは EHLO/CAPABILITY/CAPA、STARTTLS/STLS、TLS ハンドシェイク、\n"
   "QUIT/LOGOUT だけです。証明書は必ず検証し、その結果を表示します。\n\n"
   "終了ステータス: 0 問題なし、1 警告、2 エラー、64 使い方の誤り、65 CA ファイルが PEM でない\n"
   "（または規則表に probe の所見がない）、66 CA ファイルがない・読めない、68 ホスト名を解決できない、\n"
   "69 OpenSSL 3（libssl.so.3）がない。"}},
  // batch line errors
  {Msg::batch_not_json, {"not a JSON object", "JSON のオブジェクトではありません"}},
  {Msg::batch_not_object, {"expected a JSON object, got {value}", "JSON のオブジェクトが必要ですが、{value} です"}},
  {Msg::batch_wrong_type, {"\"{field}\" has the wrong type ({value})", "\"{field}\" の型が違います（{value}）"}},
  {Msg::batch_bad_port, {"invalid port {value}: expected a number from 1 to 65535",
                         "ポート番号 {value} は無効です。1〜65535 の数を指定してください"}},
  {Msg::batch_bad_value, {"invalid \"{field}\" '{value}'", "\"{field}\" の値 '{value}' は無効です"}},
  {Msg::batch_missing, {"missing \"{field}\" (or give \"url\")", "\"{field}\" がありません（または \"url\" を指定）"}},
  {Msg::batch_url_and_setting, {"give either \"url\" or \"proto\" and \"port\", not both",
                                "\"url\" と \"proto\"・\"port\" は同時に指定できません"}},
  {Msg::batch_bad_url, {"invalid URL '{value}'", "URL '{value}' は無効です"}},
  {Msg::batch_no_port, {"no port in '{value}', and none known for its scheme",
                        "'{value}' にポート番号がなく、スキームからも分かりません"}},
  {Msg::batch_tls_conflict, {"URL scheme '{field}' means implicit TLS, but \"tls\" says '{value}'",
                             "URL のスキーム '{field}' は SSL/TLS を意味しますが、\"tls\" は '{value}' です"}},
  {Msg::batch_line_too_long, {"line longer than {value} bytes", "行が {value} バイトを超えています"}},
  // CLI11's own words
  {Msg::help_flag, {"Print this help message and exit", "このヘルプを表示して終了する"}},
  {Msg::version_flag, {"Print the version and exit", "バージョンを表示して終了する"}},
  {Msg::label_usage, {"Usage", "使い方"}},
  {Msg::label_options_upper, {"OPTIONS", "オプション"}},
  {Msg::label_subcommand, {"COMMAND", "コマンド"}},
  {Msg::label_positionals, {"Positionals", "引数"}},
  {Msg::label_required, {"REQUIRED", "必須"}},
  {Msg::group_options, {"Options", "オプション"}},
  {Msg::group_commands, {"Commands", "コマンド"}},
  {Msg::cli_extras, {"unexpected argument: {value}", "予期しない引数です: {value}"}},
  {Msg::cli_repeated, {"{value} was given more than once", "{value} が複数回指定されています"}},
  {Msg::cli_arguments, {"wrong number of values: {value}", "値の数が正しくありません: {value}"}},
  {Msg::cli_required, {"missing: {value}", "必要な引数がありません: {value}"}},
  {Msg::cli_other, {"cannot read the command line: {value}", "コマンドラインを解釈できません: {value}"}},
}};

// Each entry names its id, so a message added in the wrong place, or
// forgotten, stops the build instead of shifting every text after it.
constexpr bool in_order()
{
  for (std::size_t i = 0; i < k_messages.size(); ++i) {
    if (static_cast<std::size_t>(k_messages[i].id) != i) {
      return false;
    }
  }
  return true;
}
static_assert(in_order(), "k_messages must list every Msg, in enum order");

constexpr auto k_texts = [] {
  std::array<Text, k_messages.size()> out{};
  for (std::size_t i = 0; i < k_messages.size(); ++i) {
    out[i] = k_messages[i].text;
  }
  return out;
}();

} // namespace

std::string_view text(Msg id, core::Lang lang) noexcept
{
  return k_texts[static_cast<std::size_t>(id)].in(lang);
}

std::span<const core::Text> all_messages() noexcept
{
  return k_texts;
}

std::string_view status_label(core::Status status, core::Lang lang) noexcept
{
  return text(static_cast<Msg>(static_cast<int>(Msg::status_recommended) + static_cast<int>(status)),
              lang);
}

std::string_view severity_label(core::Severity severity, core::Lang lang) noexcept
{
  return text(static_cast<Msg>(static_cast<int>(Msg::severity_info) + static_cast<int>(severity)),
              lang);
}

std::string_view verdict_label(core::Verdict verdict, core::Lang lang) noexcept
{
  switch (verdict) {
  case core::Verdict::ok:
    return text(Msg::verdict_ok, lang);
  case core::Verdict::warning:
    return text(Msg::severity_warning, lang);
  case core::Verdict::error:
    return text(Msg::severity_error, lang);
  }
  return text(Msg::severity_error, lang);
}

std::string auth_label(std::string_view kind, core::Lang lang)
{
  if (kind == "password-cleartext") {
    return std::string(text(Msg::auth_password_cleartext, lang));
  }
  if (kind == "password-encrypted") {
    return std::string(text(Msg::auth_password_encrypted, lang));
  }
  return std::string(kind);
}

std::string_view role_label(core::Role role, core::Lang lang) noexcept
{
  return text(role == core::Role::client ? Msg::role_client : Msg::role_relay, lang);
}

} // namespace mailports::cli
