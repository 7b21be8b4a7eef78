// Provider advice: how users sign in, steps before connecting, the way
// forward from ✗, look-ups by server host name.
// Included by cli/messages.cpp only; the entries continue the Msg enum in order.
#pragma once

#include <mailports/cli/messages/entry.hpp>

namespace mailports::cli::messages {

inline constexpr auto k_provider = std::to_array<Entry>({
  {Msg::auth_facts_heading, {"Signing in: {kind}", "ログイン方法: {kind}"}},
  {Msg::auth_kind_oauth2_only, {"OAuth2 only (no password works, not even an app password)",
   "OAuth2 のみ（パスワードは使えません。アプリ パスワードも不可）"}},
  {Msg::auth_kind_app_password, {"an app password, not the account password",
   "アカウントのパスワードではなく、アプリ パスワード"}},
  {Msg::auth_kind_password, {"the ordinary password", "通常のパスワード"}},
  {Msg::auth_facts_source, {"source: {url} (checked {date})", "出典: {url}（{date} 確認）"}},
  {Msg::auth_facts_unverified, {"not read on that page for this release: confirm it there",
   "この版では出典のページで読み直していません。ページで確かめてください"}},
  {Msg::enable_heading, {"Before you connect:", "接続する前に:"}},
  {Msg::enable_visit, {"where: {value}", "設定する場所: {value}"}},
  {Msg::way_checks, {"Standard secure settings to check first (this provider does not publish them):",
   "先に確かめる標準的な安全な設定（このプロバイダーは公開していません）:"}},
  {Msg::server_unverified, {"unverified: no page of the provider could be cited for this server (see the note); it is listed after the published ones",
   "未確認: このサーバーを記載した事業者のページを出典にできていません（補足を参照）。公開されているサーバーの後に並べています"}},
  {Msg::found_by_host, {"{host} is a server of this provider.", "{host} はこのプロバイダーのサーバーです。"}},
  {Msg::found_by_server_domain, {"{domain} is not in the provider list, but this provider's servers are under it ({value}).",
   "{domain} はプロバイダーの一覧にありませんが、このプロバイダーのサーバーがその下にあります（{value}）。"}},
  {Msg::host_also_of, {"Also published by: {value}", "ほかに公開しているプロバイダー: {value}"}},
  {Msg::host_not_found, {"no provider in the provider data ({source}) publishes the server {host}",
   "プロバイダーのデータ（{source}）に、サーバー {host} を公開しているプロバイダーはありません"}},
  {Msg::hint_probe, {"\n  `mailports probe {value}` asks the server itself which ports and TLS modes it offers.",
   "\n  `mailports probe {value}` で、サーバー自身にどのポートと TLS の方式を提供しているかを確かめられます。"}},
  {Msg::opt_host, {"A mail server's host name: answer with the provider that publishes it (e.g. smtp.gmail.com)",
   "メールサーバーのホスト名: それを公開しているプロバイダーの設定を示す（例: smtp.gmail.com）"}},
  {Msg::note_source_line, {"{source} ({url})", "{source}（{url}）"}},
});

} // namespace mailports::cli::messages
