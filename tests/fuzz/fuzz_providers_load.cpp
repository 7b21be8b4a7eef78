// providers::load_providers on arbitrary text; every catalog it accepts is
// then advised on with the built-in rules, as `recommend --email` does.
// The domain index (what the built-in constant data is searched by, built
// by this same loader at build time) must find exactly what a scan of the
// providers in file order finds, for every listed domain and for the input
// itself read as a domain; the built-in catalog is held to the same.
#include "fuzz_support.hpp"

#include <mailports/engine/provider.hpp>
#include <mailports/providers/address.hpp>
#include <mailports/providers/catalog.hpp>
#include <mailports/rules/builtin.hpp>
#include <mailports/util/text.hpp>

#include <algorithm>
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
    if (i > 0) { // best first: published before unverified, the better verdict, implicit TLS, STARTTLS, the rest
      const auto& before = *list[i - 1].server;
      const auto before_verdict = list[i - 1].check.verdict;
      MAILPORTS_FUZZ_CHECK(before.unverified <= judged.server->unverified);
      MAILPORTS_FUZZ_CHECK(before.unverified != judged.server->unverified
                           || before_verdict <= judged.check.verdict);
      MAILPORTS_FUZZ_CHECK(before.unverified != judged.server->unverified || before_verdict != judged.check.verdict
                           || tls_order(before.tls) <= tls_order(judged.server->tls));
    }
    for (const auto& finding : judged.check.findings) {
      for (const auto lang : {core::Lang::en, core::Lang::ja}) {
        (void)engine::render_message(judged.check, finding, lang, table);
      }
    }
  }
}

// The first provider in file order listing `domain`, by a plain scan.
const providers::Provider* scan(const providers::Catalog& catalog, std::string_view domain)
{
  for (const auto& provider : catalog.providers) {
    for (const auto d : provider.domains) {
      if (d == domain) {
        return &provider;
      }
    }
  }
  return nullptr;
}

void check_index(const providers::Catalog& catalog, std::string_view probe)
{
  for (std::size_t i = 1; i < catalog.index.size(); ++i) {
    MAILPORTS_FUZZ_CHECK(catalog.index[i - 1].domain <= catalog.index[i].domain);
  }
  MAILPORTS_FUZZ_CHECK(catalog.find(probe) == scan(catalog, probe));
  for (const auto& row : catalog.index) {
    MAILPORTS_FUZZ_CHECK(catalog.find(row.domain) == scan(catalog, row.domain));
  }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
  const auto text = mailports_fuzz::as_text(data, size);
  static const bool builtin_checked = [] {
    check_index(providers::builtin_catalog(), "gmail.com");
    return true;
  }();
  (void)builtin_checked;
  MAILPORTS_FUZZ_CHECK(providers::builtin_catalog().find(text) == scan(providers::builtin_catalog(), text));
  const auto loaded = providers::load_providers(text, "fuzz");
  if (!loaded) {
    MAILPORTS_FUZZ_CHECK(loaded.error().message.starts_with("fuzz:"));
    return 0;
  }
  const auto* catalog = &loaded->catalog();
  check_index(*catalog, text);
  (void)catalog->find_by_server_domain(text);
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
        // recommend --host: a provider is found by each host it publishes.
        if (server.host && server.host->find('%') == std::string_view::npos) {
          const auto found = catalog->find_by_host(util::to_lower(*server.host));
          MAILPORTS_FUZZ_CHECK(std::find(found.begin(), found.end(), &provider) != found.end());
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
