// diagnose/match: normalizing, matching (literal first, `unless`), and the
// causes read against the user's setting.
#include "catch.hpp"

#include <mailports/diagnose/match.hpp>
#include <mailports/rules/builtin.hpp>

#include <algorithm>
#include <string>

using namespace mailports;

namespace {

const auto& table = rules::builtin_table();

const diagnose::Catalog& builtin()
{
  static const auto catalog = diagnose::load_diagnoses(diagnose::builtin_diagnoses_json(), "built-in", table);
  REQUIRE(catalog);
  return *catalog;
}

const diagnose::Family& family(const std::string& id)
{
  const auto& c = builtin();
  const auto it = std::find_if(c.families.begin(), c.families.end(), [&](const auto& f) { return f.id == id; });
  REQUIRE(it != c.families.end());
  return *it;
}

} // namespace

TEST_CASE("normalize: ASCII lower case, one space for any white space, UTF-8 kept", "[diagnose][match]")
{
  CHECK(diagnose::normalize("  Wrong\tVERSION\r\n  Number ") == "wrong version number");
  CHECK(diagnose::normalize("STARTTLS をサポート") == "starttls をサポート");
  CHECK(diagnose::normalize(std::string("a\0b", 3)) == "a b");
  CHECK(diagnose::normalize("") == "");
  CHECK(diagnose::normalize(std::string(diagnose::k_max_line + 10, 'A')).size() == diagnose::k_max_line);
}

TEST_CASE("a pasted message names its family", "[diagnose][match]")
{
  const auto found = diagnose::match(builtin(), diagnose::normalize("curl: (35) error:0A00010B:SSL routines::wrong version number"));
  REQUIRE_FALSE(found.empty());
  CHECK(found.front()->id == "tls-wrong-version-number");
  CHECK(diagnose::match(builtin(), diagnose::normalize("everything is fine")).empty());
}

TEST_CASE("causes fit the user's setting, or are ruled out by it", "[diagnose][match]")
{
  const auto& f = family("tls-wrong-version-number");
  // No setting given: the catalogue's example setting, which fits.
  auto readings = diagnose::read_causes(table, f, {});
  REQUIRE_FALSE(readings.empty());
  CHECK(readings.front().fits);
  REQUIRE(readings.front().check);
  CHECK_FALSE(readings.front().check->suggestions.empty());

  diagnose::Context on_143;
  on_143.proto = core::Proto::imap;
  on_143.port = 143;
  readings = diagnose::read_causes(table, f, on_143);
  CHECK(readings.front().fits); // implicit TLS on 143: the same mistake
  CHECK(readings.front().check->query.port == 143);

  diagnose::Context on_465;
  on_465.port = 465;
  on_465.tls = core::TlsMode::implicit;
  readings = diagnose::read_causes(table, f, on_465);
  CHECK_FALSE(readings.front().fits); // 465 with implicit TLS is right: the server is the odd one
}

TEST_CASE("a cause no setting shows has no fix and is never ruled out", "[diagnose][match]")
{
  diagnose::Context c;
  c.port = 465;
  const auto readings = diagnose::read_causes(table, family("smtp-535-auth-failed"), c);
  REQUIRE_FALSE(readings.empty());
  CHECK_FALSE(readings.front().check);
  CHECK(readings.front().fits);
}
