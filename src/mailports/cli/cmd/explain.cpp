#include <mailports/cli/cmd/explain.hpp>

#include <mailports/cli/command_spec.hpp>
#include <mailports/cli/messages.hpp>
#include <mailports/cli/options.hpp>
#include <mailports/cli/output/json_text.hpp>
#include <mailports/cli/output/text.hpp>
#include <mailports/engine/lookup.hpp>

#include <memory>
#include <sstream>

namespace mailports::cli::cmd {

Command setup_explain(CLI::App& parent, core::Lang lang, bool with_options)
{
  auto options = std::make_shared<ExplainOptions>();
  CommandSpec spec(parent, "explain", Msg::cmd_explain, Msg::footer_explain, lang);
  if (with_options) {
    spec.option("port", options->port, Msg::opt_explain_port)
      .required()
      .check(Check::port)
      .type_name("PORT");
    spec.flag("--json", options->json, Msg::opt_json);
  }
  return Command{spec.app(), [options](Context& ctx, std::ostream& /*out*/) {
                   return run_explain(*options, ctx);
                 }};
}

Outcome run_explain(const ExplainOptions& options, Context& ctx)
{
  const auto& table = ctx.table();
  const auto port = to_port(options.port);
  const auto entries = engine::entries_for_port(table, port);
  if (options.json) {
    return Outcome{ExitCode::ok, output::explain_json_text(port, entries, table, ctx.lang()), {}};
  }
  std::ostringstream out;
  output::explain_text(out, {table, ctx.lang(), ctx.style()}, port, entries);
  return Outcome{ExitCode::ok, out.str(), {}};
}

} // namespace mailports::cli::cmd
