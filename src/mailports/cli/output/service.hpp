// Output for recommend --service/--hosting (and --host on a hosting
// template): the entry's servers judged like a provider's, its user-name
// rule, sign-in notes, the table codes it carries, and its sources.
#pragma once

#include <mailports/cli/output/provider.hpp>
#include <mailports/providers/services.hpp>

#include <deque>

namespace mailports::cli::output {

// A service with its templates filled: %REGION% with the region, %HOST%
// with the account's host (or, without one, the host pattern itself).
struct FilledService {
  const providers::Service* service = nullptr;
  std::string region;       // empty unless the service has regions
  std::string host;         // the account's host, when given
  bool found_by_host = false;
  std::deque<std::string> hosts;            // storage for the filled host names
  std::vector<providers::Server> incoming;  // views into `hosts`
  std::vector<providers::Server> outgoing;
  providers::Provider provider;             // what engine::advise judges
};

// Not copyable: the provider's views point into the object itself.
std::unique_ptr<FilledService> fill_service(const providers::Service& service, std::string region,
                                            std::string host, bool found_by_host);

Json service_json(const FilledService& filled, const engine::ProviderAdvice& advice,
                  const rules::Table& table, core::Lang lang);
void service_text(std::ostream& out, const TextContext& ctx, const FilledService& filled,
                  const engine::ProviderAdvice& advice);

// One row per service for `providers --search` (JSON key "services").
Json services_list_json(const std::vector<const providers::Service*>& list);
void services_list_text(std::ostream& out, const TextContext& ctx,
                        const std::vector<const providers::Service*>& list);

} // namespace mailports::cli::output
