#include <mailports/cli/cmd/recommend.hpp>

#include <mailports/cli/fatal.hpp>
#include <mailports/cli/messages.hpp>
#include <mailports/cli/options.hpp>
#include <mailports/cli/output/json.hpp>
#include <mailports/cli/output/text.hpp>

#include <memory>
#include <sstream>

namespace mailports::cli::cmd {

Command setup_recommend(CLI::App& parent, core::Lang lang)
{
  auto options = std::make_shared<RecommendOptions>();
  auto* app = parent.add_subcommand("recommend", std::string(text(Msg::cmd_recommend, lang)));
  app->footer(std::string(text(Msg::footer_recommend, lang)));
  app->add_option("--proto", options->proto, std::string(text(Msg::opt_proto, lang)))
    ->required()
    ->transform(proto_validator(lang));
  app->add_option("--role", options->role, std::string(text(Msg::opt_role, lang)))
    ->transform(role_validator(lang));
  app->add_option("--prefer", options->prefer, std::string(text(Msg::opt_prefer, lang)))
    ->transform(prefer_validator(lang));
  app->add_flag("--json", options->json, std::string(text(Msg::opt_json, lang)));
  return Command{app, [options](Context& ctx) { return run_recommend(*options, ctx); }};
}

Outcome run_recommend(const RecommendOptions& options, Context& ctx)
{
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
  std::ostringstream out;
  if (options.json) {
    output::write_json(out, output::recommend_json(recommendations, proto, role, prefer, table,
                                                   ctx.lang()));
  } else {
    output::recommend_text(out, {table, ctx.lang(), ctx.style()}, recommendations, proto, role);
  }
  return Outcome{ExitCode::ok, out.str()};
}

} // namespace mailports::cli::cmd
