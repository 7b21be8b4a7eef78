// rules/consistency: the invariants between entries that a schema cannot
// express. A table that breaks one would give the engine two answers for one
// setting, or recommend something it calls broken.
#include "catch.hpp"

#include "../support.hpp"

#include <mailports/rules/builtin.hpp>
#include <mailports/rules/validate.hpp>

#include <functional>
#include <string>

using nlohmann::json;

namespace {

// A well-formed entry to append; only the key fields vary.
json entry(const char* proto, int port, const char* tls, const char* role, const char* status)
{
  return json{{"proto", proto},       {"port", port},
              {"tls", tls},           {"role", role},
              {"status", status},     {"service", nullptr},
              {"refs", {"RFC 6409"}}, {"findings", json::array()},
              {"notes", json::array()},
              {"summary", {{"en", "test entry"}, {"ja", "テスト"}}}};
}

// Result of loading the real rules file after `mutate`: "" when it loads.
std::string problem_after(const std::function<void(json&)>& mutate)
{
  auto document = mailports::test::rules_document();
  REQUIRE(document["entries"].size() == 35); // the indexes below assume this
  mutate(document);
  const auto result = mailports::test::load_document(document);
  return result ? std::string() : result.error().message;
}

} // namespace

TEST_CASE("the built-in table is consistent", "[rules][consistency]")
{
  CHECK(mailports::rules::check_consistency(mailports::rules::builtin_table()) == "");
}

TEST_CASE("a table without entries has no ranked client entry", "[rules][consistency]")
{
  const mailports::rules::Table empty{};
  CHECK(mailports::rules::check_consistency(empty) == "/entries: no ranked client entry for smtp");
}

TEST_CASE("two entries for the same (proto, port, tls) are rejected", "[rules][consistency]")
{
  SECTION("an exact copy")
  {
    const auto message = problem_after([](json& d) {
      auto copy = d["entries"][8];
      copy.erase("rank");
      d["entries"].push_back(copy);
    });
    CHECK(message == "test.json: /entries/35: duplicate key (smtp 587 starttls), already at "
                     "/entries/8 (smtp 587 starttls)");
  }
  SECTION("a wildcard protocol and mode over concrete entries")
  {
    const auto message = problem_after([](json& d) {
      d["entries"].push_back(entry("any", 465, "any", "any", "not-mail-port"));
    });
    CHECK(message == "test.json: /entries/35: duplicate key (any 465 any), already at "
                     "/entries/4 (smtp 465 implicit)");
  }
  SECTION("a wildcard mode for one protocol")
  {
    const auto message = problem_after([](json& d) {
      d["entries"].push_back(entry("imap", 143, "any", "client", "insecure"));
    });
    CHECK(message == "test.json: /entries/35: duplicate key (imap 143 any), already at "
                     "/entries/31 (imap 143 starttls)");
  }
  SECTION("a concrete entry under an earlier wildcard")
  {
    const auto message = problem_after([](json& d) {
      d["entries"].push_back(entry("pop3", 443, "implicit", "client", "mismatch"));
    });
    CHECK(message == "test.json: /entries/35: duplicate key (pop3 443 implicit), already at "
                     "/entries/17 (any 443 any)");
  }
}

TEST_CASE("the same port may carry another protocol", "[rules][consistency]")
{
  CHECK(problem_after([](json& d) {
          d["entries"].push_back(entry("imap", 2525, "starttls", "client", "fallback"));
        })
        == "");
}

TEST_CASE("entries of one (proto, port) agree on service and role", "[rules][consistency]")
{
  CHECK(problem_after([](json& d) { d["entries"][1]["service"] = "smtp-relay"; })
        == "test.json: /entries/1: service and role must match /entries/0, the same protocol "
           "and port");
  CHECK(problem_after([](json& d) {
          d["entries"][9]["role"] = "relay";
        }).rfind("test.json: /entries/9: service and role must match /entries/8", 0)
        == 0);
}

TEST_CASE("a rank is only given to a concrete, usable entry", "[rules][consistency]")
{
  CHECK(problem_after([](json& d) { d["entries"][3]["rank"] = 3; })
        == "test.json: /entries/3/rank: status \"mismatch\" cannot be recommended");
  CHECK(problem_after([](json& d) { d["entries"][2]["rank"] = 3; })
        == "test.json: /entries/2/rank: status \"insecure\" cannot be recommended");
  CHECK(problem_after([](json& d) {
          auto ranked = entry("smtp", 8025, "any", "client", "fallback");
          ranked["rank"] = 4;
          d["entries"].push_back(ranked);
        })
        == "test.json: /entries/35/rank: a ranked entry needs a concrete proto, tls and role");
}

TEST_CASE("ranks are unique per (proto, role)", "[rules][consistency]")
{
  CHECK(problem_after([](json& d) {
          auto ranked = entry("smtp", 8025, "starttls", "client", "fallback");
          ranked["rank"] = 1;
          d["entries"].push_back(ranked);
        })
        == "test.json: /entries/35/rank: rank 1 is already used by /entries/4 for smtp client");
  // The same rank for another role is fine: relay and client lists are separate.
  CHECK(problem_after([](json& d) {
          auto ranked = entry("smtp", 8025, "starttls", "relay", "fallback");
          ranked["rank"] = 3;
          d["entries"].push_back(ranked);
        })
        == "");
}

TEST_CASE("every protocol needs a ranked client entry", "[rules][consistency]")
{
  const auto message = problem_after([](json& d) {
    for (auto& e : d["entries"]) {
      if (e["proto"] == "pop3") {
        e.erase("rank");
      }
    }
  });
  CHECK(message == "test.json: /entries: no ranked client entry for pop3");
}
