// Why a check --batch line was refused (the "error" of its result).
// Included by cli/messages.cpp only; the entries continue the Msg enum in order.
#pragma once

#include <mailports/cli/messages/entry.hpp>

namespace mailports::cli::messages {

inline constexpr auto k_batch = std::to_array<Entry>({
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
  {Msg::batch_tls_conflict, {"URL scheme '{field}' already gives the TLS mode, but \"tls\" says '{value}'",
                             "URL のスキーム '{field}' で暗号化の方式が決まっていますが、\"tls\" は '{value}' です"}},
  {Msg::batch_line_too_long, {"line longer than {value} bytes", "行が {value} バイトを超えています"}},
});

} // namespace mailports::cli::messages
