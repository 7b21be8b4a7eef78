#include <mailports/cli/cmd/ports.hpp>

#include <mailports/cli/command_spec.hpp>
#include <mailports/cli/messages.hpp>
#include <mailports/cli/options.hpp>
#include <mailports/cli/output/json_text.hpp>
#include <mailports/cli/output/text.hpp>
#include <mailports/engine/lookup.hpp>

#include <memory>
#include <sstream>

namespace mailports::cli::cmd {

Command setup_ports(CLI::App& parent, core::Lang lang, bool with_options)
{
  auto options = std::make_shared<PortsOptions>();
  CommandSpec spec(parent, "ports", Msg::cmd_ports, Msg::footer_ports, lang);
  if (with_options) {
    spec.option("--proto", options->proto, Msg::opt_ports_proto)
      .transform(Transform::proto);
    spec.flag("--json", options->json, Msg::opt_json);
  }
  return Command{spec.app(), [options](Context& ctx, std::ostream& /*out*/) {
                   return run_ports(*options, ctx);
                 }};
}

Outcome run_ports(const PortsOptions& options, Context& ctx)
{
  const auto& table = ctx.table();
  const auto proto = options.proto.empty() ? std::nullopt : core::parse_proto(options.proto);
  const auto entries = engine::entries_for_proto(table, proto);
  if (options.json) {
    return Outcome{ExitCode::ok, output::ports_json_text(entries, table, ctx.lang()), {}};
  }
  std::ostringstream out;
  output::ports_text(out, {table, ctx.lang(), ctx.style()}, entries);
  return Outcome{ExitCode::ok, out.str(), {}};
}

} // namespace mailports::cli::cmd
