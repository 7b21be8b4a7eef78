// engine/recommend: the ranked settings for a protocol and role, and how
// --prefer reorders them without promoting a fallback.
#include "catch.hpp"

#include <mailports/engine/recommend.hpp>
#include <mailports/rules/builtin.hpp>

#include <cstdint>
#include <utility>
#include <vector>

using namespace mailports;
using core::Proto;
using core::Role;
using core::TlsMode;

namespace {

using Setting = std::pair<std::uint16_t, TlsMode>;

std::vector<Setting> settings(Proto proto, Role role, TlsMode prefer = TlsMode::implicit)
{
  std::vector<Setting> out;
  for (const auto& r : engine::recommend(rules::builtin_table(), proto, role, prefer)) {
    out.emplace_back(r.entry->port, *r.entry->tls);
  }
  return out;
}

} // namespace

TEST_CASE("SMTP clients get 465, then 587, then the 2525 fallback", "[engine][recommend]")
{
  CHECK(settings(Proto::smtp, Role::client)
        == std::vector<Setting>{{465, TlsMode::implicit},
                                {587, TlsMode::starttls},
                                {2525, TlsMode::starttls}});
}

TEST_CASE("prefer starttls puts 587 first but never lifts the fallback", "[engine][recommend]")
{
  CHECK(settings(Proto::smtp, Role::client, TlsMode::starttls)
        == std::vector<Setting>{{587, TlsMode::starttls},
                                {465, TlsMode::implicit},
                                {2525, TlsMode::starttls}});
  // 2525 is STARTTLS too, but only a fallback: it stays last.
  CHECK(settings(Proto::smtp, Role::client, TlsMode::starttls).back().first == 2525);
}

TEST_CASE("IMAP and POP3 clients get the implicit-TLS port first", "[engine][recommend]")
{
  CHECK(settings(Proto::imap, Role::client)
        == std::vector<Setting>{{993, TlsMode::implicit}, {143, TlsMode::starttls}});
  CHECK(settings(Proto::pop3, Role::client)
        == std::vector<Setting>{{995, TlsMode::implicit}, {110, TlsMode::starttls}});
  // 143 is only acceptable, so preferring STARTTLS does not move it ahead.
  CHECK(settings(Proto::imap, Role::client, TlsMode::starttls).front().first == 993);
}

TEST_CASE("SMTP relay uses port 25, opportunistic STARTTLS before required (RFC 3207 §4)",
          "[engine][recommend]")
{
  CHECK(settings(Proto::smtp, Role::relay)
        == std::vector<Setting>{{25, TlsMode::opportunistic}, {25, TlsMode::starttls}});
  // Preferring STARTTLS does not lift the acceptable "required" row.
  CHECK(settings(Proto::smtp, Role::relay, TlsMode::starttls).front()
        == Setting{25, TlsMode::opportunistic});
}

TEST_CASE("has_choices is whether recommend lists anything", "[engine][recommend]")
{
  for (const auto proto : core::k_protos) {
    for (const auto role : core::k_roles) {
      CHECK(engine::has_choices(rules::builtin_table(), proto, role)
            == !engine::recommend(rules::builtin_table(), proto, role).empty());
    }
  }
  CHECK_FALSE(engine::has_choices(rules::builtin_table(), Proto::imap, Role::relay));
}

TEST_CASE("IMAP and POP3 have no relay settings", "[engine][recommend]")
{
  CHECK(engine::recommend(rules::builtin_table(), Proto::imap, Role::relay).empty());
  CHECK(engine::recommend(rules::builtin_table(), Proto::pop3, Role::relay).empty());
}

TEST_CASE("recommendation ranks run 1..n after reordering", "[engine][recommend]")
{
  for (const auto proto : core::k_protos) {
    for (const auto role : core::k_roles) {
      for (const auto prefer : {TlsMode::implicit, TlsMode::starttls}) {
        const auto list = engine::recommend(rules::builtin_table(), proto, role, prefer);
        for (std::size_t i = 0; i < list.size(); ++i) {
          CHECK(list[i].rank == static_cast<int>(i) + 1);
          REQUIRE(list[i].entry != nullptr);
          CHECK(list[i].entry->proto == proto);
          CHECK(list[i].entry->role == role);
          CHECK(list[i].entry->rank != 0);
        }
      }
    }
  }
}
