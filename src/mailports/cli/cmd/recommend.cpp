#include <mailports/cli/cmd/recommend.hpp>

#include <mailports/cli/cmd/lookup_target.hpp>

#include <mailports/cli/fatal.hpp>
#include <mailports/cli/command_spec.hpp>
#include <mailports/cli/messages.hpp>
#include <mailports/cli/options.hpp>
#include <mailports/cli/output/json_text.hpp>
#include <mailports/cli/output/provider.hpp>
#include <mailports/cli/output/service.hpp>
#include <mailports/engine/provider.hpp>
#include <mailports/providers/address.hpp>
#include <mailports/providers/services.hpp>
#include <mailports/util/text.hpp>
#include <mailports/util/unicode.hpp>

#include <memory>
#include <utility>
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

// Ids and aliases of one kind, for --help and the did-you-mean.
std::vector<std::string_view> service_names(providers::ServiceKind kind, bool with_aliases)
{
  std::vector<std::string_view> names;
  for (const auto& s : providers::builtin_services().entries) {
    if (s.kind == kind) {
      names.push_back(s.id);
      if (with_aliases) {
        names.insert(names.end(), s.aliases.begin(), s.aliases.end());
      }
    }
  }
  return names;
}

std::string joined(std::span<const std::string_view> names)
{
  std::string out;
  for (const auto n : names) {
    out += (out.empty() ? "" : ", ") + std::string(n);
  }
  return out;
}

const providers::Service& find_service(const std::string& typed, providers::ServiceKind kind, core::Lang lang)
{
  const auto name = util::to_lower(util::trim(typed));
  if (const auto* found = providers::builtin_services().find(name, kind)) {
    return *found;
  }
  const bool service = kind == providers::ServiceKind::service;
  auto message = say(service ? Msg::service_unknown : Msg::hosting_unknown, lang,
                     fmt::arg("value", util::quote_for_message(typed)));
  const auto all = service_names(kind, true);
  if (const auto hint = util::closest_match(name, all)) {
    message += say(Msg::did_you_mean, lang, fmt::arg("hint", *hint));
  }
  throw Fatal(ExitCode::usage, message + say(Msg::names_known, lang, fmt::arg("names", joined(service_names(kind, false)))));
}

std::string region_of(const RecommendOptions& options, const providers::Service& service, core::Lang lang)
{
  if (service.regions.empty()) {
    if (!options.region.empty()) {
      throw Fatal(ExitCode::usage, say(Msg::service_region_not_used, lang,
                                       fmt::arg("value", util::quote_for_message(options.region)),
                                       fmt::arg("name", service.name)));
    }
    return {};
  }
  if (options.region.empty()) {
    throw Fatal(ExitCode::usage, say(Msg::service_region_needed, lang, fmt::arg("name", service.name),
                                     fmt::arg("names", joined(service.regions))));
  }
  const auto region = util::to_lower(util::trim(options.region));
  if (std::find(service.regions.begin(), service.regions.end(), region) == service.regions.end()) {
    auto message = say(Msg::service_region_unknown, lang, fmt::arg("name", service.name),
                       fmt::arg("value", util::quote_for_message(options.region)),
                       fmt::arg("names", joined(service.regions)));
    if (const auto hint = util::closest_match(region, service.regions)) {
      message += say(Msg::did_you_mean, lang, fmt::arg("hint", *hint));
    }
    throw Fatal(ExitCode::usage, message);
  }
  return region;
}

Outcome service_outcome(const providers::Service& service, std::string region, std::string host,
                        bool found_by_host, const RecommendOptions& options, Context& ctx)
{
  const auto filled = output::fill_service(service, std::move(region), std::move(host), found_by_host);
  const auto& table = ctx.table();
  const auto advice = engine::advise(table, filled->provider);
  std::ostringstream out;
  if (options.json) {
    output::write_json(out, output::service_json(*filled, advice, table, ctx.lang()));
  } else {
    output::service_text(out, {table, ctx.lang(), ctx.style()}, *filled, advice);
  }
  return Outcome{exit_code_of(advice.verdict), out.str(), {}};
}

// --service NAME [--region R], --hosting NAME [--host H]. --role and
// --prefer shape a --proto answer; here they would change nothing, silently.
Outcome run_service_lookup(const RecommendOptions& options, Context& ctx)
{
  const auto lang = ctx.lang();
  const auto* mode = options.service.empty() ? "--hosting" : "--service";
  for (const auto& [option, value] : {std::pair{"--role", &options.role}, std::pair{"--prefer", &options.prefer}}) {
    if (!value->empty()) {
      throw Fatal(ExitCode::usage, say(Msg::service_option_not_used, lang, fmt::arg("option", option),
                                       fmt::arg("value", util::quote_for_message(*value)), fmt::arg("mode", mode)));
    }
  }
  if (!options.service.empty()) {
    const auto& service = find_service(options.service, providers::ServiceKind::service, lang);
    return service_outcome(service, region_of(options, service, lang), {}, false, options, ctx);
  }
  const auto& hosting = find_service(options.hosting, providers::ServiceKind::hosting, lang);
  std::string host;
  if (!options.host.empty()) {
    host = lookup_host(options.host, lang).host;
    if (!hosting.host_pattern) {
      throw Fatal(ExitCode::usage, say(Msg::service_host_not_used, lang,
                                       fmt::arg("value", util::quote_for_message(options.host)),
                                       fmt::arg("name", hosting.name)));
    }
    if (!providers::host_matches(*hosting.host_pattern, host)) {
      throw Fatal(ExitCode::usage, say(Msg::service_host_mismatch, lang,
                                       fmt::arg("value", util::quote_for_message(options.host)),
                                       fmt::arg("name", hosting.name), fmt::arg("pattern", *hosting.host_pattern)));
    }
  }
  return service_outcome(hosting, {}, std::move(host), false, options, ctx);
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
      // A per-account host of a hosting template (sv1234.xserver.jp).
      if (const auto* hosting = providers::builtin_services().find_by_host(lookup.host)) {
        return service_outcome(*hosting, {}, lookup.host, true, options, ctx);
      }
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
    spec.option("--service", options->service, Msg::opt_service)
      .check(Check::non_empty)
      .type_name("NAME")
      .help_suffix(say(Msg::opt_names_list, lang,
                       fmt::arg("value", joined(service_names(providers::ServiceKind::service, false)))));
    spec.option("--region", options->region, Msg::opt_region)
      .check(Check::non_empty)
      .type_name("REGION");
    spec.option("--hosting", options->hosting, Msg::opt_hosting)
      .check(Check::non_empty)
      .type_name("NAME")
      .help_suffix(say(Msg::opt_names_list, lang,
                       fmt::arg("value", joined(service_names(providers::ServiceKind::hosting, false)))));
    spec.flag("--json", options->json, Msg::opt_json);
  }
  return Command{spec.app(), [options](Context& ctx, std::ostream& /*out*/) {
                   return run_recommend(*options, ctx);
                 }};
}

Outcome run_recommend(const RecommendOptions& options, Context& ctx)
{
  if (!options.region.empty() && options.service.empty()) {
    throw Fatal(ExitCode::usage, say(Msg::region_needs_service, ctx.lang(),
                                     fmt::arg("value", util::quote_for_message(options.region))));
  }
  const int targets = static_cast<int>(!options.proto.empty()) + static_cast<int>(!options.email.empty())
                      + static_cast<int>(!options.domain.empty()) + static_cast<int>(!options.target.empty())
                      + static_cast<int>(!options.host.empty() && options.hosting.empty())
                      + static_cast<int>(!options.service.empty()) + static_cast<int>(!options.hosting.empty());
  if (targets != 1) {
    throw Fatal(ExitCode::usage, std::string(text(Msg::recommend_target, ctx.lang())));
  }
  if (!options.service.empty() || !options.hosting.empty()) {
    return run_service_lookup(options, ctx);
  }
  if (options.proto.empty()) {
    return run_provider_lookup(options, ctx);
  }
  const auto proto = *core::parse_proto(options.proto);
  const auto role = options.role.empty() ? core::Role::client : *core::parse_role(options.role);
  const auto prefer = options.prefer.empty() ? core::TlsMode::implicit : *core::parse_tls_mode(options.prefer);
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
