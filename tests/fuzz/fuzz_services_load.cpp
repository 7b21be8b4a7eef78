// providers::load_services on arbitrary text (data/services.json's loader):
// every document it accepts is packed and read back as the build does, each
// entry found by its id and aliases, each host pattern matching its example,
// and every entry's servers advised on with the built-in rules, as
// `recommend --service` does.
#include "fuzz_support.hpp"

#include <mailports/engine/provider.hpp>
#include <mailports/providers/packed.hpp>
#include <mailports/providers/services.hpp>
#include <mailports/rules/builtin.hpp>

#include <cstddef>
#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
  using namespace mailports;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const auto& table = rules::builtin_table();
  const auto loaded = providers::load_services(
    text, "fuzz", [&table](std::string_view code) { return table.finding(code) != nullptr; });
  if (!loaded) {
    MAILPORTS_FUZZ_CHECK(loaded.error().message.rfind("fuzz", 0) == 0);
    return 0;
  }
  const auto& services = loaded->services();
  // Packed and read back: the same entries, field by field where it matters.
  const auto image = providers::pack_services(services);
  MAILPORTS_FUZZ_CHECK(providers::packed::u32_at(image, 4) == services.entries.size());
  providers::packed::Lists lists;
  for (std::size_t i = 0; i < services.entries.size(); ++i) {
    const auto& s = services.entries[i];
    providers::Service back;
    providers::packed::Reader(image, providers::packed::u32_at(image, 8 + (i * 4)), lists).read(back);
    MAILPORTS_FUZZ_CHECK(back.id == s.id && back.name == s.name && back.kind == s.kind);
    MAILPORTS_FUZZ_CHECK(back.servers.size() == s.servers.size() && back.sources.size() == s.sources.size());
    for (std::size_t j = 0; j < s.servers.size(); ++j) {
      MAILPORTS_FUZZ_CHECK(back.servers[j].host == s.servers[j].host && back.servers[j].port == s.servers[j].port
                           && back.servers[j].tls == s.servers[j].tls);
    }
    MAILPORTS_FUZZ_CHECK(services.find(s.id, s.kind) == &s);
    for (const auto alias : s.aliases) {
      MAILPORTS_FUZZ_CHECK(services.find(alias, s.kind) == &s);
    }
    MAILPORTS_FUZZ_CHECK(!s.sources.empty());
    if (s.host_pattern) {
      MAILPORTS_FUZZ_CHECK(providers::host_matches(*s.host_pattern, *s.host_example));
      MAILPORTS_FUZZ_CHECK(services.find_by_host(*s.host_example) != nullptr);
    }
    providers::Provider p;
    p.id = s.id;
    p.outgoing = s.servers;
    const auto advice = engine::advise(table, p);
    MAILPORTS_FUZZ_CHECK(advice.outgoing.size() + advice.incoming.size() + advice.other.size() == s.servers.size());
  }
  return 0;
}
