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
  // How the provider was found: by one of its domains (the usual), by a
  // server host name (--host), or by a domain its servers live under.
  enum class By { domain, host, server_domain };
  By by = By::domain;
  std::string host;                            // --host, as normalized
  std::vector<const providers::Provider*> others; // --host: other providers publishing it
  // A services.json entry: its unverified servers are explained by its own
  // banner and sign-in text, not by provider notes.
  bool service = false;
};

// JSON's `found_by`: how the provider was found ("domain", "host",
// "server_domain"), for both renderings of the advice.
std::string_view by_word(Lookup::By by) noexcept;

// provider-no-secure-server's message: {value} the server's protocol, {other}
// its host (what `mailports probe` is given).
std::string way_message(const rules::FindingDef& def, const providers::Server& server,
                        const std::string& host, core::Lang lang);

// The provider's server host names, each once ("imap.fastmail.com, ...").
std::string server_hosts(const providers::Provider& provider);

// The text of `texts` in `lang`, else English, else the first; empty if none.
std::string_view text_in(std::span<const providers::LangText> texts, core::Lang lang);

Json advice_json(const Lookup& lookup, const providers::Source& source,
                 const providers::Provider& provider, const engine::ProviderAdvice& advice,
                 const rules::Table& table, core::Lang lang);
Json not_found_json(const Lookup& lookup);
Json providers_json(const providers::Catalog& catalog,
                    const std::vector<const providers::Provider*>& list);

void advice_text(std::ostream& out, const TextContext& ctx, const Lookup& lookup,
                 const providers::Source& source, const providers::Provider& provider,
                 const engine::ProviderAdvice& advice);
// Everything after the heading: sign-in facts, servers, notes, docs
// (recommend --service/--hosting print their own heading).
void advice_body_text(std::ostream& out, const TextContext& ctx, const Lookup& lookup,
                      const providers::Provider& provider, const engine::ProviderAdvice& advice);
void providers_text(std::ostream& out, const TextContext& ctx,
                    const std::vector<const providers::Provider*>& list);

// "Thunderbird ISPDB c6ad796, googlemail.com.xml"
std::string provider_source(const providers::Source& source, const providers::Provider& p);

// ISPDB's placeholders (%EMAILADDRESS%, %EMAILLOCALPART%, %EMAILDOMAIN%) in a
// user name, host name or provider name, filled for this lookup: from the
// address, or, for a domain alone, the domain and the rest in words.
std::string fill_for_user(const Lookup& lookup, std::string_view templ, core::Lang lang);

} // namespace mailports::cli::output
