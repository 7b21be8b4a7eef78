#include <mailports/cli/cmd/providers.hpp>

#include <mailports/cli/command_spec.hpp>
#include <mailports/cli/messages.hpp>
#include <mailports/cli/output/provider.hpp>
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
  Outcome outcome;
  std::ostringstream out;
  if (options.json) {
    output::write_json(out, output::providers_json(catalog, list));
  } else if (!list.empty()) {
    output::providers_text(out, {ctx.table(), ctx.lang(), ctx.style()}, list);
  }
  if (list.empty()) {
    outcome.code = ExitCode::not_found;
    outcome.diagnostic = say(Msg::no_match, ctx.lang(),
                             fmt::arg("value", util::quote_for_message(options.search)));
  }
  outcome.output = out.str();
  return outcome;
}

} // namespace mailports::cli::cmd
