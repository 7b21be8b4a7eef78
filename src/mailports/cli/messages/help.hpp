// --help: descriptions of the program, its commands and options.
// Included by cli/messages.cpp only; the entries continue the Msg enum in order.
#pragma once

#include <mailports/cli/messages/entry.hpp>

namespace mailports::cli::messages {

inline constexpr auto k_help = std::to_array<Entry>({
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
   "Exit status: 0 ok, 1 warning, 2 error (worst finding), 3 nothing found (provider settings, a known error),\n"
   "64 usage error, 65 invalid data file, 66 data file not found or unreadable,\n"
   "68 host name does not resolve (probe) or no source reachable (discover),\n"
   "69 OpenSSL 3 (libssl.so.3) or libcurl missing (probe, discover), 74 output not written.\n"
   "Environment: MAILPORTS_RULES, MAILPORTS_PROVIDERS, MAILPORTS_DIAGNOSES, NO_COLOR, TERM, LC_ALL / LC_MESSAGES / LANG.",
   "例:\n"
   "  mailports recommend --proto smtp\n"
   "  mailports recommend --email taro@example.co.jp\n"
   "  mailports check --proto smtp --port 587 --tls implicit\n"
   "  mailports check smtps://user@mail.example.com:465 --json | jq .verdict\n"
   "  mailports explain 465\n"
   "  mailports ports --proto imap\n\n"
   "終了ステータス: 0 問題なし、1 警告、2 エラー（最も重い指摘）、3 該当なし（プロバイダーの設定、既知のエラー）、\n"
   "64 使い方の誤り、65 データファイルが不正、66 データファイルがない・読めない、\n"
   "68 ホスト名を解決できない（probe）・どの情報源にも接続できない（discover）、\n"
   "69 OpenSSL 3（libssl.so.3）か libcurl がない（probe、discover）、74 出力を書き込めない。\n"
   "環境変数: MAILPORTS_RULES、MAILPORTS_PROVIDERS、MAILPORTS_DIAGNOSES、NO_COLOR、TERM、LC_ALL / LC_MESSAGES / LANG。"}},
  {Msg::opt_rules, {"Load the rules table from FILE instead of the built-in one",
   "組み込みの規則表の代わりに FILE を読み込む"}},
  {Msg::opt_lang, {"Language of the output: en or ja (default: from LC_ALL, LC_MESSAGES, LANG)",
   "出力の言語: en または ja（既定値は LC_ALL・LC_MESSAGES・LANG から）"}},
  {Msg::opt_color, {"Colour: auto, always or never (auto: only on a terminal, and not with NO_COLOR)",
   "色: auto・always・never（auto は端末のときだけ、NO_COLOR があれば色なし）"}},
  {Msg::opt_json, {"Print JSON (a versioned contract) instead of text",
   "テキストの代わりに JSON（バージョン付きの形式）を出力する"}},
  {Msg::opt_proto, {"Protocol: smtp, imap or pop3 (or pop)", "プロトコル: smtp・imap・pop3（pop も可）"}},
  {Msg::opt_port, {"Port number, 1-65535", "ポート番号（1〜65535）"}},
  {Msg::opt_tls, {"TLS mode: none, starttls, opportunistic or implicit (aliases: plain, ssl, tls, may, SSL/TLS, "
   "なし, 自動, 暗黙的TLS, ...)",
   "TLS の方式: none・starttls・opportunistic・implicit（別名: plain、ssl、tls、may、SSL/TLS、なし、自動、"
   "暗黙的TLS など）"}},
  {Msg::opt_role, {"Role: client (a mail program) or relay (server to server)",
   "役割: client（メールソフト）または relay（サーバー間の転送）"}},
  {Msg::opt_prefer, {"Put this mode first among the recommended settings: implicit or starttls",
   "推奨設定のうち、この方式を先に示す: implicit または starttls"}},
  {Msg::opt_url, {"A mail server URL, e.g. smtps://user@mail.example.com:465, or HOST:PORT (the protocol "
   "from the port)",
   "メールサーバーの URL（例: smtps://user@mail.example.com:465）か HOST:PORT（プロトコルはポート番号から判断）"}},
  {Msg::opt_ports_proto, {"Only this protocol: smtp, imap or pop3 (or pop)", "このプロトコルだけ: smtp・imap・pop3（pop も可）"}},
  {Msg::opt_explain_port, {"The port to explain, 1-65535", "説明するポート番号（1〜65535）"}},
  {Msg::opt_batch, {"Audit many settings: read NDJSON lines ({\"proto\",\"port\",\"tls\"} or {\"url\"}, "
                    "optional \"role\" and \"id\") from FILE or - (stdin), write one NDJSON result per line",
                    "多数の設定を一括で判定: FILE または -（標準入力）から NDJSON の行（{\"proto\",\"port\",\"tls\"} "
                    "または {\"url\"}、任意で \"role\" と \"id\"）を読み、1 行ごとに NDJSON の結果を書く"}},
  {Msg::opt_email, {"Your e-mail address: show your provider's servers", "メールアドレス: プロバイダーのサーバーを示す"}},
  {Msg::opt_domain, {"A mail domain: show its provider's servers", "メールのドメイン: プロバイダーのサーバーを示す"}},
  {Msg::opt_recommend_target, {"An e-mail address or a domain, as --email or --domain (e.g. taro@gmail.com, gmail.com)",
   "メールアドレスかドメイン。--email・--domain と同じ（例: taro@gmail.com、gmail.com）"}},
  {Msg::opt_providers, {"Load the provider data from FILE instead of the built-in one",
   "組み込みのプロバイダーデータの代わりに FILE を読み込む"}},
  {Msg::opt_search, {"Only providers whose name, id, domain or server host name contains TEXT (sending services and hosting templates too)",
   "名前・ID・ドメイン・サーバーのホスト名に TEXT を含むプロバイダーだけ（送信サービスとレンタルサーバーのひな形も）"}},
  {Msg::opt_probe_host, {"The mail server: HOST, HOST:PORT, [IPv6]:PORT, or a URL such as imaps://HOST[:PORT]. "
   "Without --proto, the protocol is the URL scheme's, the port's (465, 993, ...) or the greeting's",
   "メールサーバー: HOST、HOST:PORT、[IPv6]:PORT、または imaps://HOST[:PORT] のような URL。"
   "--proto がなければ、プロトコルは URL のスキーム、ポート番号（465、993 など）、サーバーのグリーティングから判断"}},
  {Msg::opt_probe_proto, {"Only this protocol: smtp, imap or pop3 (without it, a named port speaks the table's "
   "protocol for that port, else the greeting's)",
   "このプロトコルだけ: smtp、imap、pop3（省略すると、指定したポートのプロトコルは規則表から、なければグリーティングから判断）"}},
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
   "  mailports recommend --email taro@gmail.com\n  mailports recommend --domain yahoo.co.jp --json\n"
   "  mailports recommend 'Taro <taro@gmail.com>'\n"
   "  mailports recommend --host smtp.gmail.com\n"
   "  mailports recommend --service sendgrid\n  mailports recommend --service ses --region eu-west-1 --json\n"
   "  mailports recommend --hosting xserver --host sv1234.xserver.jp\n  mailports recommend --host sv1234.xserver.jp\n\n"
   "Exit status: 0 ok, 1 warning, 2 error, 3 no settings known for the domain, 64 usage error.",
   "例:\n  mailports recommend --proto smtp\n  mailports recommend --proto smtp --prefer starttls\n"
   "  mailports recommend --proto smtp --role relay --json\n"
   "  mailports recommend --email taro@gmail.com\n  mailports recommend --domain yahoo.co.jp --json\n"
   "  mailports recommend 'Taro <taro@gmail.com>'\n"
   "  mailports recommend --host smtp.gmail.com\n"
   "  mailports recommend --service sendgrid\n  mailports recommend --service ses --region eu-west-1 --json\n"
   "  mailports recommend --hosting xserver --host sv1234.xserver.jp\n  mailports recommend --host sv1234.xserver.jp\n\n"
   "終了ステータス: 0 問題なし、1 警告、2 エラー、3 ドメインの設定が不明、64 使い方の誤り。"}},
  {Msg::footer_check, {"Examples:\n  mailports check --proto smtp --port 587 --tls implicit\n"
   "  mailports check --proto imap --port 143 --tls may\n"
   "  mailports check 'smtps://user:secret@mail.example.com:465'\n"
   "  mailports check submission://mail.example.com --tls starttls --json\n"
   "  mailports check smtp.gmail.com:587 --tls starttls\n"
   "  mailports check --port 993 --tls SSL/TLS\n\n"
   "Exit status: 0 ok, 1 warning, 2 error, 64 usage error;\n"
   "with --batch, 65 if any line was malformed and 66 if the input cannot be read.",
   "例:\n  mailports check --proto smtp --port 587 --tls implicit\n"
   "  mailports check --proto imap --port 143 --tls may\n"
   "  mailports check 'smtps://user:secret@mail.example.com:465'\n"
   "  mailports check submission://mail.example.com --tls starttls --json\n"
   "  mailports check smtp.gmail.com:587 --tls starttls\n"
   "  mailports check --port ９９３ --tls 暗黙的TLS\n\n"
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
   "  mailports probe smtp.example.com:587\n  mailports probe imaps://mail.example.com\n"
   "  mailports probe '[2001:db8::25]:2525' --timeout 5\n"
   "  mailports probe localhost --proto smtp --port 2525 --ca-file ca.pem --timeout 5\n"
   "  mailports probe mx.example.com --role relay --dns-server 127.0.0.1\n\n"
   "--role relay: port 25 as an MX, with its TLSA records (DANE, judged only when the resolver validated\n"
   "them); for a whole domain (MTA-STS, TLS-RPT) use `mailports discover DOMAIN --role relay`.\n\n"
   "On a port the rules table gives to no single protocol, the greeting tells it: 220 SMTP, * OK IMAP,\n"
   "+OK POP3. A URL's user and password are never sent nor shown.\n\n"
   "The probe sends no credentials: only EHLO/CAPABILITY/CAPA, STARTTLS/STLS, the TLS handshake\n"
   "and QUIT/LOGOUT (before STARTTLS also MAIL FROM:<> and RSET, or USER mailports-probe).\n"
   "Certificates are always verified and reported. Extra handshakes on their own connections try\n"
   "TLS 1.1/1.0 and weak ciphers (--no-extra-handshakes: not).\n\n"
   "Exit status: 0 ok, 1 warning, 2 error, 64 usage error, 65 CA file not PEM (or rules without the\n"
   "probe's findings), 66 CA file missing or unreadable, 68 host name does not resolve,\n"
   "69 OpenSSL 3 (libssl.so.3) missing.",
   "例:\n  mailports probe mail.example.com\n  mailports probe mail.example.com --proto imap --json\n"
   "  mailports probe smtp.example.com:587\n  mailports probe imaps://mail.example.com\n"
   "  mailports probe '[2001:db8::25]:2525' --timeout 5\n"
   "  mailports probe localhost --proto smtp --port 2525 --ca-file ca.pem --timeout 5\n"
   "  mailports probe mx.example.com --role relay --dns-server 127.0.0.1\n\n"
   "--role relay: MX としてのポート 25 と TLSA レコード（DANE。リゾルバーが検証した場合だけ判定）を調べます。\n"
   "ドメイン全体（MTA-STS、TLS-RPT）は `mailports discover DOMAIN --role relay` で調べます。\n\n"
   "規則表でプロトコルが一つに決まらないポート番号では、グリーティングから判断します（220 は SMTP、\n"
   "* OK は IMAP、+OK は POP3）。URL のユーザー名とパスワードは送信も表示もしません。\n\n"
   "probe は認証情報を送りません。送るのは EHLO/CAPABILITY/CAPA、STARTTLS/STLS、TLS ハンドシェイク、\n"
   "QUIT/LOGOUT だけです（STARTTLS の前に MAIL FROM:<> と RSET、または USER mailports-probe も）。\n"
   "証明書は必ず検証し、その結果を表示します。別の接続で TLS 1.1/1.0 と弱い暗号も試します\n"
   "（--no-extra-handshakes で試さない）。\n\n"
   "終了ステータス: 0 問題なし、1 警告、2 エラー、64 使い方の誤り、65 CA ファイルが PEM でない\n"
   "（または規則表に probe の所見がない）、66 CA ファイルがない・読めない、68 ホスト名を解決できない、\n"
   "69 OpenSSL 3（libssl.so.3）がない。"}},
});

} // namespace mailports::cli::messages
