#include <mailports/cli/cmd/config.hpp>

#include <mailports/cli/cmd/client_format.hpp>
#include <mailports/cli/cmd/discover.hpp>
#include <mailports/cli/cmd/lookup_target.hpp>
#include <mailports/cli/command_spec.hpp>
#include <mailports/cli/fatal.hpp>
#include <mailports/cli/messages.hpp>
#include <mailports/cli/options.hpp>
#include <mailports/cli/output/clientconf.hpp>
#include <mailports/clientconf/installed.hpp>
#include <mailports/clientconf/plan.hpp>
#include <mailports/engine/provider.hpp>
#include <mailports/providers/address.hpp>
#include <mailports/util/file.hpp>
#include <mailports/util/text.hpp>

#include <memory>
#include <sstream>

namespace mailports::cli::cmd {

namespace {

struct Source {
  std::vector<clientconf::Candidate> candidates; // best first
  std::string user;     // the login name the source gives for the address
  std::string address;  // the From address
  std::string domain;
  std::string provider; // display name
  std::string account;  // default account name
};

bool explicit_setting(const ConfigOptions& o)
{
  return !o.proto.empty() || !o.host.empty() || !o.port.empty() || !o.tls.empty();
}

Source from_explicit(const ConfigOptions& options, core::Lang lang)
{
  std::string missing;
  for (const auto& [name, value] : {std::pair{"--proto", &options.proto}, std::pair{"--host", &options.host},
                                    std::pair{"--port", &options.port}, std::pair{"--tls", &options.tls}}) {
    if (value->empty()) {
      missing += (missing.empty() ? "" : ", ") + std::string(name);
    }
  }
  if (!missing.empty()) {
    throw Fatal(ExitCode::usage, say(Msg::config_explicit_incomplete, lang, fmt::arg("value", missing)));
  }
  if (core::is_ambiguous_tls_word(options.tls)) {
    throw Fatal(ExitCode::usage, say(Msg::config_tls_ambiguous, lang, fmt::arg("value", options.tls)));
  }
  // The options were validated and made canonical while parsing.
  clientconf::Candidate c{*core::parse_proto(options.proto), util::to_lower(options.host), to_port(options.port),
                          *core::parse_tls_mode(options.tls)};
  Source source;
  source.account = c.host;
  source.candidates.push_back(std::move(c));
  return source;
}

// The address's login name by the provider's rule (%EMAILADDRESS%, ...).
std::string username_for(const providers::Server& server, const output::Lookup& lookup)
{
  if (!server.username || !lookup.address) {
    return {};
  }
  return providers::resolve_username(*server.username, *lookup.address);
}

Source from_provider(const output::Lookup& lookup, Context& ctx)
{
  const auto lang = ctx.lang();
  // One provider unpacked from the built-in data, as recommend does.
  const auto* provider = ctx.find_provider(lookup.domain);
  if (provider == nullptr) {
    throw Fatal(ExitCode::not_found, say(Msg::not_found, lang, fmt::arg("domain", lookup.domain),
                                         fmt::arg("source", ctx.provider_source().name))
                                       + say(Msg::hint_discover, lang,
                                             fmt::arg("value", util::quote_for_shell(who_of(lookup)))));
  }
  const auto advice = engine::advise(ctx.table(), *provider);
  Source source;
  source.provider = provider->name;
  source.account = lookup.domain;
  const providers::Address domain_only{"", lookup.domain};
  for (const auto* list : {&advice.incoming, &advice.outgoing}) {
    for (const auto& judged : *list) {
      const auto& server = *judged.server;
      if (!server.proto || !server.host || !server.port || !server.tls) {
        continue; // nothing a client could be given
      }
      // A host may be "mail.%EMAILDOMAIN%" (hosting companies' entries).
      const auto host = providers::resolve_username(*server.host, lookup.address.value_or(domain_only));
      source.candidates.push_back(clientconf::Candidate{*server.proto, host, *server.port, *server.tls});
      if (source.user.empty()) {
        source.user = username_for(server, lookup);
      }
    }
  }
  return source;
}

Source from_discovery(const ConfigOptions& options, Context& ctx)
{
  DiscoverOptions discover;
  discover.target = !options.email.empty() ? options.email : options.domain;
  discover.timeout = options.timeout;
  discover.dns_server = options.dns_server;
  discover.ca_file = options.ca_file;
  const auto found = discover_servers(discover, ctx);
  Source source;
  source.account = found.lookup.domain;
  for (const auto* list : {&found.discovery.incoming, &found.discovery.outgoing}) {
    for (const auto& merged : *list) {
      const auto& s = merged.server;
      source.candidates.push_back(clientconf::Candidate{s.proto, s.host, s.port, s.tls});
      if (source.user.empty()) {
        source.user = s.username;
      }
    }
  }
  if (source.candidates.empty()) {
    throw Fatal(ExitCode::not_found,
                say(Msg::discover_nothing_found, ctx.lang(), fmt::arg("value", who_of(found.lookup))));
  }
  return source;
}

Source source_of(const ConfigOptions& options, Context& ctx)
{
  const auto lang = ctx.lang();
  const bool by_lookup = !options.email.empty() || !options.domain.empty();
  if (options.discover && !by_lookup) {
    throw Fatal(ExitCode::usage, std::string(text(Msg::config_discover_needs_domain, lang)));
  }
  if (!by_lookup && !explicit_setting(options)) {
    throw Fatal(ExitCode::usage, std::string(text(Msg::config_source_needed, lang)));
  }
  if (!by_lookup) {
    return from_explicit(options, lang);
  }
  const auto lookup = lookup_target(options.email, options.domain, lang);
  // Explicit settings with --email/--domain: the servers are the ones given,
  // for that address or domain (an admin publishing SRV records or an
  // autoconfig file for a domain the provider data does not know).
  auto source = explicit_setting(options) ? from_explicit(options, lang)
                : options.discover        ? from_discovery(options, ctx)
                                          : from_provider(lookup, ctx);
  source.domain = lookup.domain;
  if (explicit_setting(options)) {
    source.account = lookup.domain;
  }
  if (lookup.address) {
    source.address = lookup.address->local + "@" + lookup.address->domain;
    if (source.user.empty()) {
      source.user = source.address;
    }
  }
  return source;
}

std::string describe(const clientconf::Candidate& c)
{
  return fmt::format("{} {}:{} {}", core::to_string(c.proto), c.host, c.port, core::to_string(c.tls));
}

// A refused or left-out setting and the finding that ruled it out.
std::string refusal_text(Msg id, const clientconf::JudgedCandidate& judged, const rules::Table& table,
                         core::Lang lang)
{
  std::string reason;
  for (const auto& finding : judged.check.findings) {
    if (finding.def->severity == core::Severity::error) {
      reason = engine::render_message(judged.check, finding, lang, table) + " (" + std::string(finding.def->code) + ")";
      break;
    }
  }
  return say(id, lang, fmt::arg("value", describe(judged.server)), fmt::arg("reason", reason));
}

Msg needs_message(clientconf::WriteError::Kind kind)
{
  switch (kind) {
  case clientconf::WriteError::Kind::needs_incoming:
    return Msg::config_needs_incoming;
  case clientconf::WriteError::Kind::needs_outgoing:
    return Msg::config_needs_outgoing;
  case clientconf::WriteError::Kind::needs_imap:
    return Msg::config_needs_imap;
  case clientconf::WriteError::Kind::needs_domain:
    break;
  }
  return Msg::config_needs_domain;
}

} // namespace

Command setup_config(CLI::App& parent, core::Lang lang, bool with_options)
{
  auto options = std::make_shared<ConfigOptions>();
  CommandSpec spec(parent, "config", Msg::cmd_config, Msg::footer_config, lang);
  if (with_options) {
    spec.option("format", options->format, Msg::opt_config_format).check(Check::non_empty).type_name("FORMAT");
    spec.flag("--formats", options->list_formats, Msg::opt_formats);
    spec.option("--email", options->email, Msg::opt_config_email).check(Check::non_empty).type_name("ADDRESS");
    spec.option("--domain", options->domain, Msg::opt_config_domain).check(Check::non_empty).type_name("DOMAIN");
    spec.option("--proto", options->proto, Msg::opt_config_proto).transform(Transform::proto).type_name("PROTO");
    spec.option("--host", options->host, Msg::opt_config_host).check(Check::non_empty).type_name("HOST");
    spec.option("--port", options->port, Msg::opt_config_port).check(Check::port).type_name("PORT");
    spec.option("--tls", options->tls, Msg::opt_config_tls).transform(Transform::tls).type_name("MODE");
    spec.option("--user", options->user, Msg::opt_config_user).check(Check::non_empty).type_name("NAME");
    spec.option("--account", options->account, Msg::opt_config_account).check(Check::non_empty).type_name("NAME");
    spec.option("--client-version", options->client_version, Msg::opt_client_version)
      .check(Check::non_empty)
      .type_name("VERSION");
    spec.option("--output", options->output, Msg::opt_config_output).check(Check::non_empty).type_name("FILE");
    spec.flag("--force", options->force, Msg::opt_config_force);
    spec.flag("--json", options->json, Msg::opt_json);
    spec.flag("--discover", options->discover, Msg::opt_config_discover);
    spec.option("--timeout", options->timeout, Msg::opt_config_timeout).check(Check::timeout).type_name("SECONDS");
    spec.option("--dns-server", options->dns_server, Msg::opt_dns_server).check(Check::non_empty).type_name("HOST[:PORT]");
    spec.option("--ca-file", options->ca_file, Msg::opt_ca_file).check(Check::non_empty).type_name("FILE");
  }
  return Command{spec.app(), [options](Context& ctx, std::ostream& /*out*/) { return run_config(*options, ctx); }};
}

Outcome run_config(const ConfigOptions& options, Context& ctx)
{
  const auto lang = ctx.lang();
  const auto& table = ctx.table();
  if (options.list_formats) {
    return Outcome{ExitCode::ok, formats_listing(false, lang), {}};
  }
  if (options.format.empty()) {
    throw Fatal(ExitCode::usage, say(Msg::config_format_needed, lang, fmt::arg("value", format_names(false))));
  }
  const auto& format = format_named(options.format, false, lang);
  const auto version_option = client_version_option(options.client_version, lang);
  const auto source = source_of(options, ctx);

  clientconf::WritePlan base;
  base.account = options.account.empty() ? source.account : options.account;
  base.user = options.user.value_or(source.user);
  base.address = source.address;
  base.domain = source.domain;
  base.provider = source.provider;
  base.version = clientconf::choose_version(format, version_option);
  base.lang = lang;
  base.generator = "mailports " MAILPORTS_VERSION;
  const auto planned = clientconf::plan_servers(table, source.candidates, std::move(base), options.force);
  const auto written = format.write(planned.plan);

  std::string diagnostic;
  const bool nothing_planned = planned.plan.incoming.empty() && planned.plan.outgoing.empty();
  if (!planned.refused.empty() && (!written || nothing_planned)) {
    for (const auto& refused : planned.refused) {
      diagnostic += refusal_text(Msg::config_refused, refused, table, lang) + "\n";
    }
    diagnostic += std::string(text(Msg::config_refused_hint, lang));
    throw Fatal(ExitCode::error, diagnostic);
  }
  if (!written) {
    throw Fatal(ExitCode::not_found, say(needs_message(written.error().kind), lang, fmt::arg("value", format.name)));
  }
  for (const auto& refused : planned.refused) {
    diagnostic += refusal_text(Msg::config_left_out, refused, table, lang) + "\n";
  }

  if (!options.output.empty()) {
    const auto saved = util::write_file_atomic(options.output, *written, 0600, options.force);
    const auto shown = util::quote_for_message(options.output);
    if (!saved) {
      throw Fatal(ExitCode::cant_create,
                  saved.error().kind == util::WriteError::Kind::exists
                    ? say(Msg::config_exists, lang, fmt::arg("path", shown))
                    : say(Msg::config_write_failed, lang, fmt::arg("path", shown),
                          fmt::arg("reason", saved.error().reason)));
    }
    diagnostic += say(Msg::config_written, lang, fmt::arg("path", shown), fmt::arg("value", format.name)) + "\n";
  }

  std::ostringstream out;
  if (options.json) {
    output::write_json(out, output::config_json(format, planned, *written, options.output, table, lang));
  } else if (options.output.empty()) {
    out << *written;
  }
  if (!diagnostic.empty() && diagnostic.back() == '\n') {
    diagnostic.pop_back();
  }
  return Outcome{exit_code_of(planned.verdict), out.str(), diagnostic};
}

} // namespace mailports::cli::cmd
