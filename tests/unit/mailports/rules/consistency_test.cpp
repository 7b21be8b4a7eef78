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
  REQUIRE(document["entries"].size() == 36); // the indexes below assume this
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
      auto copy = d["entries"][9];
      copy.erase("rank");
      d["entries"].push_back(copy);
    });
    CHECK(message == "test.json: /entries/36: duplicate key (smtp 587 starttls client), already at "
                     "/entries/9 (smtp 587 starttls client)");
  }
  SECTION("a wildcard protocol and mode over concrete entries")
  {
    const auto message = problem_after([](json& d) {
      d["entries"].push_back(entry("any", 465, "any", "any", "not-mail-port"));
    });
    CHECK(message == "test.json: /entries/36: duplicate key (any 465 any any), already at "
                     "/entries/5 (smtp 465 implicit client)");
  }
  SECTION("two rows for any mode of one role")
  {
    const auto message = problem_after([](json& d) {
      auto copy = d["entries"][4];
      copy["status"] = "insecure";
      d["entries"].push_back(copy);
    });
    CHECK(message == "test.json: /entries/36: duplicate key (smtp 25 any client), already at "
                     "/entries/4 (smtp 25 any client)");
  }
  SECTION("a row for one role over a row for any role")
  {
    const auto message = problem_after([](json& d) {
      auto row = entry("smtp", 25, "implicit", "client", "mismatch");
      row["service"] = "smtp";
      d["entries"].push_back(row);
    });
    CHECK(message == "test.json: /entries/36: duplicate key (smtp 25 implicit client), already at "
                     "/entries/3 (smtp 25 implicit any)");
  }
  SECTION("a concrete entry under an earlier wildcard")
  {
    const auto message = problem_after([](json& d) {
      d["entries"].push_back(entry("pop3", 443, "implicit", "client", "mismatch"));
    });
    CHECK(message == "test.json: /entries/36: duplicate key (pop3 443 implicit client), already at "
                     "/entries/18 (any 443 any any)");
  }
}

TEST_CASE("a row naming a mode may sit inside a row for any mode", "[rules][consistency]")
{
  // The built-in table does it on port 25: implicit TLS is a mismatch for
  // every role, inside the mail clients' general row.
  CHECK(problem_after([](json& d) {
          auto row = entry("imap", 143, "any", "client", "discouraged");
          row["service"] = "imap";
          d["entries"].push_back(row);
        })
        == "");
  // Not across protocols: a protocol's rows do not hide under a wildcard.
  CHECK(problem_after([](json& d) {
          d["entries"].push_back(entry("any", 143, "any", "client", "discouraged"));
        }).rfind("test.json: /entries/36: duplicate key (any 143 any client)", 0)
        == 0);
}

TEST_CASE("the same port may carry another protocol", "[rules][consistency]")
{
  CHECK(problem_after([](json& d) {
          d["entries"].push_back(entry("imap", 2525, "starttls", "client", "fallback"));
        })
        == "");
}

TEST_CASE("entries of one (proto, port) agree on service", "[rules][consistency]")
{
  CHECK(problem_after([](json& d) { d["entries"][1]["service"] = "smtp-relay"; })
        == "test.json: /entries/1: service must match /entries/0, the same protocol and port");
  CHECK(problem_after([](json& d) { d["entries"][4]["service"] = nullptr; })
        == "test.json: /entries/4: service must match /entries/0, the same protocol and port");
}

TEST_CASE("a rank is only given to a concrete, usable entry", "[rules][consistency]")
{
  CHECK(problem_after([](json& d) { d["entries"][12]["rank"] = 3; })
        == "test.json: /entries/12/rank: status \"mismatch\" cannot be recommended");
  CHECK(problem_after([](json& d) { d["entries"][2]["rank"] = 3; })
        == "test.json: /entries/2/rank: status \"insecure\" cannot be recommended");
  CHECK(problem_after([](json& d) {
          auto ranked = entry("smtp", 8025, "any", "client", "fallback");
          ranked["rank"] = 4;
          d["entries"].push_back(ranked);
        })
        == "test.json: /entries/36/rank: a ranked entry needs a concrete proto, tls and role");
}

TEST_CASE("ranks are unique per (proto, role)", "[rules][consistency]")
{
  CHECK(problem_after([](json& d) {
          auto ranked = entry("smtp", 8025, "starttls", "client", "fallback");
          ranked["rank"] = 1;
          d["entries"].push_back(ranked);
        })
        == "test.json: /entries/36/rank: rank 1 is already used by /entries/5 for smtp client");
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
