// rules/builtin: the table compiled in at build time must be data/rules.json,
// field for field. The generator validates the file and then emits C++; this
// catches anything lost or mangled on the way (an escape, a span, a field).
#include "catch.hpp"

#include "../support.hpp"

#include <mailports/rules/builtin.hpp>
#include <mailports/rules/load.hpp>

#include <string>

using namespace mailports;

namespace {

template <typename T>
std::string show(const std::optional<T>& value)
{
  return value ? std::string(core::to_string(*value)) : std::string("any");
}

void check_text(const core::Text& built, const core::Text& loaded)
{
  CHECK(built.en == loaded.en);
  CHECK(built.ja == loaded.ja);
}

void check_list(std::span<const std::string_view> built, std::span<const std::string_view> loaded)
{
  REQUIRE(built.size() == loaded.size());
  for (std::size_t i = 0; i < built.size(); ++i) {
    CHECK(built[i] == loaded[i]);
  }
}

} // namespace

TEST_CASE("builtin_table equals a fresh load of data/rules.json", "[rules][builtin]")
{
  const auto loaded_result =
    rules::load_rules(test::slurp(test::rules_json_path()), "data/rules.json");
  REQUIRE(loaded_result.has_value());
  const auto& loaded = loaded_result->table();
  const auto& built = rules::builtin_table();

  CHECK(built.version == loaded.version);
  CHECK(built.date == loaded.date);

  REQUIRE(built.modes.size() == loaded.modes.size());
  for (std::size_t i = 0; i < built.modes.size(); ++i) {
    INFO("mode " << i);
    CHECK(built.modes[i].mode == loaded.modes[i].mode);
    check_text(built.modes[i].label, loaded.modes[i].label);
    check_text(built.modes[i].summary, loaded.modes[i].summary);
    REQUIRE(built.modes[i].findings.size() == loaded.modes[i].findings.size());
    for (std::size_t k = 0; k < built.modes[i].findings.size(); ++k) {
      CHECK(built.modes[i].findings[k].code == loaded.modes[i].findings[k].code);
      CHECK(built.modes[i].findings[k].role == loaded.modes[i].findings[k].role);
    }
  }

  REQUIRE(built.findings.size() == loaded.findings.size());
  for (std::size_t i = 0; i < built.findings.size(); ++i) {
    INFO("finding " << loaded.findings[i].code);
    CHECK(built.findings[i].code == loaded.findings[i].code);
    CHECK(built.findings[i].severity == loaded.findings[i].severity);
    check_list(built.findings[i].refs, loaded.findings[i].refs);
    check_text(built.findings[i].message, loaded.findings[i].message);
  }

  REQUIRE(built.notes.size() == loaded.notes.size());
  for (std::size_t i = 0; i < built.notes.size(); ++i) {
    INFO("note " << loaded.notes[i].id);
    CHECK(built.notes[i].id == loaded.notes[i].id);
    check_text(built.notes[i].title, loaded.notes[i].title);
    check_text(built.notes[i].text, loaded.notes[i].text);
    check_list(built.notes[i].refs, loaded.notes[i].refs);
  }

  REQUIRE(built.entries.size() == loaded.entries.size());
  for (std::size_t i = 0; i < built.entries.size(); ++i) {
    const auto& b = built.entries[i];
    const auto& l = loaded.entries[i];
    INFO("entry " << i << ": " << show(l.proto) << " " << l.port << " " << show(l.tls));
    CHECK(b.proto == l.proto);
    CHECK(b.port == l.port);
    CHECK(b.tls == l.tls);
    CHECK(b.role == l.role);
    CHECK(b.status == l.status);
    CHECK(b.rank == l.rank);
    CHECK(b.service == l.service);
    check_list(b.refs, l.refs);
    check_list(b.findings, l.findings);
    check_list(b.notes, l.notes);
    check_text(b.summary, l.summary);
  }
}

TEST_CASE("builtin_table keeps non-ASCII and quoted text intact", "[rules][builtin]")
{
  // The generator writes octal escapes and escapes quotes; spot-check both.
  const auto& table = rules::builtin_table();
  const auto* finding = table.finding("starttls-downgrade");
  REQUIRE(finding != nullptr);
  CHECK(finding->message.en.substr(0, 23) == "\"STARTTLS if available\"");
  CHECK(finding->message.ja.substr(0, 3) == "「");
  CHECK(table.mode(core::TlsMode::none).label.ja == "なし（平文）");
  CHECK(table.finding("not-a-mail-port")->message.en.find("\"SMTP alternative\"")
        != std::string_view::npos);
}
