// providers/services: the loader's checks, the built-in bytes against the
// file, look-ups by name and by host pattern.
#include "catch.hpp"

#include "../support.hpp"

#include <mailports/engine/provider.hpp>
#include <mailports/providers/services.hpp>
#include <mailports/rules/builtin.hpp>

#include <nlohmann/json.hpp>

#include <set>
#include <string>

using namespace mailports;
using namespace mailports::providers;
using nlohmann::json;

namespace {

std::string services_text()
{
  return test::slurp(std::string(MAILPORTS_SOURCE_DIR) + "/data/services.json");
}

bool defined(std::string_view code)
{
  return rules::builtin_table().finding(code) != nullptr;
}

std::string load_error(const json& doc)
{
  const auto loaded = load_services(doc.dump(), "services.json", defined);
  REQUIRE_FALSE(loaded.has_value());
  return loaded.error().message;
}

} // namespace

TEST_CASE("data/services.json loads, and the built-in bytes hold the same entries", "[providers][services]")
{
  const auto loaded = load_services(services_text(), "services.json", defined);
  REQUIRE(loaded.has_value());
  const auto& file = loaded->services().entries;
  const auto& built = builtin_services().entries;
  REQUIRE(file.size() == built.size());
  for (std::size_t i = 0; i < file.size(); ++i) {
    INFO(file[i].id);
    CHECK(file[i].id == built[i].id);
    CHECK(file[i].servers.size() == built[i].servers.size());
    CHECK(file[i].sources.size() == built[i].sources.size());
    CHECK(file[i].username_ja == built[i].username_ja);
    CHECK(file[i].verified == built[i].verified);
    for (std::size_t j = 0; j < file[i].servers.size(); ++j) {
      CHECK(file[i].servers[j].host == built[i].servers[j].host);
      CHECK(file[i].servers[j].port == built[i].servers[j].port);
      CHECK(file[i].servers[j].tls == built[i].servers[j].tls);
      CHECK(file[i].servers[j].username == built[i].servers[j].username);
    }
  }
}

TEST_CASE("every built-in entry: a source, en and ja, codes that print as they are", "[providers][services]")
{
  std::set<std::string_view> ids;
  for (const auto& s : builtin_services().entries) {
    INFO(s.id);
    CHECK(ids.insert(s.id).second);
    REQUIRE_FALSE(s.sources.empty());
    CHECK(s.sources.front().url.starts_with("http"));
    CHECK_FALSE(s.username_en.empty());
    CHECK_FALSE(s.username_ja.empty());
    CHECK_FALSE(s.auth_ja.empty());
    for (const auto code : s.codes) {
      const auto* def = rules::builtin_table().finding(code);
      REQUIRE(def != nullptr);
      CHECK(def->message.in(core::Lang::en).find('{') == std::string_view::npos);
      CHECK(def->message.in(core::Lang::ja).find('{') == std::string_view::npos);
    }
  }
}

TEST_CASE("services are found by id and alias, of their own kind", "[providers][services]")
{
  const auto& services = builtin_services();
  REQUIRE(services.find("sendgrid", ServiceKind::service) != nullptr);
  CHECK(services.find("sendinblue", ServiceKind::service)->id == "brevo");
  CHECK(services.find("xserver", ServiceKind::service) == nullptr);
  CHECK(services.find("xserver", ServiceKind::hosting)->id == "xserver");
  CHECK(services.find("sendgird", ServiceKind::service) == nullptr);
}

TEST_CASE("host patterns match one run of host characters", "[providers][services]")
{
  CHECK(host_matches("sv*.xserver.jp", "sv1234.xserver.jp"));
  CHECK(host_matches("*.sakura.ne.jp", "taro.sakura.ne.jp"));
  CHECK_FALSE(host_matches("sv*.xserver.jp", "sv.xserver.jp"));
  CHECK_FALSE(host_matches("sv*.xserver.jp", "sv1.evil.xserver.jp"));
  CHECK_FALSE(host_matches("sv*.xserver.jp", "sv1234.xserver.jp.evil.com"));
  CHECK_FALSE(host_matches("*.sakura.ne.jp", "a.b.sakura.ne.jp"));
  CHECK(builtin_services().find_by_host("sv1234.xserver.jp")->id == "xserver");
  CHECK(builtin_services().find_by_host("mail22.conoha.ne.jp")->id == "conoha-wing");
  CHECK(builtin_services().find_by_host("smtp.gmail.com") == nullptr);
}

TEST_CASE("the engine judges a service's servers as a provider's: 2525 is the non-standard fallback",
          "[providers][services]")
{
  const auto& sendgrid = *builtin_services().find("sendgrid", ServiceKind::service);
  Provider p;
  p.id = sendgrid.id;
  p.outgoing = sendgrid.servers;
  const auto advice = engine::advise(rules::builtin_table(), p);
  REQUIRE(advice.outgoing.size() == 3);
  CHECK(*advice.outgoing.front().server->port == 465);
  const auto& last = advice.outgoing.back();
  CHECK(*last.server->port == 2525);
  CHECK(last.check.verdict == core::Verdict::warning);
  CHECK(advice.verdict == core::Verdict::ok);
}

TEST_CASE("the loader refuses what the data must not say", "[providers][services]")
{
  const auto good = json::parse(services_text());
  SECTION("an entry without a source")
  {
    auto doc = good;
    doc["entries"][0]["sources"] = json::array();
    CHECK(load_error(doc).find("/entries/0/sources") != std::string::npos);
  }
  SECTION("a text without Japanese")
  {
    auto doc = good;
    doc["entries"][0]["auth"].erase("ja");
    CHECK(load_error(doc).find("/entries/0/auth") != std::string::npos);
  }
  SECTION("a duplicate id, or an id used as another's alias")
  {
    auto doc = good;
    doc["entries"][1]["id"] = "sendgrid";
    CHECK(load_error(doc).find("also used by /entries/0") != std::string::npos);
    doc = good;
    doc["entries"][1]["aliases"] = json::array({"twilio-sendgrid"});
    CHECK(load_error(doc).find("twilio-sendgrid") != std::string::npos);
  }
  SECTION("a code the rules table does not define")
  {
    auto doc = good;
    doc["entries"][0]["codes"] = json::array({"no-such-code"});
    CHECK(load_error(doc).find("no-such-code") != std::string::npos);
  }
  SECTION("%REGION% without regions, and a source that is not a URL")
  {
    auto doc = good;
    doc["entries"][0]["servers"][0]["host"] = "smtp.%REGION%.example.com";
    CHECK(load_error(doc).find("/entries/0/servers/0/host") != std::string::npos);
    doc = good;
    doc["entries"][0]["sources"][0]["url"] = "ftp://example.com";
    CHECK(load_error(doc).find("/entries/0/sources/0/url") != std::string::npos);
  }
  SECTION("a host pattern whose example it does not match")
  {
    auto doc = good;
    for (auto& e : doc["entries"]) {
      if (e["id"] == "xserver") {
        e["host_example"] = "www.example.com";
      }
    }
    CHECK(load_error(doc).find("host_example") != std::string::npos);
  }
}
