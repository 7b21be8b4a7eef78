// diagnose/catalog: the built-in catalogue, and every way a catalogue file
// is refused, each naming where.
#include "catch.hpp"

#include <mailports/diagnose/catalog.hpp>
#include <mailports/diagnose/match.hpp>
#include <mailports/rules/builtin.hpp>

#include <algorithm>
#include <string>

using namespace mailports;

namespace {

const auto& table = rules::builtin_table();

// One family, with `patch` replacing a piece of it.
std::string one_family(const std::string& from, const std::string& to)
{
  std::string text = R"({"version": "1.0.0", "date": "2026-11-30", "families": [{
    "id": "x-family", "title": {"en": "X", "ja": "X"}, "source": "client", "emitters": ["x"],
    "patterns": [{"regex": "wrong version", "needs": "wrong"}],
    "causes": [{"code": "implicit-on-starttls-port", "setting": {"proto": "smtp", "port": 587, "tls": "implicit"},
                "why": {"en": "w", "ja": "w"}}],
    "sources": ["s"], "examples": ["wrong version"], "near_misses": ["right version"]}]})";
  const auto at = text.find(from);
  REQUIRE(at != std::string::npos);
  return text.replace(at, from.size(), to);
}

std::string error_of(const std::string& json)
{
  const auto loaded = diagnose::load_diagnoses(json, "test", table);
  REQUIRE_FALSE(loaded);
  return loaded.error().message;
}

} // namespace

TEST_CASE("the built-in catalogue loads, and each family's examples match it and its near misses do not",
          "[diagnose][catalog]")
{
  const auto catalog = diagnose::load_diagnoses(diagnose::builtin_diagnoses_json(), "built-in", table);
  REQUIRE(catalog);
  REQUIRE_FALSE(catalog->families.empty());
  for (const auto& family : catalog->families) {
    INFO(family.id);
    for (const auto& example : family.examples) {
      const auto found = diagnose::match(*catalog, diagnose::normalize(example));
      CHECK(std::find(found.begin(), found.end(), &family) != found.end());
    }
    for (const auto& miss : family.near_misses) {
      const auto found = diagnose::match(*catalog, diagnose::normalize(miss));
      CHECK(std::find(found.begin(), found.end(), &family) == found.end());
    }
  }
}

TEST_CASE("a minimal family loads", "[diagnose][catalog]")
{
  const auto loaded = diagnose::load_diagnoses(one_family("", ""), "test", table);
  REQUIRE(loaded);
  CHECK(loaded->families.front().causes.front().setting->port == 587);
}

TEST_CASE("bad catalogues are refused, naming the place", "[diagnose][catalog]")
{
  CHECK(error_of(one_family(R"("wrong version", "needs")", R"("wrong (version", "needs")"))
          .find("/families/0/patterns/0/regex") != std::string::npos);
  CHECK(error_of(one_family(R"("needs": "wrong")", R"("needs": "Wrong")")).find("not normalized") != std::string::npos);
  CHECK(error_of(one_family(R"("code": "implicit-on-starttls-port")", R"("code": "no-such-code")"))
          .find("no finding \"no-such-code\"") != std::string::npos);
  // The setting must show the cause: implicit TLS on 465 is right, not this cause.
  CHECK(error_of(one_family(R"("port": 587)", R"("port": 465)")).find("does not raise") != std::string::npos);
  CHECK(error_of(one_family(R"("source": "client")", R"("source": "phone")")).find("/families/0/source") !=
        std::string::npos);
  CHECK(error_of(one_family(R"("ja": "X")", R"("ja": "")")).find("/families/0/title") != std::string::npos);
  CHECK(error_of(one_family(R"("sources": ["s"],)", R"("sources": [],)")).find("/families/0/sources") !=
        std::string::npos);
  CHECK(error_of(one_family(R"("near_misses": ["right version"]})",
                            R"("near_misses": ["right version"]}, {"id": "x-family", "title": {"en": "X", "ja": "X"}, "source": "client", "emitters": ["x"], "patterns": [{"literal": "abc"}], "causes": [{"code": "credentials-rejected", "why": {"en": "w", "ja": "w"}}], "sources": ["s"], "examples": ["abc"], "near_misses": ["ab"]})"))
          .find("used twice") != std::string::npos);
  CHECK(error_of("{").find("test:") == 0);
}
