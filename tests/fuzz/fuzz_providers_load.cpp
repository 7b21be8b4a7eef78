// providers::load_providers on arbitrary text; every catalog it accepts is
// then advised on with the built-in rules, as `recommend --email` does.
#include "fuzz_support.hpp"

#include <mailports/engine/provider.hpp>
#include <mailports/providers/address.hpp>
#include <mailports/providers/catalog.hpp>
#include <mailports/rules/builtin.hpp>

#include <cstddef>
#include <cstdint>

namespace {

using namespace mailports;

int tls_order(const std::optional<core::TlsMode>& tls)
{
  if (tls == core::TlsMode::implicit) {
    return 0;
  }
  if (tls == core::TlsMode::starttls) {
    return 1;
  }
  return 2;
}

void check_judged(const rules::Table& table, const std::vector<engine::JudgedServer>& list)
{
  for (std::size_t i = 0; i < list.size(); ++i) {
    const auto& judged = list[i];
    MAILPORTS_FUZZ_CHECK(judged.server != nullptr);
    MAILPORTS_FUZZ_CHECK(judged.server->proto && judged.server->port && judged.server->tls);
    MAILPORTS_FUZZ_CHECK(judged.check.query.port == *judged.server->port);
    if (i > 0) { // best first: implicit TLS, then STARTTLS, then the rest
      MAILPORTS_FUZZ_CHECK(tls_order(list[i - 1].server->tls) <= tls_order(judged.server->tls));
    }
    for (const auto& finding : judged.check.findings) {
      for (const auto lang : {core::Lang::en, core::Lang::ja}) {
        (void)engine::render_message(judged.check, finding, lang, table);
      }
    }
  }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
  const auto catalog = providers::load_providers(mailports_fuzz::as_text(data, size), "fuzz");
  if (!catalog) {
    MAILPORTS_FUZZ_CHECK(catalog.error().message.starts_with("fuzz:"));
    return 0;
  }
  const rules::Table& table = rules::builtin_table();
  const providers::Address address{"taro", "example.jp"};
  for (const auto& provider : catalog->providers) {
    MAILPORTS_FUZZ_CHECK(!provider.domains.empty());
    const auto advice = engine::advise(table, provider);
    MAILPORTS_FUZZ_CHECK(advice.incoming.size() + advice.outgoing.size() + advice.other.size()
                         == provider.incoming.size() + provider.outgoing.size());
    check_judged(table, advice.incoming);
    check_judged(table, advice.outgoing);
    for (const auto* list : {&advice.incoming, &advice.outgoing}) {
      if (!list->empty()) {
        MAILPORTS_FUZZ_CHECK(advice.verdict >= list->front().check.verdict);
      }
    }
    for (const auto* list : {&provider.incoming, &provider.outgoing}) {
      for (const auto& server : *list) {
        if (server.username) {
          (void)providers::resolve_username(*server.username, address);
        }
      }
    }
    for (const auto& domain : provider.domains) {
      const auto* found = catalog->find(domain);
      MAILPORTS_FUZZ_CHECK(found != nullptr);
    }
  }
  return 0;
}
