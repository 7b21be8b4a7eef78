// probe's extra handshakes, the cleartext check and --as (issue 16).
// Included by cli/messages.cpp only; the entries continue the Msg enum in order.
#pragma once

#include <mailports/cli/messages/entry.hpp>

namespace mailports::cli::messages {

inline constexpr auto k_probe_depth = std::to_array<Entry>({
  {Msg::opt_as, {"Judge the port as this standard service's port, e.g. --port 10587 --as submission "
                 "(a test server on a high port)",
                 "このポートを標準サービスのポートとして判定する（例: --port 10587 --as submission。"
                 "高いポート番号で動かす試験用サーバーに）"}},
  {Msg::probe_bad_as, {"unknown service '{value}' for --as: expected one of {list}",
   "--as のサービス '{value}' は不明です。次のどれかを指定してください: {list}"}},
  {Msg::probe_as_one_port, {"--as {value} judges one port: name exactly one with --port or HOST:PORT",
   "--as {value} が判定するポートは 1 つです。--port か ホスト名:ポート番号 で 1 つだけ指定してください"}},
  {Msg::probe_as_proto_conflict, {"--as {value} means {proto}, but the protocol is {other}",
   "--as {value} は {proto} のサービスですが、プロトコルの指定は {other} です"}},
  {Msg::probe_judged_as, {"judged as", "判定の基準"}},
  {Msg::probe_judged_as_value, {"{service} (port {port})", "{service}（ポート番号 {port}）"}},
  {Msg::probe_versions, {"TLS versions accepted", "受け付ける TLS バージョン"}},
  {Msg::probe_versions_refused, {"{accepted}; refused: {refused}", "{accepted}。拒否: {refused}"}},
  {Msg::probe_no_fs, {"cipher without forward secrecy", "前方秘匿性のない暗号"}},
  {Msg::probe_weak_cipher, {"cipher below 128 bits", "128 ビット未満の暗号"}},
  {Msg::probe_accepted_cipher, {"accepted ({cipher})", "受け付ける（{cipher}）"}},
  {Msg::probe_refused, {"refused", "拒否"}},
  {Msg::probe_not_known, {"not known ({reason})", "不明（{reason}）"}},
  {Msg::probe_cleartext, {"going on before STARTTLS", "STARTTLS 前の続行"}},
  {Msg::probe_cleartext_accepted, {"accepted", "受け付ける"}},
  {Msg::probe_cleartext_accepted_reply, {"accepted ({reply})", "受け付ける（{reply}）"}},
  {Msg::probe_cleartext_refused_reply, {"refused ({reply})", "拒否（{reply}）"}},
  {Msg::opt_no_extra_handshakes, {"Only the one handshake per port: do not also try TLS 1.1/1.0 and weak ciphers "
                                   "(fewer connections, e.g. for a server that limits them)",
                                   "ポートごとのハンドシェイクを 1 回だけにする。TLS 1.1/1.0 や弱い暗号は試さない"
                                   "（接続数を制限しているサーバーなどに）"}},
});

} // namespace mailports::cli::messages
