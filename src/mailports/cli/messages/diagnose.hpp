// `diagnose`: its help, its diagnostics and the words of its answer.
// Included by cli/messages.cpp only; the entries continue the Msg enum in order.
#pragma once

#include <mailports/cli/messages/entry.hpp>

namespace mailports::cli::messages {

inline constexpr auto k_diagnose = std::to_array<Entry>({
  {Msg::cmd_diagnose, {"From an error message (or a log) to the setting at fault and the fix",
   "エラーメッセージ（またはログ）から、原因の設定と直し方を示す"}},
  {Msg::footer_diagnose,
   {"Examples:\n  mailports diagnose 'error:0A00010B:SSL routines::wrong version number'\n"
    "  mailports diagnose 'Greeting never received' --port 465 --tls starttls\n"
    "  mailports diagnose 'wrong version number' --port 587 --tls implicit\n"
    "  mailports diagnose -- '-ERR [AUTH] Authentication failed.'\n"
    "  pbpaste | mailports diagnose --json\n"
    "  mailports diagnose --file /var/log/mail.log\n"
    "  journalctl -u dovecot | mailports diagnose --file -\n\n"
    "TEXT (or standard input) is one message, which may wrap over lines; put -- before one that\n"
    "starts with '-'. --file reads a log: every line on its own, counted by kind. Standard input\n"
    "of 100 lines or more, or of more than 64 KiB, is a log too, read as --file - reads it.\n"
    "The causes come from data/diagnoses.json, each a finding of the rules table;\n"
    "--proto/--port/--tls/--role say what your client was set to, mark the causes that do not\n"
    "fit it and, once complete, check it (--proto may be left out when the port is one\n"
    "protocol's alone, as in check).\n\n"
    "Exit status: 0 causes found, none an error, 1 warning, 2 error, 3 nothing recognized,\n"
    "64 usage error, 65 invalid catalogue (--diagnoses), 66 --file or --diagnoses missing or unreadable.",
    "例:\n  mailports diagnose 'error:0A00010B:SSL routines::wrong version number'\n"
    "  mailports diagnose 'Greeting never received' --port 465 --tls starttls\n"
    "  mailports diagnose 'wrong version number' --port 587 --tls implicit\n"
    "  mailports diagnose -- '-ERR [AUTH] Authentication failed.'\n"
    "  pbpaste | mailports diagnose --json\n"
    "  mailports diagnose --file /var/log/mail.log\n"
    "  journalctl -u dovecot | mailports diagnose --file -\n\n"
    "TEXT（または標準入力）は一つのメッセージで、複数行にまたがっても構いません。'-' で始まる\n"
    "ものは前に -- を置いてください。--file はログを読み、各行を別々に種類ごとに数えます。\n"
    "100 行以上、または 64 KiB を超える標準入力もログとして、--file - と同じように読みます。\n"
    "原因は data/diagnoses.json にあり、それぞれ規則表の所見です。--proto/--port/--tls/--role で\n"
    "メールソフトの設定を伝えると、それに合わない原因に印を付け、そろえば設定も確かめます\n"
    "（check と同じく、ポート番号が一つのプロトコル専用なら --proto は省けます）。\n\n"
    "終了ステータス: 0 原因あり（エラーなし）、1 警告、2 エラー、3 該当なし、64 使い方の誤り、\n"
    "65 カタログが不正（--diagnoses）、66 --file か --diagnoses がない・読めない。"}},
  {Msg::opt_diagnose_text, {"The error message (words are joined with spaces)", "エラーメッセージ（複数の語は空白でつなぎます）"}},
  {Msg::opt_diagnose_file, {"Read a log from FILE (- for standard input): each line on its own",
   "FILE（- なら標準入力）からログを読み、各行を別々に調べる"}},
  {Msg::opt_diagnose_proto, {"The protocol your client used", "メールソフトが使ったプロトコル"}},
  {Msg::opt_diagnose_port, {"The port your client used", "メールソフトが使ったポート番号"}},
  {Msg::opt_diagnose_tls, {"The TLS mode your client used", "メールソフトが使った暗号化の方式"}},
  {Msg::opt_diagnoses, {"Load the diagnoses catalogue from FILE instead of the built-in one",
   "組み込みの代わりに FILE から診断カタログを読み込む"}},
  {Msg::kind_diagnoses, {"diagnoses", "診断カタログ"}},
  {Msg::diagnose_heading, {"{title} ({source}: {emitters})", "{title}（{source}: {emitters}）"}},
  {Msg::diagnose_causes, {"Likely causes, most likely first:", "考えられる原因（可能性の高い順）:"}},
  {Msg::diagnose_why, {"why this message: {value}", "このメッセージになる理由: {value}"}},
  {Msg::diagnose_fix, {"fix: {value}", "直し方: {value}"}},
  {Msg::diagnose_not_fit, {"does not fit your setting ({value})", "あなたの設定（{value}）には当てはまりません"}},
  {Msg::diagnose_contradiction,
   {"Your setting ({value}) fits none of this message's usual causes: the server may not be what the client expects. `mailports probe HOST` shows what it really offers.",
    "あなたの設定（{value}）は、このメッセージのよくある原因のどれにも当てはまりません。サーバーがメールソフトの想定と違う可能性があります。`mailports probe ホスト名` で実際に何を提供しているか分かります。"}},
  {Msg::diagnose_your_setting, {"Your setting, {value}: {verdict}", "あなたの設定 {value}: {verdict}"}},
  {Msg::diagnose_nothing, {"no known cause for this text; `mailports probe HOST` shows what the server really offers",
   "このテキストに該当する既知の原因はありません。`mailports probe ホスト名` でサーバーが実際に何を提供しているか分かります"}},
  {Msg::diagnose_log_heading, {"{lines} lines read, {kinds} kinds of message recognized", "{lines} 行を読み、{kinds} 種類のメッセージを認識しました"}},
  {Msg::diagnose_log_count, {"lines: {count}, first at line {first}", "{count} 行、最初は {first} 行目"}},
  {Msg::diagnose_example, {"example: {value}", "例: {value}"}},
  {Msg::source_client, {"client", "メールソフト"}},
  {Msg::source_library, {"library", "ライブラリ"}},
  {Msg::source_server, {"server", "サーバー"}},
  {Msg::diagnose_text_and_file, {"give either a message (TEXT) or a log (--file), not both",
   "メッセージ（TEXT）かログ（--file）のどちらか一方を指定してください"}},
  {Msg::diagnose_context_incomplete,
   {"Your setting ({value}) is not complete enough to check; add {missing}.",
    "あなたの設定（{value}）だけでは確かめられません。{missing} を加えてください。"}},
  {Msg::diagnose_context_no_proto,
   {"--proto is needed: port {port} names no single protocol ({reason}).",
    "--proto が必要です。ポート番号 {port} からはプロトコルが一つに決まりません（{reason}）。"}},
  {Msg::diagnose_stdin_is_log,
   {"standard input has 100 lines or more (or 64 KiB): read as a log, line by line, as --file - reads it",
    "標準入力が 100 行（または 64 KiB）以上あるため、--file - と同じくログとして 1 行ずつ読みました"}},
});

} // namespace mailports::cli::messages
