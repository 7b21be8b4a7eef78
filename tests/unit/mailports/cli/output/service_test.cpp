// cli/output/service: templates filled (%REGION%, %HOST%), the JSON's added
// keys, and the text's unconfirmed mark, table note and sources.
#include "catch.hpp"

#include <mailports/cli/output/service.hpp>
#include <mailports/engine/provider.hpp>
#include <mailports/providers/services.hpp>
#include <mailports/rules/builtin.hpp>

#include <sstream>
#include <string>

using namespace mailports;
using providers::ServiceKind;

namespace {

const providers::Service& entry(std::string_view id, ServiceKind kind)
{
  const auto* s = providers::builtin_services().find(id, kind);
  REQUIRE(s != nullptr);
  return *s;
}

std::string text_of(const cli::output::FilledService& filled, core::Lang lang)
{
  const auto advice = engine::advise(rules::builtin_table(), filled.provider);
  std::ostringstream out;
  const cli::output::Style style(false);
  cli::output::service_text(out, {rules::builtin_table(), lang, style}, filled, advice);
  return out.str();
}

} // namespace

TEST_CASE("a region fills %REGION% in every host", "[cli][output][service]")
{
  const auto filled = cli::output::fill_service(entry("ses", ServiceKind::service), "eu-west-1", {}, false);
  REQUIRE_FALSE(filled->outgoing.empty());
  for (const auto& s : filled->provider.outgoing) {
    CHECK(*s.host == "email-smtp.eu-west-1.amazonaws.com");
  }
  const auto advice = engine::advise(rules::builtin_table(), filled->provider);
  const auto json = cli::output::service_json(*filled, advice, rules::builtin_table(), core::Lang::en);
  CHECK(json["service"]["region"] == "eu-west-1");
  CHECK(json["found_by"] == "service");
  CHECK(json["outgoing"][0]["host"] == "email-smtp.eu-west-1.amazonaws.com");
  CHECK(json["service"]["sources"][0]["verified"] == true);
}

TEST_CASE("a hosting template: the host filled in, or its pattern shown", "[cli][output][service]")
{
  const auto& xserver = entry("xserver", ServiceKind::hosting);
  const auto with_host = cli::output::fill_service(xserver, {}, "sv1234.xserver.jp", true);
  CHECK(*with_host->provider.incoming.front().host == "sv1234.xserver.jp");
  CHECK(*with_host->provider.outgoing.front().host == "sv1234.xserver.jp");
  const auto text = text_of(*with_host, core::Lang::en);
  CHECK(text.find("Your server: sv1234.xserver.jp") != std::string::npos);
  CHECK(text.find("hosting-guide-587-no-ssl") != std::string::npos);
  CHECK(text.find("unconfirmed") != std::string::npos);
  CHECK(text.find("(not read: unconfirmed)") != std::string::npos);

  const auto bare = cli::output::fill_service(xserver, {}, {}, false);
  CHECK(*bare->provider.outgoing.front().host == "sv*.xserver.jp");
  const auto ja = text_of(*bare, core::Lang::ja);
  CHECK(ja.find("sv*.xserver.jp の形です") != std::string::npos);
  CHECK(ja.find("未確認") != std::string::npos);
}

TEST_CASE("a verified service has no unconfirmed mark", "[cli][output][service]")
{
  const auto filled = cli::output::fill_service(entry("resend", ServiceKind::service), {}, {}, false);
  const auto text = text_of(*filled, core::Lang::en);
  CHECK(text.find("unconfirmed:") == std::string::npos);
  CHECK(text.find("user name: resend") != std::string::npos);
}

TEST_CASE("JSON: a template without --host has a null host and the pattern; findings have refs",
          "[cli][output][service]")
{
  const auto& sakura = entry("sakura", ServiceKind::hosting);
  const auto json_of = [](const cli::output::FilledService& filled) {
    const auto advice = engine::advise(rules::builtin_table(), filled.provider);
    return cli::output::service_json(filled, advice, rules::builtin_table(), core::Lang::en);
  };
  const auto bare = json_of(*cli::output::fill_service(sakura, {}, {}, false));
  CHECK(bare["domain"].is_null());
  for (const auto* list : {"incoming", "outgoing"}) {
    REQUIRE_FALSE(bare[list].empty());
    for (const auto& server : bare[list]) {
      CHECK(server["host"].is_null());
      CHECK(server["host_template"] == "*.sakura.ne.jp");
      CHECK(server["unverified"] == true);
    }
  }
  REQUIRE_FALSE(bare["service"]["findings"].empty());
  for (const auto& f : bare["service"]["findings"]) {
    CHECK(f.contains("refs"));
    CHECK(f.size() == 4);
  }
  const auto filled = json_of(*cli::output::fill_service(sakura, {}, "taro.sakura.ne.jp", false));
  CHECK(filled["outgoing"][0]["host"] == "taro.sakura.ne.jp");
}

TEST_CASE("an unverified entry's servers point to its banner, not to a note", "[cli][output][service]")
{
  const auto filled = cli::output::fill_service(entry("lolipop", ServiceKind::hosting), {}, {}, false);
  for (const auto lang : {core::Lang::en, core::Lang::ja}) {
    const auto text = text_of(*filled, lang);
    CHECK(text.find("see the note") == std::string::npos);
    CHECK(text.find("補足を参照") == std::string::npos);
  }
  CHECK(text_of(*filled, core::Lang::en).find("\"Signing in\" say why") != std::string::npos);
  CHECK(text_of(*filled, core::Lang::ja).find("「ログイン:」") != std::string::npos);
}
