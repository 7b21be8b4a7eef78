#include <mailports/cli/cmd/recommend.hpp>

#include <mailports/cli/cmd/lookup_target.hpp>

#include <mailports/cli/fatal.hpp>
#include <mailports/cli/command_spec.hpp>
#include <mailports/cli/messages.hpp>
#include <mailports/cli/options.hpp>
#include <mailports/cli/output/json_text.hpp>
#include <mailports/cli/output/provider.hpp>
#include <mailports/engine/provider.hpp>
#include <mailports/providers/address.hpp>
#include <mailports/util/text.hpp>
#include <mailports/util/unicode.hpp>

#include <memory>
#include <sstream>

namespace mailports::cli::cmd {

namespace {

output::Lookup lookup_of(const RecommendOptions& options, core::Lang lang)
{
  const bool positional_address = !options.target.empty() && providers::looks_like_address(options.target);
  const auto& email = positional_address ? options.target : options.email;
  const auto& domain_text = options.target.empty() ? options.domain : options.target;
  return lookup_target(email, domain_text, lang);
}

// --host: the provider publishing that server. The domain filled into its
// templates is the one that gives this host (pop.%EMAILDOMAIN%), else its first.
const providers::Provider* find_by_host(const providers::Catalog& catalog, output::Lookup& lookup)
{
  const auto found = catalog.find_by_host(lookup.host);
  if (found.empty()) {
    return nullptr;
  }
  const auto* provider = found.front();
  lookup.others.assign(found.begin() + 1, found.end());
  lookup.by = output::Lookup::By::host;
  lookup.domain = provider->domains.front();
  for (const auto& d : provider->domains) {
    for (const auto* list : {&provider->incoming, &provider->outgoing}) {
      for (const auto& s : *list) {
        if (s.host && s.host->find('%') != std::string::npos
            && util::to_lower(providers::host_for_domain(*s.host, d)) == lookup.host) {
          lookup.domain = d;
          return provider;
        }
      }
    }
  }
  return provider;
}

Outcome run_provider_lookup(const RecommendOptions& options, Context& ctx)
{
  const auto lang = ctx.lang();
  auto lookup = options.host.empty() ? lookup_of(options, lang) : lookup_host(options.host, lang);
  const auto& source = ctx.provider_source();
  const providers::Provider* provider = nullptr;
  if (!options.host.empty()) {
    // By host name, every provider is looked at (the built-in ones unpacked).
    provider = find_by_host(ctx.catalog(), lookup);
    if (provider == nullptr) {
      std::ostringstream json;
      if (options.json) {
        output::write_json(json, output::not_found_json(lookup));
      }
      return Outcome{ExitCode::not_found, json.str(),
                     say(Msg::host_not_found, lang, fmt::arg("host", lookup.host),
                         fmt::arg("source", source.name))
                       + say(Msg::hint_probe, lang, fmt::arg("value", util::quote_for_shell(lookup.host)))};
    }
  } else {
    provider = ctx.find_provider(lookup.domain);
    if (provider == nullptr) {
      // A domain not in ISPDB's list, whose provider's servers live under it
      // (fastmail.com: messagingengine.com publishes imap.fastmail.com).
      const auto found = ctx.catalog().find_by_server_domain(lookup.domain);
      if (found.size() == 1) {
        provider = found.front();
        lookup.by = output::Lookup::By::server_domain;
      }
    }
  }
  std::ostringstream out;
  if (provider == nullptr) {
    if (options.json) {
      output::write_json(out, output::not_found_json(lookup));
    }
    // recommend never goes online; it says which command does.
    const auto who = lookup.address ? lookup.address->local + "@" + lookup.address->domain : lookup.domain;
    return Outcome{ExitCode::not_found, out.str(),
                   say(Msg::not_found, lang, fmt::arg("domain", lookup.domain),
                       fmt::arg("source", source.name))
                     + say(Msg::hint_discover, lang, fmt::arg("value", util::quote_for_shell(who)))};
  }
  const auto& table = ctx.table();
  const auto advice = engine::advise(table, *provider);
  if (options.json) {
    return Outcome{exit_code_of(advice.verdict),
                   output::advice_json_text(lookup, source, *provider, advice, table, lang), {}};
  }
  output::advice_text(out, {table, lang, ctx.style()}, lookup, source, *provider, advice);
  return Outcome{exit_code_of(advice.verdict), out.str(), {}};
}

} // namespace

Command setup_recommend(CLI::App& parent, core::Lang lang, bool with_options)
{
  auto options = std::make_shared<RecommendOptions>();
  CommandSpec spec(parent, "recommend", Msg::cmd_recommend, Msg::footer_recommend, lang);
  if (with_options) {
    spec.option("target", options->target, Msg::opt_recommend_target)
      .check(Check::non_empty)
      .type_name("ADDRESS|DOMAIN");
    spec.option("--proto", options->proto, Msg::opt_proto)
      .transform(Transform::proto);
    spec.option("--email", options->email, Msg::opt_email)
      .check(Check::non_empty);
    spec.option("--domain", options->domain, Msg::opt_domain)
      .check(Check::non_empty);
    spec.option("--host", options->host, Msg::opt_host)
      .check(Check::non_empty)
      .type_name("HOST");
    spec.option("--role", options->role, Msg::opt_role)
      .transform(Transform::role);
    spec.option("--prefer", options->prefer, Msg::opt_prefer)
      .transform(Transform::prefer);
    spec.flag("--json", options->json, Msg::opt_json);
  }
  return Command{spec.app(), [options](Context& ctx, std::ostream& /*out*/) {
                   return run_recommend(*options, ctx);
                 }};
}

Outcome run_recommend(const RecommendOptions& options, Context& ctx)
{
  const int targets = static_cast<int>(!options.proto.empty()) + static_cast<int>(!options.email.empty())
                      + static_cast<int>(!options.domain.empty()) + static_cast<int>(!options.target.empty())
                      + static_cast<int>(!options.host.empty());
  if (targets != 1) {
    throw Fatal(ExitCode::usage, std::string(text(Msg::recommend_target, ctx.lang())));
  }
  if (options.proto.empty()) {
    return run_provider_lookup(options, ctx);
  }
  const auto proto = *core::parse_proto(options.proto);
  const auto role = *core::parse_role(options.role);
  const auto prefer = *core::parse_tls_mode(options.prefer);
  const auto& table = ctx.table();
  const auto recommendations = engine::recommend(table, proto, role, prefer);
  if (recommendations.empty()) {
    throw Fatal(ExitCode::usage, say(Msg::no_choices, ctx.lang(),
                                     fmt::arg("role", role_label(role, ctx.lang())),
                                     fmt::arg("proto", core::to_string(proto))));
  }
  if (options.json) {
    return Outcome{ExitCode::ok,
                   output::recommend_json_text(recommendations, proto, role, prefer, table, ctx.lang()), {}};
  }
  std::ostringstream out;
  output::recommend_text(out, {table, ctx.lang(), ctx.style()}, recommendations, proto, role);
  return Outcome{ExitCode::ok, out.str(), {}};
}

} // namespace mailports::cli::cmd
