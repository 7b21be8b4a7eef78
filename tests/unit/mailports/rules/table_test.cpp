// rules/table: the lookups the engine relies on.
#include "catch.hpp"

#include <mailports/rules/builtin.hpp>
#include <mailports/rules/table.hpp>

using namespace mailports;

TEST_CASE("Table::finding finds a code, or gives nullptr", "[rules][table]")
{
  const auto& table = rules::builtin_table();
  const auto* finding = table.finding("starttls-on-implicit-port");
  REQUIRE(finding != nullptr);
  CHECK(finding->code == "starttls-on-implicit-port");
  CHECK(finding->severity == core::Severity::error);
  CHECK(table.finding("no-such-code") == nullptr);
  CHECK(table.finding("") == nullptr);
  CHECK(table.finding("STARTTLS-ON-IMPLICIT-PORT") == nullptr); // codes are exact
}

TEST_CASE("Table::note finds an id, or gives nullptr", "[rules][table]")
{
  const auto& table = rules::builtin_table();
  const auto* note = table.note("465-history");
  REQUIRE(note != nullptr);
  CHECK(note->id == "465-history");
  CHECK(note->title.en == "Is port 465 deprecated?");
  CHECK(table.note("466-history") == nullptr);
}

TEST_CASE("Table::mode is indexed by the TLS mode", "[rules][table]")
{
  const auto& table = rules::builtin_table();
  REQUIRE(table.modes.size() == 4);
  for (const auto mode : core::k_tls_modes) {
    CHECK(table.mode(mode).mode == mode);
  }
  CHECK(table.mode(core::TlsMode::implicit).label.en == "implicit TLS (SSL/TLS)");
  CHECK(table.mode(core::TlsMode::none).findings.size() == 2);
}

TEST_CASE("the table defines every code the engine raises", "[rules][table]")
{
  const auto& table = rules::builtin_table();
  for (const auto code : rules::codes::engine_codes) {
    INFO(std::string(code));
    CHECK(table.finding(code) != nullptr);
  }
}

TEST_CASE("the built-in table defines every code the probe raises", "[rules][table]")
{
  const auto& table = rules::builtin_table();
  for (const auto code : rules::codes::probe_codes) {
    INFO(std::string(code));
    CHECK(table.finding(code) != nullptr);
  }
}

TEST_CASE("Entry::matches treats a missing proto or mode as a wildcard", "[rules][table]")
{
  rules::Entry wildcard;
  CHECK(wildcard.matches(core::Proto::imap));
  CHECK(wildcard.matches(core::TlsMode::none));

  rules::Entry concrete;
  concrete.proto = core::Proto::smtp;
  concrete.tls = core::TlsMode::implicit;
  CHECK(concrete.matches(core::Proto::smtp));
  CHECK_FALSE(concrete.matches(core::Proto::pop3));
  CHECK(concrete.matches(core::TlsMode::implicit));
  CHECK_FALSE(concrete.matches(core::TlsMode::starttls));
}
