// cli/output/provider: a provider's answer in text and JSON, with the sign-in
// facts, the <enable> step, the documentation descriptions, the way forward
// from ✗ and how the provider was found (issue 15).
#include "catch.hpp"

#include <mailports/cli/output/provider.hpp>
#include <mailports/engine/provider.hpp>
#include <mailports/providers/catalog.hpp>
#include <mailports/rules/builtin.hpp>

#include <sstream>
#include <stdexcept>
#include <string>
#include <utility>

using namespace mailports;
using cli::output::Lookup;

namespace {

// The built-in data, unpacked from its packed form.
const providers::Catalog& catalog()
{
  return providers::builtin_catalog();
}

const providers::Provider& provider_for(std::string_view domain)
{
  const auto* p = catalog().find(domain);
  REQUIRE(p != nullptr);
  return *p;
}

std::string text_for(const providers::Provider& p, const Lookup& lookup, core::Lang lang)
{
  const cli::output::Style style(false);
  const auto advice = engine::advise(rules::builtin_table(), p);
  std::ostringstream out;
  cli::output::advice_text(out, {rules::builtin_table(), lang, style}, lookup, catalog().source, p, advice);
  return out.str();
}

cli::output::Json json_for(const providers::Provider& p, const Lookup& lookup, core::Lang lang)
{
  const auto advice = engine::advise(rules::builtin_table(), p);
  return cli::output::advice_json(lookup, catalog().source, p, advice, rules::builtin_table(), lang);
}

bool has(const std::string& text, std::string_view part)
{
  return text.find(part) != std::string::npos;
}

} // namespace

TEST_CASE("text_in: the language asked for, else English, else the first", "[cli][output][provider]")
{
  using providers::LangText;
  const std::vector<LangText> texts{{"de", "Hallo"}, {"en", "Hello"}, {"ja", "こんにちは"}};
  CHECK(cli::output::text_in(texts, core::Lang::ja) == "こんにちは");
  CHECK(cli::output::text_in(texts, core::Lang::en) == "Hello");
  CHECK(cli::output::text_in(std::vector<LangText>{{"de", "Hallo"}, {"en", "Hello"}}, core::Lang::ja) == "Hello");
  CHECK(cli::output::text_in(std::vector<LangText>{{"de", "Hallo"}}, core::Lang::ja) == "Hallo");
  CHECK(cli::output::text_in({}, core::Lang::en).empty());
}

TEST_CASE("Gmail in Japanese: app password, where it lives, source, the enable step", "[cli][output][provider]")
{
  const auto text = text_for(provider_for("gmail.com"), Lookup{"gmail.com", {}, {}, {}, {}}, core::Lang::ja);
  CHECK(has(text, "ログイン方法: アカウントのパスワードではなく、アプリ パスワード"));
  CHECK(has(text, "2 段階認証プロセス"));
  CHECK(has(text, "出典: https://support.google.com/accounts/answer/185833（"));
  CHECK(has(text, "ページで確かめてください")); // verified: false
  CHECK(has(text, "接続する前に:"));
  CHECK(has(text, "You need to enable IMAP access")); // ISPDB has it in English only
  // The note in Japanese, with its source URL.
  CHECK(has(text, "（https://support.google.com/mail/answer/7126229）"));
  CHECK(has(text, "465 を先にしています"));
  CHECK(has(text, "(How to enable IMAP/POP3 in GMail)"));
}

TEST_CASE("Outlook.com: OAuth2 only; a verified fact has no 'confirm' line", "[cli][output][provider]")
{
  const auto outlook = text_for(provider_for("outlook.com"), Lookup{"outlook.com", {}, {}, {}, {}}, core::Lang::en);
  CHECK(has(outlook, "Signing in: OAuth2 only"));
  const auto gmx = text_for(provider_for("gmx.net"), Lookup{"gmx.net", {}, {}, {}, {}}, core::Lang::en);
  CHECK(has(gmx, "Signing in: the ordinary password"));
  CHECK_FALSE(has(gmx, "confirm it there"));
  CHECK(has(gmx, "where: https://hilfe.gmx.net/pop-imap/einschalten.html"));
}

TEST_CASE("nifty: a way forward naming the probe, the check's alternatives, no invented port as the provider's",
          "[cli][output][provider]")
{
  const auto& nifty = provider_for("nifty.com");
  const auto text = text_for(nifty, Lookup{"nifty.com", {}, {}, {}, {}}, core::Lang::en);
  CHECK(has(text, "provider-no-secure-server"));
  CHECK(has(text, "`mailports probe pop.nifty.com`"));
  CHECK(has(text, "Standard secure settings to check first (this provider does not publish them):"));
  CHECK(has(text, "auth-password-encrypted"));
  CHECK_FALSE(has(text, "cleartext-credentials"));
  const auto json = json_for(nifty, Lookup{"nifty.com", {}, {}, {}, {}}, core::Lang::ja);
  const auto& way = json["way_forward"]["incoming"];
  CHECK(way["code"] == "provider-no-secure-server");
  CHECK(way["probe"] == "mailports probe pop.nifty.com");
  CHECK(way["check_first"][0]["port"] == 995);
  CHECK(way["message"].get<std::string>().find("mailports probe pop.nifty.com") != std::string::npos);
  CHECK(json["provider"]["auth_facts"]["kind"] == "password");
  CHECK(json["provider"]["auth_facts"]["where"] == json["provider"]["auth_facts"]["where_ja"]);
}

TEST_CASE("JSON keeps every old key and adds the new ones", "[cli][output][provider]")
{
  const auto json = json_for(provider_for("gmail.com"), Lookup{"gmail.com", {}, {}, {}, {}}, core::Lang::en);
  for (const auto* key : {"schema_version", "found", "email", "domain", "provider", "verdict", "ordering",
                          "incoming", "outgoing", "other", "found_by", "host", "way_forward"}) {
    INFO(key);
    CHECK(json.contains(key));
  }
  for (const auto* key : {"id", "name", "source", "docs", "oauth2", "notes", "ispdb_id", "auth_facts",
                          "enable", "documentation"}) {
    INFO(key);
    CHECK(json["provider"].contains(key));
  }
  CHECK(json["schema_version"] == 1);
  CHECK(json["found_by"] == "domain");
  CHECK(json["host"].is_null());
  CHECK(json["provider"]["notes"][0].contains("text_ja"));
  CHECK(json["incoming"][0]["unverified"] == false);
  CHECK(json["way_forward"]["incoming"].is_null());
}

TEST_CASE("found by host or by server domain: the answer says so", "[cli][output][provider]")
{
  Lookup by_host{"gmail.com", {}, Lookup::By::host, "smtp.gmail.com", {}};
  by_host.others = catalog().find_by_host("smtp.gmail.com");
  by_host.others.erase(by_host.others.begin());
  const auto text = text_for(provider_for("gmail.com"), by_host, core::Lang::en);
  CHECK(has(text, "smtp.gmail.com is a server of this provider."));
  CHECK(has(text, "Also published by: umich.edu"));
  const auto json = json_for(provider_for("gmail.com"), by_host, core::Lang::en);
  CHECK(json["found_by"] == "host");
  CHECK(json["host"] == "smtp.gmail.com");

  const auto* fastmail = catalog().find_by_server_domain("fastmail.com").at(0);
  const auto ja = text_for(*fastmail, Lookup{"fastmail.com", {}, Lookup::By::server_domain, {}, {}}, core::Lang::ja);
  CHECK(has(ja, "fastmail.com はプロバイダーの一覧にありませんが"));
  CHECK(has(ja, "imap.fastmail.com"));
}

TEST_CASE("Yahoo! JAPAN: the unsourced IMAP server is marked, in both languages", "[cli][output][provider]")
{
  const auto& yahoo = provider_for("yahoo.co.jp");
  CHECK(has(text_for(yahoo, Lookup{"yahoo.co.jp", {}, {}, {}, {}}, core::Lang::en), "unverified: no page of the provider"));
  const auto ja = text_for(yahoo, Lookup{"yahoo.co.jp", {}, {}, {}, {}}, core::Lang::ja);
  CHECK(has(ja, "未確認: "));
  CHECK(has(ja, "出典として示せなかった"));
}
