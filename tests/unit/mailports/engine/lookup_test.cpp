// engine/lookup: the table queries behind `explain`, `ports` and URL checks.
#include "catch.hpp"

#include <mailports/engine/lookup.hpp>
#include <mailports/rules/builtin.hpp>

#include <algorithm>

using namespace mailports;
using core::Proto;
using core::TlsMode;

namespace {

const rules::Table& table()
{
  return rules::builtin_table();
}

} // namespace

TEST_CASE("entries_for_port lists a port's entries in table order", "[engine][lookup]")
{
  const auto entries = engine::entries_for_port(table(), 465);
  REQUIRE(entries.size() == 4);
  for (const auto* entry : entries) {
    CHECK(entry->port == 465);
    CHECK(entry->proto == Proto::smtp);
  }
  CHECK(entries[0]->tls == TlsMode::implicit); // the first one in data/rules.json

  CHECK(engine::entries_for_port(table(), 443).size() == 1); // one wildcard entry
  CHECK(engine::entries_for_port(table(), 12345).empty());
  CHECK(engine::entries_for_port(table(), 0).empty());
}

TEST_CASE("entries_for_proto includes protocol wildcards", "[engine][lookup]")
{
  const auto imap = engine::entries_for_proto(table(), Proto::imap);
  CHECK(imap.size() == 11); // 993 and 143 in four modes, plus 80, 443 and 588
  CHECK(std::all_of(imap.begin(), imap.end(),
                    [](const rules::Entry* e) { return e->matches(Proto::imap); }));
  CHECK(std::any_of(imap.begin(), imap.end(),
                    [](const rules::Entry* e) { return !e->proto.has_value(); }));
  CHECK(engine::entries_for_proto(table(), std::nullopt).size() == table().entries.size());
}

TEST_CASE("notes_for lists each note once, in first-use order", "[engine][lookup]")
{
  // All four 465 entries cite 465-history: it must appear once.
  const auto notes_465 = engine::notes_for(table(), engine::entries_for_port(table(), 465));
  REQUIRE(notes_465.size() == 1);
  CHECK(notes_465[0]->id == "465-history");

  auto both = engine::entries_for_port(table(), 587);
  const auto more = engine::entries_for_port(table(), 465);
  both.insert(both.end(), more.begin(), more.end());
  const auto notes = engine::notes_for(table(), both);
  REQUIRE(notes.size() == 2);
  CHECK(notes[0]->id == "587-equivalence");
  CHECK(notes[1]->id == "465-history");

  CHECK(engine::notes_for(table(), engine::entries_for_port(table(), 993)).empty());
  CHECK(engine::notes_for(table(), {}).empty());
}

TEST_CASE("usual_mode is the best usable mode of a port, else STARTTLS", "[engine][lookup]")
{
  CHECK(engine::usual_mode(table(), Proto::smtp, 587) == TlsMode::starttls);
  CHECK(engine::usual_mode(table(), Proto::smtp, 465) == TlsMode::implicit);
  // Port 25: a client is told to require STARTTLS; between servers
  // opportunistic STARTTLS is the norm (RFC 3207 §4).
  CHECK(engine::usual_mode(table(), Proto::smtp, 25) == TlsMode::starttls);
  CHECK(engine::usual_mode(table(), Proto::smtp, 25, core::Role::relay) == TlsMode::opportunistic);
  CHECK(engine::usual_mode(table(), Proto::smtp, 587, core::Role::relay) == TlsMode::starttls);
  CHECK(engine::usual_mode(table(), Proto::smtp, 2525) == TlsMode::starttls); // rank 3 wins
  CHECK(engine::usual_mode(table(), Proto::imap, 993) == TlsMode::implicit);
  CHECK(engine::usual_mode(table(), Proto::imap, 143) == TlsMode::starttls);
  CHECK(engine::usual_mode(table(), Proto::pop3, 995) == TlsMode::implicit);
  CHECK(engine::usual_mode(table(), Proto::pop3, 110) == TlsMode::starttls);
  CHECK(engine::usual_mode(table(), Proto::smtp, 12345) == TlsMode::starttls);
  CHECK(engine::usual_mode(table(), Proto::imap, 465) == TlsMode::starttls); // not IMAP's port
}

TEST_CASE("port_of_service maps an IANA service name to its port", "[engine][lookup]")
{
  CHECK(engine::port_of_service(table(), Proto::smtp, "submissions") == std::uint16_t{465});
  CHECK(engine::port_of_service(table(), Proto::smtp, "submission") == std::uint16_t{587});
  CHECK(engine::port_of_service(table(), Proto::smtp, "smtp") == std::uint16_t{25});
  CHECK(engine::port_of_service(table(), Proto::imap, "imaps") == std::uint16_t{993});
  CHECK(engine::port_of_service(table(), Proto::imap, "imap") == std::uint16_t{143});
  CHECK(engine::port_of_service(table(), Proto::pop3, "pop3s") == std::uint16_t{995});
  CHECK(engine::port_of_service(table(), Proto::pop3, "pop3") == std::uint16_t{110});
  // Services belong to one protocol; a wildcard entry's service is no mail service.
  CHECK_FALSE(engine::port_of_service(table(), Proto::imap, "submissions").has_value());
  CHECK_FALSE(engine::port_of_service(table(), Proto::smtp, "https").has_value());
  CHECK_FALSE(engine::port_of_service(table(), Proto::smtp, "").has_value());
}

TEST_CASE("sole_proto_of_port names the one protocol a port belongs to", "[engine][lookup]")
{
  const auto& table = rules::builtin_table();
  CHECK(engine::sole_proto_of_port(table, 587) == core::Proto::smtp);
  CHECK(engine::sole_proto_of_port(table, 25) == core::Proto::smtp);
  CHECK(engine::sole_proto_of_port(table, 993) == core::Proto::imap);
  CHECK(engine::sole_proto_of_port(table, 110) == core::Proto::pop3);
  CHECK_FALSE(engine::sole_proto_of_port(table, 443).has_value()); // a port of no mail protocol
  CHECK_FALSE(engine::sole_proto_of_port(table, 2526).has_value());
}

TEST_CASE("likely_port finds the standard port one typo away", "[engine][lookup]")
{
  const auto& table = rules::builtin_table();
  using core::Proto;
  using core::Role;
  CHECK(engine::likely_port(table, Proto::smtp, Role::client, 578) == 587);  // swapped
  CHECK(engine::likely_port(table, Proto::smtp, Role::client, 456) == 465);  // swapped
  CHECK(engine::likely_port(table, Proto::smtp, Role::client, 5870) == 587); // one added
  CHECK(engine::likely_port(table, Proto::imap, Role::client, 9933) == 993);
  CHECK(engine::likely_port(table, Proto::imap, Role::client, 933) == 993);  // one dropped
  CHECK(engine::likely_port(table, Proto::pop3, Role::client, 905) == 995);  // one changed
  CHECK_FALSE(engine::likely_port(table, Proto::smtp, Role::client, 8025).has_value());
  CHECK_FALSE(engine::likely_port(table, Proto::imap, Role::client, 587).has_value());
}
