#include <mailports/cli/messages.hpp>

#include <array>

namespace mailports::cli {

namespace {

using core::Text;

// Indexed by Msg; the static_assert below keeps the two in step.
constexpr std::array<Text, static_cast<std::size_t>(Msg::count_)> k_messages{{
  // diagnostics
  {"Run 'mailports --help' for usage.", "使い方は 'mailports --help' で確認できます。"},
  {"; did you mean '{hint}'?", "。'{hint}' のことですか？"},
  {"invalid {what} '{value}'; expected one of: {choices}",
   "{what} '{value}' は無効です。指定できる値: {choices}"},
  {"invalid port '{value}': expected a number from 1 to 65535",
   "ポート番号 '{value}' は無効です。1〜65535 の数を指定してください"},
  {"unknown command '{value}'", "'{value}' というコマンドはありません"},
  {"no command given; expected one of: recommend, check, ports, explain",
   "コマンドがありません。recommend、check、ports、explain のどれかを指定してください"},
  {"check needs a URL, or --proto, --port and --tls; missing: {missing}",
   "check には URL か、--proto・--port・--tls の指定が必要です。不足: {missing}"},
  {"give either a URL or --proto/--port, not both",
   "URL と --proto/--port は同時に指定できません"},
  {"'{url}' is not a mail URL; expected SCHEME://HOST[:PORT], e.g. smtps://mail.example.com",
   "'{url}' はメールサーバーの URL ではありません。SCHEME://HOST[:PORT] の形（例: "
   "smtps://mail.example.com）で指定してください"},
  {"unknown URL scheme '{value}' in '{url}'; expected one of: {choices}",
   "'{url}' のスキーム '{value}' は使えません。指定できるスキーム: {choices}"},
  {"URL '{url}' has no host", "URL '{url}' にホスト名がありません"},
  {"invalid host '{value}' in URL '{url}'", "URL '{url}' のホスト名 '{value}' は無効です"},
  {"invalid port '{value}' in URL '{url}': expected a number from 1 to 65535",
   "URL '{url}' のポート番号 '{value}' は無効です。1〜65535 の数を指定してください"},
  {"URL '{url}' has a path or query after the host; mailports reads only the scheme, user, "
   "host and port. Give the TLS mode with --tls",
   "URL '{url}' のホスト名の後にパスやクエリがあります。mailports が読むのはスキーム・ユーザー名・"
   "ホスト名・ポート番号だけです。TLS の方式は --tls で指定してください"},
  {"URL scheme '{scheme}' means implicit TLS, but --tls says '{tls}'",
   "URL のスキーム '{scheme}' は SSL/TLS を意味しますが、--tls には '{tls}' が指定されています"},
  {"the rules table has no {role} settings for {proto}",
   "規則表には {proto} の{role}向けの設定がありません"},
  {"rules file '{path}' not found", "規則ファイル '{path}' が見つかりません"},
  {"cannot read rules file '{path}': {reason}",
   "規則ファイル '{path}' を読めません: {reason}"},
  {"rules file '{path}' is larger than {limit} MiB",
   "規則ファイル '{path}' が {limit} MiB を超えています"},
  {"invalid rules file {detail}", "規則ファイルが不正です: {detail}"},
  {"cannot write the output: {reason}", "出力を書き込めません: {reason}"},
  // names used in diagnostics
  {"protocol", "プロトコル"},
  {"TLS mode", "TLS の方式"},
  {"role", "役割"},
  {"preference", "優先する方式"},
  {"language", "言語"},
  {"color mode", "色の設定"},
  // text output
  {"mail client", "メールソフト"},
  {"server-to-server relay", "サーバー間の転送"},
  {"any", "すべて"},
  {"Recommended {proto} settings for a {role}, best first:",
   "{proto} の推奨設定（{role}）。上ほどおすすめです:"},
  {"{proto} port {port}, {tls}, {role}: {verdict}",
   "{proto} ポート番号 {port}、{tls}、{role}: {verdict}"},
  {"{url}\n{proto} port {port}, {tls}, {role}: {verdict}",
   "{url}\n{proto} ポート番号 {port}、{tls}、{role}: {verdict}"},
  {"Try instead:", "代わりの設定:"},
  {"port {port}, {tls}", "ポート番号 {port}、{tls}"},
  {"refs", "参照"},
  {"Note", "補足"},
  {"Port {port}:", "ポート番号 {port}:"},
  {"Port {port} is not in the rules table: it is not a standard mail port.",
   "ポート番号 {port} は規則表にありません。メールの標準ポートではありません。"},
  {"PROTO", "プロトコル"},
  {"PORT", "ポート"},
  {"TLS", "TLS"},
  {"ROLE", "役割"},
  {"STATUS", "状態"},
  {"SERVICE", "サービス"},
  {"recommended", "推奨"},
  {"acceptable", "可"},
  {"fallback", "代替"},
  {"discouraged", "非推奨"},
  {"insecure", "危険"},
  {"mismatch", "不一致"},
  {"not a mail port", "メール用ではない"},
  {"info", "情報"},
  {"warning", "警告"},
  {"error", "エラー"},
  {"ok", "問題なし"},
  // --help
  {"mailports: which mail port and TLS mode to use, and what is wrong with a setting.",
   "mailports: メールのポート番号と暗号化の方式を選び、設定の誤りを説明します。"},
  {"Examples:\n"
   "  mailports recommend --proto smtp\n"
   "  mailports check --proto smtp --port 587 --tls implicit\n"
   "  mailports check smtps://user@mail.example.com:465 --json | jq .verdict\n"
   "  mailports explain 465\n"
   "  mailports ports --proto imap\n\n"
   "Exit status: 0 ok, 1 warning, 2 error (worst finding), 64 usage error,\n"
   "65 invalid rules data, 66 rules file not found or unreadable, 74 output not written.\n"
   "Environment: MAILPORTS_RULES (rules file), NO_COLOR, LC_ALL / LC_MESSAGES / LANG.",
   "例:\n"
   "  mailports recommend --proto smtp\n"
   "  mailports check --proto smtp --port 587 --tls implicit\n"
   "  mailports check smtps://user@mail.example.com:465 --json | jq .verdict\n"
   "  mailports explain 465\n"
   "  mailports ports --proto imap\n\n"
   "終了ステータス: 0 問題なし、1 警告、2 エラー（最も重い指摘）、64 使い方の誤り、\n"
   "65 規則データが不正、66 規則ファイルがない・読めない、74 出力を書き込めない。\n"
   "環境変数: MAILPORTS_RULES（規則ファイル）、NO_COLOR、LC_ALL / LC_MESSAGES / LANG。"},
  {"Load the rules table from FILE instead of the built-in one",
   "組み込みの規則表の代わりに FILE を読み込む"},
  {"Language of the output: en or ja (default: from LC_ALL, LC_MESSAGES, LANG)",
   "出力の言語: en または ja（既定値は LC_ALL・LC_MESSAGES・LANG から）"},
  {"Colour: auto, always or never (auto: only on a terminal, and not with NO_COLOR)",
   "色: auto・always・never（auto は端末のときだけ、NO_COLOR があれば色なし）"},
  {"Print JSON (a versioned contract) instead of text",
   "テキストの代わりに JSON（バージョン付きの形式）を出力する"},
  {"Protocol: smtp, imap or pop3", "プロトコル: smtp・imap・pop3"},
  {"Port number, 1-65535", "ポート番号（1〜65535）"},
  {"TLS mode: none, starttls, opportunistic or implicit (aliases: plain, ssl, tls, may, ...)",
   "TLS の方式: none・starttls・opportunistic・implicit（別名: plain、ssl、tls、may など）"},
  {"Role: client (a mail program) or relay (server to server)",
   "役割: client（メールソフト）または relay（サーバー間の転送）"},
  {"Put this mode first among the recommended settings: implicit or starttls",
   "推奨設定のうち、この方式を先に示す: implicit または starttls"},
  {"A mail server URL, e.g. smtps://user@mail.example.com:465",
   "メールサーバーの URL（例: smtps://user@mail.example.com:465）"},
  {"Only this protocol: smtp, imap or pop3", "このプロトコルだけ: smtp・imap・pop3"},
  {"The port to explain, 1-65535", "説明するポート番号（1〜65535）"},
  {"Which port and TLS mode to use", "使うべきポート番号と暗号化の方式を示す"},
  {"Judge a setting, or a server URL", "設定またはサーバー URL を判定する"},
  {"Print the whole rules table", "規則表をすべて表示する"},
  {"Explain what a port is for", "ポート番号の用途を説明する"},
  {"Examples:\n  mailports recommend --proto smtp\n  mailports recommend --proto smtp --prefer starttls\n"
   "  mailports recommend --proto smtp --role relay --json",
   "例:\n  mailports recommend --proto smtp\n  mailports recommend --proto smtp --prefer starttls\n"
   "  mailports recommend --proto smtp --role relay --json"},
  {"Examples:\n  mailports check --proto smtp --port 587 --tls implicit\n"
   "  mailports check --proto imap --port 143 --tls may\n"
   "  mailports check 'smtps://user:secret@mail.example.com:465'\n"
   "  mailports check submission://mail.example.com --tls starttls --json\n\n"
   "Exit status: 0 ok, 1 warning, 2 error, 64 usage error.",
   "例:\n  mailports check --proto smtp --port 587 --tls implicit\n"
   "  mailports check --proto imap --port 143 --tls may\n"
   "  mailports check 'smtps://user:secret@mail.example.com:465'\n"
   "  mailports check submission://mail.example.com --tls starttls --json\n\n"
   "終了ステータス: 0 問題なし、1 警告、2 エラー、64 使い方の誤り。"},
  {"Examples:\n  mailports ports\n  mailports ports --proto pop3 --json",
   "例:\n  mailports ports\n  mailports ports --proto pop3 --json"},
  {"Examples:\n  mailports explain 465\n  mailports explain 2525 --json",
   "例:\n  mailports explain 465\n  mailports explain 2525 --json"},
}};

} // namespace

std::string_view text(Msg id, core::Lang lang) noexcept
{
  return k_messages[static_cast<std::size_t>(id)].in(lang);
}

std::span<const core::Text> all_messages() noexcept
{
  return k_messages;
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

std::string_view role_label(core::Role role, core::Lang lang) noexcept
{
  return text(role == core::Role::client ? Msg::role_client : Msg::role_relay, lang);
}

} // namespace mailports::cli
