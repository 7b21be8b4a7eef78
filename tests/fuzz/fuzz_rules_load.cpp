// rules::load_rules on arbitrary text; every table it accepts is then run
// through the engine (check, recommend, lookup, render_message), which must
// cope with any table the loader lets through.
#include "fuzz_support.hpp"

#include <mailports/engine/check.hpp>
#include <mailports/engine/lookup.hpp>
#include <mailports/engine/recommend.hpp>
#include <mailports/rules/load.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace {

using namespace mailports;

// Ports to ask about: those the table names (a few), plus some it may not.
std::vector<std::uint16_t> ports_to_try(const rules::Table& table)
{
  std::vector<std::uint16_t> ports{1, 25, 465, 587, 2525, 65535};
  constexpr std::size_t k_max_ports = 14;
  for (const auto& entry : table.entries) {
    if (ports.size() >= k_max_ports) {
      break;
    }
    if (std::find(ports.begin(), ports.end(), entry.port) == ports.end()) {
      ports.push_back(entry.port);
    }
  }
  return ports;
}

void exercise_check(const rules::Table& table, const engine::Query& query)
{
  const auto result = engine::check(table, query);
  MAILPORTS_FUZZ_CHECK(result.query.port == query.port);
  if (result.entry != nullptr) {
    MAILPORTS_FUZZ_CHECK(result.entry->port == query.port);
    MAILPORTS_FUZZ_CHECK(result.entry->matches(query.proto));
    MAILPORTS_FUZZ_CHECK(result.entry->matches(query.tls));
  }
  // Worst first, and the verdict is the worst finding's.
  for (std::size_t i = 0; i < result.findings.size(); ++i) {
    MAILPORTS_FUZZ_CHECK(result.findings[i].def != nullptr);
    if (i > 0) {
      MAILPORTS_FUZZ_CHECK(result.findings[i - 1].def->severity >= result.findings[i].def->severity);
    }
  }
  MAILPORTS_FUZZ_CHECK(result.verdict == (result.findings.empty()
                                            ? core::Verdict::ok
                                            : core::verdict_of(result.findings.front().def->severity)));
  MAILPORTS_FUZZ_CHECK(result.suggestions.size() <= 3);
  for (const auto& s : result.suggestions) {
    MAILPORTS_FUZZ_CHECK(!(s.port == query.port && s.tls == query.tls));
    // Only a setting check passes is worth trying instead.
    const auto tried = engine::check(table, engine::Query{query.proto, s.port, s.tls, query.role, true});
    MAILPORTS_FUZZ_CHECK(tried.verdict == core::Verdict::ok);
  }
  for (const auto& finding : result.findings) {
    for (const auto lang : {core::Lang::en, core::Lang::ja}) {
      (void)engine::render_message(result, finding, lang, table);
    }
  }
}

void exercise_recommend(const rules::Table& table, core::Proto proto, core::Role role,
                        core::TlsMode prefer)
{
  const auto ranked = engine::recommend(table, proto, role, prefer);
  for (std::size_t i = 0; i < ranked.size(); ++i) {
    MAILPORTS_FUZZ_CHECK(ranked[i].rank == static_cast<int>(i) + 1);
    MAILPORTS_FUZZ_CHECK(ranked[i].entry != nullptr && ranked[i].entry->rank != 0);
    MAILPORTS_FUZZ_CHECK(ranked[i].entry->proto == proto && ranked[i].entry->role == role);
  }
  // Recommended entries first, and among them the preferred mode first.
  for (std::size_t i = 1; i < ranked.size(); ++i) {
    const auto* before = ranked[i - 1].entry;
    const auto* after = ranked[i].entry;
    const bool before_recommended = before->status == core::Status::recommended;
    const bool after_recommended = after->status == core::Status::recommended;
    MAILPORTS_FUZZ_CHECK(before_recommended || !after_recommended);
    if (before_recommended && after_recommended) {
      MAILPORTS_FUZZ_CHECK(before->tls == prefer || after->tls != prefer);
    }
  }
  // The loader insists on a ranked client entry for every protocol.
  if (role == core::Role::client) {
    MAILPORTS_FUZZ_CHECK(!ranked.empty());
  }
  (void)engine::notes_for(table, engine::entries_for_proto(table, proto));
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
  const auto loaded = rules::load_rules(mailports_fuzz::as_text(data, size), "fuzz");
  if (!loaded) {
    MAILPORTS_FUZZ_CHECK(loaded.error().message.starts_with("fuzz:"));
    return 0;
  }
  const rules::Table& table = loaded->table();
  MAILPORTS_FUZZ_CHECK(table.modes.size() == std::size(core::k_tls_modes));

  for (const auto port : ports_to_try(table)) {
    for (const auto proto : core::k_protos) {
      (void)engine::usual_mode(table, proto, port);
      (void)engine::usual_mode(table, proto, port, core::Role::relay);
      for (const auto tls : core::k_tls_modes) {
        // Stated and unstated modes in turn, varying with the port.
        const bool stated = (port + static_cast<unsigned>(tls)) % 2 == 0;
        for (const auto role : core::k_roles) {
          exercise_check(table, engine::Query{proto, port, tls, role, stated});
        }
      }
    }
  }
  for (const auto proto : core::k_protos) {
    for (const auto role : core::k_roles) {
      for (const auto prefer : core::k_tls_modes) {
        exercise_recommend(table, proto, role, prefer);
      }
    }
    for (const auto& entry : table.entries) {
      if (entry.service) {
        (void)engine::port_of_service(table, proto, *entry.service);
      }
    }
  }
  (void)engine::entries_for_proto(table, std::nullopt);
  return 0;
}
