#include <mailports/cli/cmd/check.hpp>

#include <mailports/cli/cmd/batch.hpp>
#include <mailports/cli/fatal.hpp>
#include <mailports/cli/command_spec.hpp>
#include <mailports/cli/messages.hpp>
#include <mailports/cli/options.hpp>
#include <mailports/cli/url_error.hpp>
#include <mailports/cli/output/json_text.hpp>
#include <mailports/cli/output/text.hpp>
#include <mailports/engine/lookup.hpp>
#include <mailports/engine/recommend.hpp>
#include <mailports/util/text.hpp>

#include <algorithm>
#include <memory>
#include <optional>
#include <sstream>

namespace mailports::cli::cmd {

namespace {

// The setting a URL describes, with the gaps filled from the options and
// the rules table.
engine::Query query_from_url(const url::MailUrl& url, const CheckOptions& options,
                             const rules::Table& table, core::Lang lang)
{
  engine::Query q;
  q.proto = url.proto;
  q.proto_inferred = url.scheme.empty() && options.proto.empty();
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
                                       fmt::arg("scheme_tls", table.mode(*url.tls).label.in(lang)),
                                       fmt::arg("tls", core::to_string(*option_tls))));
    }
    q.tls = *url.tls;
  } else if (option_tls) {
    q.tls = *option_tls;
    q.tls_word_ambiguous = core::is_ambiguous_tls_word(options.tls);
  } else {
    q.tls = engine::usual_mode(table, q.proto, q.port, q.role);
    q.tls_stated = false;
  }
  return q;
}

// Why sole_proto_of_port found no single protocol for `port`.
std::string_view why_no_sole_proto(const rules::Table& table, std::uint16_t port, core::Lang lang)
{
  const auto entries = engine::entries_for_port(table, port);
  const bool some_proto = std::any_of(entries.begin(), entries.end(),
                                      [](const rules::Entry* e) { return e->proto.has_value(); });
  return text(some_proto ? Msg::why_port_several : Msg::why_port_none, lang);
}

engine::Query query_from_options(const CheckOptions& options, const rules::Table& table, core::Lang lang)
{
  std::vector<std::string_view> missing;
  for (const auto& [value, name] : {std::pair{&options.port, "--port"}, std::pair{&options.tls, "--tls"}}) {
    if (value->empty()) {
      missing.push_back(name);
    }
  }
  if (!missing.empty()) {
    // --proto is missing too unless the port would name it (check --port 2525).
    const bool proto_from_port = !options.port.empty() && engine::sole_proto_of_port(table, to_port(options.port));
    if (options.proto.empty() && !proto_from_port) {
      missing.insert(missing.begin(), "--proto");
    }
    throw Fatal(ExitCode::usage, say(Msg::check_incomplete, lang, fmt::arg("missing", util::join(missing))));
  }
  engine::Query q;
  q.port = to_port(options.port);
  if (!options.proto.empty()) {
    q.proto = *core::parse_proto(options.proto);
  } else if (const auto proto = engine::sole_proto_of_port(table, q.port)) {
    q.proto = *proto;
    q.proto_inferred = true;
  } else {
    throw Fatal(ExitCode::usage, say(Msg::check_need_proto, lang, fmt::arg("port", q.port),
                                     fmt::arg("reason", why_no_sole_proto(table, q.port, lang))));
  }
  q.tls = *core::parse_tls_mode(options.tls);
  q.tls_word_ambiguous = core::is_ambiguous_tls_word(options.tls);
  q.role = *core::parse_role(options.role);
  return q;
}

// `check smtp.example.com:587`: a URL without a scheme, the protocol taken
// from --proto or from the port when only one protocol uses it.
url::MailUrl url_from_host_port(std::string_view text, const url::Authority& authority,
                                const CheckOptions& options, const rules::Table& table, core::Lang lang)
{
  const auto proto = !options.proto.empty() ? core::parse_proto(options.proto)
                                            : engine::sole_proto_of_port(table, *authority.port);
  if (!proto) {
    throw Fatal(ExitCode::usage,
                say(Msg::check_host_port_proto, lang, fmt::arg("value", util::quote_for_message(text)),
                    fmt::arg("reason", why_no_sole_proto(table, *authority.port, lang)),
                    fmt::arg("host", authority.host), fmt::arg("port", *authority.port)));
  }
  return url::from_host_port(text, authority, *proto);
}

// What the positional argument is: HOST:PORT, or a mail URL (whose parser
// also names the usual mistakes, such as a mailto: address).
url::MailUrl url_argument(const CheckOptions& options, const rules::Table& table, core::Lang lang)
{
  const std::string_view arg = options.url;
  if (auto authority = url::as_host_port(arg)) {
    if (!*authority) {
      url_error(authority->error(), lang); // "host:0", "host:99999"
    }
    if (!options.port.empty()) {
      throw Fatal(ExitCode::usage, std::string(text(Msg::check_url_and_setting, lang)));
    }
    return url_from_host_port(arg, authority->value(), options, table, lang);
  }
  if (!options.proto.empty() || !options.port.empty()) {
    throw Fatal(ExitCode::usage, std::string(text(Msg::check_url_and_setting, lang)));
  }
  auto parsed = url::parse_mail_url(arg);
  if (!parsed) {
    url_error(parsed.error(), lang);
  }
  return std::move(parsed).value();
}

} // namespace

Command setup_check(CLI::App& parent, core::Lang lang, bool with_options)
{
  auto options = std::make_shared<CheckOptions>();
  CommandSpec spec(parent, "check", Msg::cmd_check, Msg::footer_check, lang);
  if (with_options) {
    spec.option("url", options->url, Msg::opt_url)
      .check(Check::non_empty);
    spec.option("--proto", options->proto, Msg::opt_proto)
      .transform(Transform::proto);
    spec.option("--port", options->port, Msg::opt_port)
      .check(Check::port)
      .type_name("PORT");
    spec.option("--tls", options->tls, Msg::opt_tls)
      .transform(Transform::tls);
    spec.option("--role", options->role, Msg::opt_role)
      .transform(Transform::role);
    spec.flag("--json", options->json, Msg::opt_json);
    spec.option("--batch", options->batch, Msg::opt_batch)
      .expected(0, 1)
      .type_name("FILE|-");
  }
  return Command{spec.app(), [options](Context& ctx, std::ostream& out) {
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
  const auto& table = ctx.table();
  std::optional<url::MailUrl> url;
  if (!options.url.empty()) {
    url = url_argument(options, table, lang);
  }
  const auto query = url ? query_from_url(*url, options, table, lang)
                         : query_from_options(options, table, lang);
  if (!engine::has_choices(table, query.proto, query.role)) {
    throw Fatal(ExitCode::usage, say(Msg::no_choices, lang,
                                     fmt::arg("role", role_label(query.role, lang)),
                                     fmt::arg("proto", core::to_string(query.proto))));
  }

  const auto result = engine::check(table, query);
  const url::MailUrl* shown_url = url ? &*url : nullptr;
  if (options.json) {
    return Outcome{exit_code_of(result.verdict), output::check_json_text(result, table, lang, shown_url), {}};
  }
  std::ostringstream out;
  output::check_text(out, {table, lang, ctx.style()}, result, shown_url);
  return Outcome{exit_code_of(result.verdict), out.str(), {}};
}

} // namespace mailports::cli::cmd
