#include <mailports/cli/cmd/providers.hpp>

#include <mailports/cli/command_spec.hpp>
#include <mailports/cli/messages.hpp>
#include <mailports/cli/output/provider.hpp>
#include <mailports/cli/output/service.hpp>
#include <mailports/providers/services.hpp>
#include <mailports/util/text.hpp>

#include <memory>
#include <sstream>

namespace mailports::cli::cmd {

namespace {

bool matches(const providers::Provider& p, const std::string& needle)
{
  const auto has = [&needle](std::string_view hay) {
    return util::to_lower(hay).find(needle) != std::string::npos;
  };
  const auto has_host = [&has](std::span<const providers::Server> servers) {
    return std::any_of(servers.begin(), servers.end(),
                       [&has](const providers::Server& s) { return s.host && has(*s.host); });
  };
  // Server host names too: `providers --search smtp.gmail.com` finds Gmail.
  return needle.empty() || has(p.id) || has(p.name)
         || std::any_of(p.domains.begin(), p.domains.end(), has) || has_host(p.incoming)
         || has_host(p.outgoing);
}

// Sending services and hosting templates: by id, alias, name, server host,
// or a host their pattern matches (sv1234.xserver.jp finds Xserver).
bool service_matches(const providers::Service& s, const std::string& needle)
{
  const auto has = [&needle](std::string_view hay) {
    return util::to_lower(hay).find(needle) != std::string::npos;
  };
  return needle.empty() || has(s.id) || has(s.name) || std::any_of(s.aliases.begin(), s.aliases.end(), has)
         || std::any_of(s.servers.begin(), s.servers.end(),
                        [&has](const providers::Server& server) { return has(server.host.value_or("")); })
         || (s.host_pattern && (has(*s.host_pattern) || providers::host_matches(*s.host_pattern, needle)));
}

} // namespace

Command setup_providers(CLI::App& parent, core::Lang lang, bool with_options)
{
  auto options = std::make_shared<ProvidersOptions>();
  CommandSpec spec(parent, "providers", Msg::cmd_providers, Msg::footer_providers, lang);
  if (with_options) {
    spec.option("--search", options->search, Msg::opt_search);
    spec.flag("--json", options->json, Msg::opt_json);
  }
  return Command{spec.app(), [options](Context& ctx, std::ostream& /*out*/) {
                   return run_providers(*options, ctx);
                 }};
}

Outcome run_providers(const ProvidersOptions& options, Context& ctx)
{
  const auto& catalog = ctx.catalog();
  const auto needle = util::to_lower(options.search);
  std::vector<const providers::Provider*> list;
  for (const auto& p : catalog.providers) {
    if (matches(p, needle)) {
      list.push_back(&p);
    }
  }
  std::vector<const providers::Service*> services;
  for (const auto& s : providers::builtin_services().entries) {
    if (service_matches(s, needle)) {
      services.push_back(&s);
    }
  }
  Outcome outcome;
  std::ostringstream out;
  const output::TextContext text_ctx{ctx.table(), ctx.lang(), ctx.style()};
  if (options.json) {
    auto document = output::providers_json(catalog, list);
    document["services"] = output::services_list_json(services);
    output::write_json(out, document);
  } else {
    if (!list.empty()) {
      output::providers_text(out, text_ctx, list);
    }
    if (!services.empty()) {
      out << (list.empty() ? "" : "\n");
      output::services_list_text(out, text_ctx, services);
    }
  }
  if (list.empty() && services.empty()) {
    outcome.code = ExitCode::not_found;
    outcome.diagnostic = say(Msg::no_match, ctx.lang(),
                             fmt::arg("value", util::quote_for_message(options.search)));
  }
  outcome.output = out.str();
  return outcome;
}

} // namespace mailports::cli::cmd
