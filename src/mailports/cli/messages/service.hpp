// Sending services and hosting templates: recommend --service/--hosting and
// the hosts filled into their templates.
// Included by cli/messages.cpp only; the entries continue the Msg enum in order.
#pragma once

#include <mailports/cli/messages/entry.hpp>

namespace mailports::cli::messages {

inline constexpr auto k_service = std::to_array<Entry>({
  {Msg::opt_service, {"A sending service: its SMTP servers, user-name rule and sign-in notes (e.g. sendgrid, ses)",
   "送信サービス: その SMTP サーバー、ユーザー名の決まり、ログインの注意を示す（例: sendgrid、ses）"}},
  {Msg::opt_region, {"The region of a service with regional hosts (Amazon SES: e.g. eu-west-1)",
   "地域ごとのホストを持つサービスのリージョン（Amazon SES: 例 eu-west-1）"}},
  {Msg::opt_hosting, {"A hosting company whose mail server is per account; with --host, the host filled in (e.g. xserver)",
   "メールサーバーがアカウントごとに異なるレンタルサーバー。--host を付けるとホスト名を埋めて示す（例: xserver）"}},
  {Msg::opt_names_list, {"; one of: {value}", "。次のいずれか: {value}"}},
  {Msg::service_heading, {"{name}: sending service ({id})", "{name}: 送信サービス（{id}）"}},
  {Msg::hosting_heading, {"{name}: hosting ({id})", "{name}: レンタルサーバー（{id}）"}},
  {Msg::service_host_filled, {"Your server: {host}", "あなたのサーバー: {host}"}},
  {Msg::service_host_template, {"Your server's name has the form {pattern} (e.g. {example}): `--host` fills it in.",
   "サーバー名は {pattern} の形です（例: {example}）。`--host` で埋めて表示します。"}},
  {Msg::service_region_line, {"Region: {value}", "リージョン: {value}"}},
  {Msg::service_username_heading, {"User name:", "ユーザー名:"}},
  {Msg::service_auth_heading, {"Signing in:", "ログイン:"}},
  {Msg::service_unverified, {"unconfirmed: the service's own pages were not read for these settings in this release; confirm them there before use",
   "未確認: この版では、これらの設定をサービス自身のページで読んで確かめていません。使う前にそこで確かめてください"}},
  {Msg::service_sources_heading, {"Sources:", "出典:"}},
  {Msg::service_source_read, {"{name}: {url} (read {date})", "{name}: {url}（{date} に確認）"}},
  {Msg::service_source_unread, {"{name}: {url} (not read: unconfirmed)", "{name}: {url}（未読: 未確認）"}},
  {Msg::service_unknown, {"no sending service named '{value}'", "'{value}' という送信サービスはありません"}},
  {Msg::hosting_unknown, {"no hosting template named '{value}'", "'{value}' というレンタルサーバーのひな形はありません"}},
  {Msg::names_known, {"\n  expected one of: {names}", "\n  次のいずれか: {names}"}},
  {Msg::service_region_needed, {"{name} has one host per region: add --region REGION (one of: {names})",
   "{name} はリージョンごとにホストが異なります。--region REGION を付けてください（次のいずれか: {names}）"}},
  {Msg::service_region_unknown, {"{name} has no region '{value}'; expected one of: {names}",
   "{name} に '{value}' というリージョンはありません。次のいずれか: {names}"}},
  {Msg::service_region_not_used, {"--region '{value}': {name} has the same hosts in every region",
   "--region '{value}': {name} はリージョンによらず同じホストです"}},
  {Msg::service_host_mismatch, {"--host '{value}' is not a server name of {name} (expected the form {pattern})",
   "--host '{value}' は {name} のサーバー名ではありません（{pattern} の形のはずです）"}},
  {Msg::service_host_not_used, {"--host '{value}': {name} has fixed server names, not one per account",
   "--host '{value}': {name} のサーバー名はアカウントごとではなく共通です"}},
  {Msg::region_needs_service, {"--region '{value}' needs --service (e.g. --service ses --region eu-west-1)",
   "--region '{value}' には --service が必要です（例: --service ses --region eu-west-1）"}},
  {Msg::col_kind, {"KIND", "種類"}},
  {Msg::service_server_unverified, {"unverified: not confirmed on the service's own pages (the unconfirmed line above and \"Signing in\" say why); it is listed after the confirmed ones",
   "未確認: サービス自身のページで確かめていません（理由は上の「未確認」の行と「ログイン:」にあります）。確認済みのサーバーの後に並べています"}},
  {Msg::service_option_not_used, {"{option} '{value}' is for --proto, not {mode}: the answer lists the servers the service publishes for mail clients",
   "{option} '{value}' は --proto と使うオプションで、{mode} には使えません（サービスがメールソフト向けに公開しているサーバーを示します）"}},
});

} // namespace mailports::cli::messages
