// `config` and `lint`: their help, their diagnostics and the words of their answers.
// Included by cli/messages.cpp only; the entries continue the Msg enum in order.
#pragma once

#include <mailports/cli/messages/entry.hpp>

namespace mailports::cli::messages {

inline constexpr auto k_clientconf = std::to_array<Entry>({
  {Msg::cmd_config, {"Write a mail client's config (msmtp, mbsync, ...) with settings judged by the rules",
   "メールソフトの設定ファイル（msmtp、mbsync など）を、規則で確かめた設定で書き出す"}},
  {Msg::footer_config,
   {"Examples:\n  mailports config msmtp --email taro@gmail.com\n"
    "  mailports config mbsync --email taro@example.jp --client-version 1.4 --output ~/.mbsyncrc\n"
    "  mailports config neomutt --proto imap --host mail.example.com --port 993 --tls implicit --user taro\n"
    "  mailports config thunderbird --domain example.com > config-v1.1.xml\n"
    "  mailports config srv --domain example.com\n"
    "  mailports config aerc --email taro@example.com --discover\n\n"
    "The servers come from the provider data (--email/--domain), from --discover (looked up online, as\n"
    "`discover` does), or from --proto/--host/--port/--tls (with --email/--domain, for that address or\n"
    "domain: an admin's srv or thunderbird file). Each is judged as `check` judges it: one\n"
    "judged an error is left out, and config refuses when that leaves nothing to write (--force writes\n"
    "it anyway); a warning is written into the file as a comment. No password is ever written: the file\n"
    "uses the client's password command where it has one. The syntax follows --client-version, else\n"
    "the version installed here, else the newest known; a comment says which.\n"
    "--output writes FILE atomically with mode 0600 and never replaces an existing file without --force.\n\n"
    "Exit status: 0 written, 1 written with warnings, 2 refused (a setting judged an error),\n"
    "3 no settings known, or none this format can use, 64 usage error, 68 --discover reached nothing,\n"
    "73 --output exists or cannot be created.",
    "例:\n  mailports config msmtp --email taro@gmail.com\n"
    "  mailports config mbsync --email taro@example.jp --client-version 1.4 --output ~/.mbsyncrc\n"
    "  mailports config neomutt --proto imap --host mail.example.com --port 993 --tls implicit --user taro\n"
    "  mailports config thunderbird --domain example.com > config-v1.1.xml\n"
    "  mailports config srv --domain example.com\n"
    "  mailports config aerc --email taro@example.com --discover\n\n"
    "サーバーはプロバイダーのデータ（--email/--domain）、--discover（discover と同じくオンラインで\n"
    "調べる）、または --proto/--host/--port/--tls（--email/--domain と一緒なら、そのアドレスか\n"
    "ドメインのもの。管理者向けの srv・thunderbird 形式など）から取ります。それぞれ check と同じ規則で判定し、\n"
    "エラーのものは書かず、書くものが残らなければ拒否します（--force なら書きます）。警告は\n"
    "ファイルにコメントとして書きます。パスワードは決して書かず、メールソフトにパスワードコマンドが\n"
    "あればそれを使います。書式は --client-version、なければこのマシンにある版、なければ既知の最新版に\n"
    "従い、どれを使ったかをコメントに書きます。--output は FILE をパーミッション 0600 で原子的に書き、\n"
    "既存のファイルは --force がない限り置き換えません。\n\n"
    "終了ステータス: 0 書き出した、1 警告付きで書き出した、2 拒否（エラーと判定された設定）、\n"
    "3 設定が見つからない・この形式で使えるものがない、64 使い方の誤り、68 --discover でどこにも\n"
    "届かない、73 --output のファイルが既にある・作れない。"}},
  {Msg::opt_config_format, {"The client format: msmtp, neomutt, mbsync, aerc, ... (--formats lists them)",
   "設定ファイルの形式: msmtp・neomutt・mbsync・aerc など（--formats で一覧）"}},
  {Msg::opt_config_email, {"Your e-mail address: its provider's servers, and your login and From",
   "メールアドレス: そのプロバイダーのサーバーと、ログイン名・差出人に使う"}},
  {Msg::opt_config_domain, {"A mail domain: its provider's servers", "メールのドメイン: そのプロバイダーのサーバーを使う"}},
  {Msg::opt_config_host, {"The server's host name (with --proto, --port and --tls)",
   "サーバーのホスト名（--proto・--port・--tls と一緒に）"}},
  {Msg::opt_config_port, {"The server's port", "サーバーのポート番号"}},
  {Msg::opt_config_tls, {"The server's TLS mode: implicit, starttls, ...", "サーバーの暗号化の方式: implicit・starttls など"}},
  {Msg::opt_config_proto, {"The server's protocol: smtp, imap or pop3", "サーバーのプロトコル: smtp・imap・pop3"}},
  {Msg::opt_config_user, {"The login name (default: the provider's rule for your address)",
   "ログイン名（既定: メールアドレスからプロバイダーの規則で決まるもの）"}},
  {Msg::opt_config_account, {"The account's name in the file (default: from the domain or host)",
   "ファイル内のアカウント名（既定: ドメインかホスト名から）"}},
  {Msg::opt_client_version, {"The client's version whose syntax to use (default: the installed one, else the newest)",
   "書式を合わせるメールソフトの版（既定: インストール済みの版、なければ最新版）"}},
  {Msg::opt_config_output, {"Write to FILE (mode 0600, atomically) instead of standard output",
   "標準出力の代わりに FILE に書く（パーミッション 0600、原子的に）"}},
  {Msg::opt_config_force, {"Write a setting judged an error, and replace an existing --output file",
   "エラーと判定された設定も書き、既存の --output ファイルも置き換える"}},
  {Msg::opt_config_discover, {"Find the servers online, as `mailports discover` does (needs --email or --domain)",
   "mailports discover と同じくオンラインでサーバーを調べる（--email か --domain が必要）"}},
  {Msg::kind_format, {"format", "形式"}},
  {Msg::config_source_needed,
   {"say where the settings come from: --email ADDRESS, --domain DOMAIN, or --proto, --host, --port and --tls",
    "設定の出どころを指定してください: --email ADDRESS、--domain DOMAIN、または --proto・--host・--port・--tls"}},
  {Msg::config_explicit_incomplete, {"--proto, --host, --port and --tls go together; missing: {value}",
   "--proto・--host・--port・--tls はそろえて指定してください。足りないもの: {value}"}},
  {Msg::config_tls_ambiguous, {"--tls '{value}' is ambiguous in a config file: say implicit or starttls",
   "--tls '{value}' は設定ファイルでは曖昧です。implicit か starttls を指定してください"}},
  {Msg::config_bad_version, {"invalid --client-version '{value}': expected a version such as 1.4.4",
   "--client-version '{value}' は不正です。1.4.4 のような版を指定してください"}},
  {Msg::config_refused, {"refused: {value} is judged an error: {reason}", "拒否しました: {value} はエラーと判定されます: {reason}"}},
  {Msg::config_refused_hint, {"fix the setting, or write it anyway with --force",
   "設定を直すか、--force を付けてそのまま書き出してください"}},
  {Msg::config_left_out, {"left out {value}: judged an error: {reason}", "{value} は書きませんでした（エラーと判定）: {reason}"}},
  {Msg::config_needs_incoming, {"the {value} format needs an IMAP or POP3 server, and the settings have none it can use",
   "{value} 形式には IMAP か POP3 のサーバーが必要ですが、使えるものがありません"}},
  {Msg::config_needs_outgoing, {"the {value} format needs an SMTP server, and the settings have none it can use",
   "{value} 形式には SMTP サーバーが必要ですが、使えるものがありません"}},
  {Msg::config_needs_imap, {"the {value} format syncs IMAP only, and the settings have no IMAP server it can use",
   "{value} 形式は IMAP だけを同期しますが、使える IMAP サーバーがありません"}},
  {Msg::config_needs_domain, {"the {value} format is published for a domain: give --email or --domain",
   "{value} 形式はドメインに対して公開するものです。--email か --domain を指定してください"}},
  {Msg::config_exists, {"'{path}' exists; not replaced (--force replaces it)",
   "'{path}' は既にあるので置き換えませんでした（--force で置き換えます）"}},
  {Msg::config_write_failed, {"cannot write '{path}': {reason}", "'{path}' に書き込めません: {reason}"}},
  {Msg::config_written, {"wrote '{path}' ({value}, mode 0600)", "'{path}' に書き出しました（{value}、パーミッション 0600）"}},
  {Msg::config_discover_needs_domain, {"--discover needs --email or --domain", "--discover には --email か --domain が必要です"}},
  {Msg::cmd_lint, {"Judge existing mail client configs (msmtprc, muttrc, mbsyncrc, ...) by the rules",
   "既存のメールソフトの設定ファイル（msmtprc、muttrc、mbsyncrc など）を規則で判定する"}},
  {Msg::footer_lint,
   {"Examples:\n  mailports lint ~/.msmtprc\n  mailports lint ~/.mbsyncrc ~/.config/aerc/accounts.conf --json\n"
    "  mailports lint --format fetchmail ~/.fetchmailrc\n  mailports lint --format postfix /etc/postfix/main.cf\n"
    "  cat muttrc | mailports lint --format neomutt -\n\n"
    "The format comes from the file's name and content, or --format. Every account's server, port and\n"
    "TLS mode, as the client will really use them (its defaults applied: msmtp without `port` uses 25),\n"
    "goes through the same rules as `check`; what only a client gets wrong has codes of its own. Each\n"
    "finding names FILE:LINE, the account and the setting. A password found in a file is never printed:\n"
    "that one is stored is a finding. include/source lines are reported, not followed.\n\n"
    "Exit status: 0 no problem, 1 warning, 2 error, 64 usage error, 65 a file that cannot be read as its\n"
    "format (with line:column), 66 a file missing or unreadable.",
    "例:\n  mailports lint ~/.msmtprc\n  mailports lint ~/.mbsyncrc ~/.config/aerc/accounts.conf --json\n"
    "  mailports lint --format fetchmail ~/.fetchmailrc\n  mailports lint --format postfix /etc/postfix/main.cf\n"
    "  cat muttrc | mailports lint --format neomutt -\n\n"
    "形式はファイル名と内容から判断するか、--format で指定します。各アカウントのサーバー・ポート・\n"
    "暗号化の方式を、メールソフトが実際に使う形で（既定値も含めて。msmtp は port がなければ 25）、\n"
    "check と同じ規則で判定します。メールソフト特有の誤りには専用のコードがあります。どの所見も\n"
    "ファイル:行、アカウント、設定項目を示します。ファイル中のパスワードは決して表示せず、保存されて\n"
    "いること自体を所見にします。include/source の行は報告するだけで、たどりません。\n\n"
    "終了ステータス: 0 問題なし、1 警告、2 エラー、64 使い方の誤り、65 形式どおりに読めないファイル\n"
    "（行:桁を表示）、66 ファイルがない・読めない。"}},
  {Msg::opt_lint_files, {"Config files to judge (- for standard input, with --format)",
   "判定する設定ファイル（- なら標準入力。--format と一緒に）"}},
  {Msg::opt_lint_format, {"The files' format, instead of detecting it (--formats lists them)",
   "判別せずにこの形式として読む（--formats で一覧）"}},
  {Msg::lint_undetected, {"cannot tell which client '{path}' is for: give --format ({value})",
   "'{path}' がどのメールソフトの設定か判別できません。--format を指定してください（{value}）"}},
  {Msg::lint_stdin_needs_format, {"standard input (-) needs --format", "標準入力（-）には --format が必要です"}},
  {Msg::lint_syntax_binary, {"{path}: a binary file, not a client config", "{path}: バイナリファイルで、設定ファイルではありません"}},
  {Msg::lint_syntax_too_large, {"{path}: larger than 1 MiB, not a client config",
   "{path}: 1 MiB を超えており、設定ファイルではありません"}},
  {Msg::lint_syntax_not_utf8, {"{path}:{line}:{column}: not UTF-8 text", "{path}:{line}:{column}: UTF-8 のテキストではありません"}},
  {Msg::lint_syntax_unterminated_quote, {"{path}:{line}:{column}: quote {value} is not closed on its line",
   "{path}:{line}:{column}: 引用符 {value} が行内で閉じていません"}},
  {Msg::lint_syntax_bad_syntax, {"{path}:{line}:{column}: cannot read this line as {format}: {value}",
   "{path}:{line}:{column}: この行は {format} として読めません: {value}"}},
  {Msg::lint_syntax_not_xml, {"{path}:{line}:{column}: not well-formed XML: {value}",
   "{path}:{line}:{column}: XML として正しくありません: {value}"}},
  {Msg::lint_file_header, {"{path}: {format} ({value})", "{path}: {format}（{value}）"}},
  {Msg::lint_origin_option, {"{client} {version}, from --client-version", "{client} {version}、--client-version で指定"}},
  {Msg::lint_origin_installed, {"{client} {version}, installed here", "{client} {version}、このマシンにある版"}},
  {Msg::lint_origin_newest, {"{client} {version}, the newest known; not installed here",
   "{client} {version}、既知の最新版（このマシンにはありません）"}},
  {Msg::lint_account, {"account {value}", "アカウント {value}"}},
  {Msg::lint_server, {"{proto} {host} port {port}{port_default} {tls}{tls_default} ({setting}, line {line})",
   "{proto} {host} ポート {port}{port_default} {tls}{tls_default}（{setting}、{line} 行目）"}},
  {Msg::lint_default, {" (the client's default)", "（メールソフトの既定値）"}},
  {Msg::lint_no_accounts, {"no account with a mail server found", "メールサーバーを使うアカウントが見つかりません"}},
  {Msg::lint_no_problems, {"no problems found", "問題は見つかりません"}},
  {Msg::lint_summary, {"{path}: {value}", "{path}: {value}"}},
  {Msg::opt_formats, {"List the formats, one a line (name, tab, description), and exit",
   "形式の一覧を 1 行に 1 つ（名前、タブ、説明）表示して終了する"}},
  {Msg::config_format_needed, {"FORMAT is required: one of {value} (--formats lists them)",
   "FORMAT を指定してください: {value} のいずれか（--formats で一覧を表示）"}},
  {Msg::lint_files_needed, {"give at least one FILE (- for standard input, with --format)",
   "FILE を 1 つ以上指定してください（標準入力なら - と --format）"}},
  {Msg::opt_config_timeout, {"--discover: seconds every source may take, all at once (default 10)",
   "--discover: すべての情報源に同時に与える制限時間（秒、既定 10）"}},
});

} // namespace mailports::cli::messages
