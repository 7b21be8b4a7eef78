// Output for provider lookups: `recommend --email/--domain` and `providers`.
#pragma once

#include <mailports/cli/output/json.hpp>
#include <mailports/cli/output/text.hpp>
#include <mailports/engine/provider.hpp>
#include <mailports/providers/address.hpp>

#include <optional>

namespace mailports::cli::output {

struct Lookup {
  std::string domain;
  std::optional<providers::Address> address; // set for --email
};

Json advice_json(const Lookup& lookup, const providers::Source& source,
                 const providers::Provider& provider, const engine::ProviderAdvice& advice,
                 const rules::Table& table, core::Lang lang);
Json not_found_json(const Lookup& lookup);
Json providers_json(const providers::Catalog& catalog,
                    const std::vector<const providers::Provider*>& list);

void advice_text(std::ostream& out, const TextContext& ctx, const Lookup& lookup,
                 const providers::Source& source, const providers::Provider& provider,
                 const engine::ProviderAdvice& advice);
void providers_text(std::ostream& out, const TextContext& ctx,
                    const std::vector<const providers::Provider*>& list);

// "Thunderbird ISPDB c6ad796, googlemail.com.xml"
std::string provider_source(const providers::Source& source, const providers::Provider& p);

// ISPDB's placeholders (%EMAILADDRESS%, %EMAILLOCALPART%, %EMAILDOMAIN%) in a
// user name, host name or provider name, filled for this lookup: from the
// address, or, for a domain alone, the domain and the rest in words.
std::string fill_for_user(const Lookup& lookup, std::string_view templ, core::Lang lang);

} // namespace mailports::cli::output
