#include <mailports/cli/cmd/check.hpp>

#include <mailports/cli/cmd/batch.hpp>
#include <mailports/cli/fatal.hpp>
#include <mailports/cli/messages.hpp>
#include <mailports/cli/options.hpp>
#include <mailports/cli/output/json.hpp>
#include <mailports/cli/output/text.hpp>
#include <mailports/engine/lookup.hpp>
#include <mailports/engine/recommend.hpp>
#include <mailports/util/text.hpp>

#include <CLI/CLI.hpp>

#include <memory>
#include <optional>
#include <sstream>

namespace mailports::cli::cmd {

namespace {

[[noreturn]] void url_error(const url::UrlError& error, core::Lang lang)
{
  using Kind = url::UrlError::Kind;
  const auto schemes = url::mail_url_schemes();
  std::string message;
  switch (error.kind) {
  case Kind::no_scheme:
    message = say(Msg::url_no_scheme, lang, fmt::arg("url", error.redacted));
    break;
  case Kind::unknown_scheme:
    message = say(Msg::url_unknown_scheme, lang, fmt::arg("value", error.detail),
                  fmt::arg("url", error.redacted),
                  fmt::arg("choices", util::join(schemes)));
    if (const auto hint = util::closest_match(error.detail, schemes)) {
      message += say(Msg::did_you_mean, lang, fmt::arg("hint", *hint));
    }
    break;
  case Kind::empty_host:
    message = say(Msg::url_empty_host, lang, fmt::arg("url", error.redacted));
    break;
  case Kind::bad_host:
    message = say(Msg::url_bad_host, lang, fmt::arg("value", error.detail),
                  fmt::arg("url", error.redacted));
    break;
  case Kind::bad_port:
    message = say(Msg::url_bad_port, lang, fmt::arg("value", error.detail),
                  fmt::arg("url", error.redacted));
    break;
  case Kind::has_path:
    message = say(Msg::url_has_path, lang, fmt::arg("url", error.redacted));
    break;
  }
  throw Fatal(ExitCode::usage, message);
}

// The setting a URL describes, with the gaps filled from the options and
// the rules table.
engine::Query query_from_url(const url::MailUrl& url, const CheckOptions& options,
                             const rules::Table& table, core::Lang lang)
{
  engine::Query q;
  q.proto = url.proto;
  q.role = *core::parse_role(options.role);
  const auto port = url.port ? url.port : engine::port_of_service(table, url.proto, url.service);
  if (!port) {
    throw Fatal(ExitCode::usage, say(Msg::check_incomplete, lang, fmt::arg("missing", "port")));
  }
  q.port = *port;
  const auto option_tls = core::parse_tls_mode(options.tls);
  if (url.tls) {
    if (option_tls && *option_tls != *url.tls) {
      throw Fatal(ExitCode::usage, say(Msg::url_tls_conflict, lang, fmt::arg("scheme", url.scheme),
                                       fmt::arg("tls", core::to_string(*option_tls))));
    }
    q.tls = *url.tls;
  } else if (option_tls) {
    q.tls = *option_tls;
  } else {
    q.tls = engine::usual_mode(table, q.proto, q.port, q.role);
    q.tls_stated = false;
  }
  return q;
}

engine::Query query_from_options(const CheckOptions& options, core::Lang lang)
{
  std::vector<std::string_view> missing;
  for (const auto& [value, name] : {std::pair{&options.proto, "--proto"},
                                    std::pair{&options.port, "--port"},
                                    std::pair{&options.tls, "--tls"}}) {
    if (value->empty()) {
      missing.push_back(name);
    }
  }
  if (!missing.empty()) {
    throw Fatal(ExitCode::usage, say(Msg::check_incomplete, lang, fmt::arg("missing", util::join(missing))));
  }
  engine::Query q;
  q.proto = *core::parse_proto(options.proto);
  q.port = to_port(options.port);
  q.tls = *core::parse_tls_mode(options.tls);
  q.role = *core::parse_role(options.role);
  return q;
}

} // namespace

Command setup_check(CLI::App& parent, core::Lang lang, bool with_options)
{
  auto options = std::make_shared<CheckOptions>();
  auto* app = parent.add_subcommand("check", std::string(text(Msg::cmd_check, lang)));
  app->footer(std::string(text(Msg::footer_check, lang)));
  if (with_options) {
    app->add_option("url", options->url, std::string(text(Msg::opt_url, lang)))
      ->check(non_empty_validator(lang));
    app->add_option("--proto", options->proto, std::string(text(Msg::opt_proto, lang)))
      ->transform(proto_validator(lang));
    app->add_option("--port", options->port, std::string(text(Msg::opt_port, lang)))
      ->check(port_validator(lang))
      ->type_name("PORT");
    app->add_option("--tls", options->tls, std::string(text(Msg::opt_tls, lang)))
      ->transform(tls_validator(lang));
    app->add_option("--role", options->role, std::string(text(Msg::opt_role, lang)))
      ->transform(role_validator(lang));
    app->add_flag("--json", options->json, std::string(text(Msg::opt_json, lang)));
    app->add_option("--batch", options->batch, std::string(text(Msg::opt_batch, lang)))
      ->expected(0, 1)
      ->type_name("FILE|-");
  }
  return Command{app, [options](Context& ctx, std::ostream& out) {
                   return run_check(*options, ctx, out);
                 }};
}

Outcome run_check(const CheckOptions& options, Context& ctx, std::ostream& stream)
{
  const auto lang = ctx.lang();
  if (options.batch) {
    if (!options.url.empty() || !options.proto.empty() || !options.port.empty()
        || !options.tls.empty()) {
      throw Fatal(ExitCode::usage, std::string(text(Msg::batch_alone, lang)));
    }
    return run_batch(*options.batch, ctx, stream);
  }
  std::optional<url::MailUrl> url;
  if (!options.url.empty()) {
    if (!options.proto.empty() || !options.port.empty()) {
      throw Fatal(ExitCode::usage, std::string(text(Msg::check_url_and_setting, lang)));
    }
    auto parsed = url::parse_mail_url(options.url);
    if (!parsed) {
      url_error(parsed.error(), lang);
    }
    url = std::move(parsed).value();
  }
  const auto& table = ctx.table();
  const auto query = url ? query_from_url(*url, options, table, lang)
                         : query_from_options(options, lang);
  if (!engine::has_choices(table, query.proto, query.role)) {
    throw Fatal(ExitCode::usage, say(Msg::no_choices, lang,
                                     fmt::arg("role", role_label(query.role, lang)),
                                     fmt::arg("proto", core::to_string(query.proto))));
  }

  const auto result = engine::check(table, query);
  std::ostringstream out;
  const url::MailUrl* shown_url = url ? &*url : nullptr;
  if (options.json) {
    output::write_json(out, output::check_json(result, table, lang, shown_url));
  } else {
    output::check_text(out, {table, lang, ctx.style()}, result, shown_url);
  }
  return Outcome{exit_code_of(result.verdict), out.str(), {}};
}

} // namespace mailports::cli::cmd
