// rules/validate: the schema checks and cross-references of build_table.
// Each bad input is data/rules.json with one mutation, and each error must
// name the JSON pointer of the bad value and say what is wrong with it.
#include "catch.hpp"

#include "../support.hpp"

#include <mailports/rules/validate.hpp>

#include <cstdint>
#include <functional>
#include <limits>
#include <string>

using nlohmann::json;
using mailports::test::contains;

namespace {

struct BadInput {
  const char* name;
  std::function<void(json&)> mutate;
  const char* pointer; // the message must start with "POINTER: "
  const char* reason;  // and contain this
};

// The error build_table gives for the mutated real rules file.
std::string error_for(const std::function<void(json&)>& mutate)
{
  auto document = mailports::test::rules_document();
  mutate(document);
  const auto result = mailports::rules::build_table(document);
  REQUIRE_FALSE(result.has_value());
  return result.error().message;
}

void check_all(std::initializer_list<BadInput> cases)
{
  for (const auto& c : cases) {
    const auto message = error_for(c.mutate);
    INFO(c.name << "\n  message: " << message);
    CHECK(message.rfind(std::string(c.pointer) + ": ", 0) == 0);
    CHECK(contains(message, c.reason));
  }
}

} // namespace

TEST_CASE("build_table accepts the real rules file", "[rules][validate]")
{
  const auto result = mailports::rules::build_table(mailports::test::rules_document());
  if (!result) {
    FAIL(result.error().message);
  }
  CHECK(result->table().entries.size() == 36);
}

TEST_CASE("build_table reads a finding's role, absent for both roles", "[rules][validate]")
{
  const auto result = mailports::rules::build_table(mailports::test::rules_document());
  REQUIRE(result.has_value());
  const auto& table = result->table();
  CHECK(table.finding("implicit-tls-preferred")->role == mailports::core::Role::client);
  CHECK(table.finding("relay-starttls-required")->role == mailports::core::Role::relay);
  CHECK_FALSE(table.finding("unknown-port")->role.has_value());
}

TEST_CASE("build_table accepts the file without its optional $schema", "[rules][validate]")
{
  auto document = mailports::test::rules_document();
  document.erase("$schema");
  CHECK(mailports::rules::build_table(document).has_value());
}

TEST_CASE("build_table rejects wrong types with the pointer of the value", "[rules][validate]")
{
  check_all({
    {"port as a string", [](json& d) { d["entries"][0]["port"] = "25"; }, "/entries/0/port",
     "expected an integer, got string"},
    {"port as a fraction", [](json& d) { d["entries"][2]["port"] = 25.5; }, "/entries/2/port",
     "expected an integer, got number"},
    {"version as a number", [](json& d) { d["version"] = 1; }, "/version",
     "expected a string, got number"},
    {"modes as an array", [](json& d) { d["modes"] = json::array(); }, "/modes",
     "expected an object, got array"},
    {"text as a string", [](json& d) { d["notes"]["465-history"]["title"] = "465"; },
     "/notes/465-history/title", "expected an object, got string"},
    {"refs as a string", [](json& d) { d["entries"][4]["refs"] = "RFC 8314"; },
     "/entries/4/refs", "expected an array, got string"},
    {"a finding code as a number", [](json& d) { d["entries"][8]["findings"][0] = 7; },
     "/entries/8/findings/0", "expected a string, got number"},
    {"mode findings as an object",
     [](json& d) { d["modes"]["none"]["findings"] = json::object(); }, "/modes/none/findings",
     "expected an array, got object"},
  });
}

TEST_CASE("build_table rejects missing and unknown fields", "[rules][validate]")
{
  check_all({
    {"entry without port", [](json& d) { d["entries"][3].erase("port"); }, "/entries/3",
     "missing field \"port\""},
    {"text without ja", [](json& d) { d["findings"]["unknown-port"]["message"].erase("ja"); },
     "/findings/unknown-port/message", "missing field \"ja\""},
    {"modes without implicit", [](json& d) { d["modes"].erase("implicit"); }, "/modes",
     "missing field \"implicit\""},
    {"top level without entries", [](json& d) { d.erase("entries"); }, "/",
     "missing field \"entries\""},
    {"unknown entry field", [](json& d) { d["entries"][0]["colour"] = "red"; },
     "/entries/0/colour", "unknown field"},
    {"unknown top-level field", [](json& d) { d["extra"] = 1; }, "/extra", "unknown field"},
    {"unknown field with a slash in its name", [](json& d) { d["entries"][1]["a/b"] = 1; },
     "/entries/1/a~1b", "unknown field"},
    {"a third language", [](json& d) { d["modes"]["none"]["label"]["de"] = "keine"; },
     "/modes/none/label/de", "unknown field"},
  });
}

TEST_CASE("build_table rejects unknown names", "[rules][validate]")
{
  check_all({
    {"TLS mode ssl3", [](json& d) { d["entries"][0]["tls"] = "ssl3"; }, "/entries/0/tls",
     "unknown TLS mode \"ssl3\""},
    // Aliases are for people typing; the data uses canonical names only.
    {"TLS alias ssl", [](json& d) { d["entries"][4]["tls"] = "ssl"; }, "/entries/4/tls",
     "unknown TLS mode \"ssl\""},
    {"protocol", [](json& d) { d["entries"][0]["proto"] = "smtps"; }, "/entries/0/proto",
     "unknown protocol \"smtps\""},
    {"role", [](json& d) { d["entries"][0]["role"] = "server"; }, "/entries/0/role",
     "unknown role \"server\""},
    {"status", [](json& d) { d["entries"][0]["status"] = "great"; }, "/entries/0/status",
     "unknown status \"great\""},
    {"severity", [](json& d) { d["findings"]["unknown-port"]["severity"] = "fatal"; },
     "/findings/unknown-port/severity", "unknown severity \"fatal\""},
    {"mode finding role",
     [](json& d) { d["modes"]["none"]["findings"][0]["role"] = "any"; },
     "/modes/none/findings/0/role", "unknown role \"any\""},
    {"finding role", [](json& d) { d["findings"]["unknown-port"]["role"] = "any"; },
     "/findings/unknown-port/role", "unknown role \"any\""},
  });
}

TEST_CASE("build_table rejects out-of-range numbers", "[rules][validate]")
{
  check_all({
    {"port 0", [](json& d) { d["entries"][0]["port"] = 0; }, "/entries/0/port",
     "from 1 to 65535, got 0"},
    {"port 70000", [](json& d) { d["entries"][0]["port"] = 70000; }, "/entries/0/port",
     "from 1 to 65535, got 70000"},
    {"negative port", [](json& d) { d["entries"][0]["port"] = -25; }, "/entries/0/port",
     "got -25"},
    {"port beyond 64 bits signed",
     [](json& d) { d["entries"][0]["port"] = std::numeric_limits<std::uint64_t>::max(); },
     "/entries/0/port", "from 1 to 65535"},
    {"rank 0", [](json& d) { d["entries"][0]["rank"] = 0; }, "/entries/0/rank",
     "from 1 to 99, got 0"},
    {"rank 100", [](json& d) { d["entries"][0]["rank"] = 100; }, "/entries/0/rank",
     "from 1 to 99, got 100"},
  });
}

TEST_CASE("build_table rejects empty texts and lists", "[rules][validate]")
{
  check_all({
    {"empty ja text", [](json& d) { d["findings"]["unknown-port"]["message"]["ja"] = ""; },
     "/findings/unknown-port/message/ja", "non-empty string"},
    {"empty en label", [](json& d) { d["modes"]["starttls"]["label"]["en"] = ""; },
     "/modes/starttls/label/en", "non-empty string"},
    {"empty service", [](json& d) { d["entries"][0]["service"] = ""; }, "/entries/0/service",
     "non-empty string"},
    {"no refs", [](json& d) { d["entries"][0]["refs"] = json::array(); }, "/entries/0/refs",
     "at least one item"},
    {"empty ref", [](json& d) { d["notes"]["465-history"]["refs"][1] = ""; },
     "/notes/465-history/refs/1", "non-empty string"},
    {"no entries", [](json& d) { d["entries"] = json::array(); }, "/entries",
     "non-empty array"},
  });
}

TEST_CASE("build_table rejects malformed versions, dates and codes", "[rules][validate]")
{
  check_all({
    {"two-part version", [](json& d) { d["version"] = "1.0"; }, "/version",
     "not a version like 1.2.3"},
    {"version with a suffix", [](json& d) { d["version"] = "1.0.0-rc1"; }, "/version",
     "not a version"},
    {"version ending in a dot", [](json& d) { d["version"] = "1.0.0."; }, "/version",
     "not a version"},
    {"date with slashes", [](json& d) { d["date"] = "2026/11/25"; }, "/date",
     "not a date like 2026-01-31"},
    {"upper-case finding key",
     [](json& d) { d["findings"]["Unknown_Port"] = d["findings"]["unknown-port"]; },
     "/findings/Unknown_Port", "not a kebab-case code"},
    {"note id with a double dash", [](json& d) { d["notes"]["a--b"] = d["notes"]["465-history"]; },
     "/notes/a--b", "not a kebab-case code"},
    {"finding code with a trailing dash",
     [](json& d) { d["entries"][8]["findings"][0] = "implicit-tls-preferred-"; },
     "/entries/8/findings/0", "not a kebab-case code"},
  });
}

TEST_CASE("build_table rejects references to what the table does not define",
          "[rules][validate]")
{
  check_all({
    {"unknown finding on an entry",
     [](json& d) { d["entries"][0]["findings"] = json::array({"no-such-finding"}); },
     "/entries/0/findings/0", "unknown finding \"no-such-finding\""},
    {"unknown finding on a mode", [](json& d) { d["modes"]["none"]["findings"][1]["code"] = "nope"; },
     "/modes/none/findings/1/code", "unknown finding \"nope\""},
    {"unknown note", [](json& d) { d["entries"][4]["notes"][0] = "no-such-note"; },
     "/entries/4/notes/0", "unknown note \"no-such-note\""},
    // The engine raises these codes itself, so a table must define them.
    {"missing engine code unknown-port", [](json& d) { d["findings"].erase("unknown-port"); },
     "/findings", "missing finding \"unknown-port\""},
    {"missing engine code tls-mode-unstated",
     [](json& d) { d["findings"].erase("tls-mode-unstated"); }, "/findings",
     "missing finding \"tls-mode-unstated\""},
  });
}

TEST_CASE("build_table accepts a table without the probe's codes (only probe needs them)",
          "[rules][validate]")
{
  auto document = mailports::test::rules_document();
  for (const auto code : mailports::rules::codes::probe_codes) {
    REQUIRE(document["findings"].erase(std::string(code)) == 1);
  }
  CHECK(mailports::rules::build_table(document).has_value());
}

TEST_CASE("build_table rejects placeholders a message cannot use", "[rules][validate]")
{
  check_all({
    {"unknown placeholder",
     [](json& d) { d["findings"]["unknown-port"]["message"]["en"] = "Port {nope}."; },
     "/findings/unknown-port/message/en", "bad placeholder"},
    {"unknown placeholder in ja",
     [](json& d) { d["findings"]["unknown-port"]["message"]["ja"] = "ポート {prot}"; },
     "/findings/unknown-port/message/ja", "bad placeholder"},
    {"unclosed brace",
     [](json& d) { d["findings"]["unknown-port"]["message"]["en"] = "Port {port"; },
     "/findings/unknown-port/message/en", "bad placeholder"},
    {"stray closing brace",
     [](json& d) { d["findings"]["unknown-port"]["message"]["en"] = "Port } here"; },
     "/findings/unknown-port/message/en", "bad placeholder"},
    {"a format spec, which could make rendering allocate gigabytes",
     [](json& d) { d["findings"]["unknown-port"]["message"]["en"] = "Port {port:>2147483647}"; },
     "/findings/unknown-port/message/en", "bad placeholder"},
  });
}

TEST_CASE("build_table accepts every documented placeholder and escaped braces",
          "[rules][validate]")
{
  auto document = mailports::test::rules_document();
  document["findings"]["unknown-port"]["message"]["en"] =
    "{proto} {port} {tls} {service} {modes} {other_proto} {other_service} {best_port} {{x}}";
  const auto result = mailports::rules::build_table(document);
  if (!result) {
    FAIL(result.error().message);
  }
  CHECK(result->table().finding("unknown-port")->message.en.substr(0, 7) == "{proto}");
}

TEST_CASE("an error message quotes a hostile value safely", "[rules][validate]")
{
  // A control character in the data must not reach the terminal raw.
  const auto message = error_for([](json& d) { d["entries"][0]["tls"] = "ssl\x1b[2J"; });
  INFO(message);
  CHECK(contains(message, "\"ssl\\x1b[2J\""));
  CHECK_FALSE(contains(message, "\x1b"));
}
