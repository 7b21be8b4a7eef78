#include <mailports/cli/cmd/discover.hpp>

#include <mailports/cli/cmd/lookup_target.hpp>
#include <mailports/cli/cmd/tls_options.hpp>
#include <mailports/cli/fatal.hpp>
#include <mailports/cli/messages.hpp>
#include <mailports/cli/options.hpp>
#include <mailports/cli/output/discover.hpp>
#include <mailports/discover/live.hpp>
#include <mailports/discover/sources.hpp>
#include <mailports/providers/address.hpp>
#include <mailports/util/text.hpp>

#include <CLI/CLI.hpp>

#include <algorithm>
#include <csignal>
#include <cstdlib>
#include <memory>
#include <sstream>

namespace mailports::cli::cmd {

namespace {

// Every code discover may raise must be in the table: the texts come from it.
void require_codes(const rules::Table& table, bool live, core::Lang lang)
{
  const auto need = [&](std::string_view code) {
    if (table.finding(code) == nullptr) {
      throw Fatal(ExitCode::data_invalid, say(Msg::discover_rules_lack, lang, fmt::arg("value", code)));
    }
  };
  for (const auto code : rules::codes::discover_codes) {
    need(code);
  }
  for (const auto code : rules::codes::autoconfig_problem_codes) {
    need(code);
  }
  if (live) {
    for (const auto code : rules::codes::probe_codes) {
      need(code);
    }
  }
}

// The tests' way to reach servers on loopback high ports under their real
// names, as `curl --connect-to` does: certificates are still checked
// against the names.
std::vector<discover::ConnectTo> connect_to_hook(std::vector<std::string>& raw, core::Lang lang)
{
  const char* value = std::getenv("MAILPORTS_TEST_CONNECT_TO");
  if (value == nullptr || *value == '\0') {
    return {};
  }
  auto parsed = discover::parse_connect_to(value);
  if (!parsed) {
    throw Fatal(ExitCode::usage, say(Msg::discover_bad_connect_to, lang, fmt::arg("reason", parsed.error().message)));
  }
  for (const auto& entry : *parsed) {
    const auto bracket = [](const std::string& host) {
      return host.find(':') != std::string::npos ? "[" + host + "]" : host;
    };
    raw.push_back(entry.host + ":" + (entry.port ? std::to_string(entry.port) : "") + ":" + bracket(entry.to_host) +
                  ":" + (entry.to_port ? std::to_string(entry.to_port) : ""));
  }
  return std::move(parsed).value();
}

} // namespace

Command setup_discover(CLI::App& parent, core::Lang lang, bool with_options)
{
  auto options = std::make_shared<DiscoverOptions>();
  auto* app = parent.add_subcommand("discover", std::string(text(Msg::cmd_discover, lang)));
  app->footer(std::string(text(Msg::footer_discover, lang)));
  if (with_options) {
    app->add_option("target", options->target, std::string(text(Msg::opt_discover_target, lang)))
      ->required()
      ->check(non_empty_validator(lang))
      ->type_name("ADDRESS|DOMAIN");
    app->add_flag("--json", options->json, std::string(text(Msg::opt_json, lang)));
    app->add_flag("--verify", options->verify, std::string(text(Msg::opt_verify, lang)));
    app->add_flag("--guess", options->guess, std::string(text(Msg::opt_guess, lang)));
    app->add_option("--timeout", options->timeout, std::string(text(Msg::opt_discover_timeout, lang)))
      ->check(timeout_validator(lang))
      ->type_name("SECONDS");
    app->add_flag("--no-http", options->no_http, std::string(text(Msg::opt_no_http, lang)));
    app->add_flag("--no-address", options->no_address, std::string(text(Msg::opt_no_address, lang)));
    app->add_option("--dns-server", options->dns_server, std::string(text(Msg::opt_dns_server, lang)))
      ->check(non_empty_validator(lang))
      ->type_name("HOST[:PORT]");
    app->add_option("--ca-file", options->ca_file, std::string(text(Msg::opt_ca_file, lang)))
      ->check(non_empty_validator(lang))
      ->type_name("FILE");
  }
  return Command{app, [options](Context& ctx, std::ostream& /*out*/) {
                   return run_discover(*options, ctx);
                 }};
}

Outcome run_discover(const DiscoverOptions& options, Context& ctx)
{
  // OpenSSL writes with write(2): a server closing mid-handshake must give
  // an error, not kill us.
  std::signal(SIGPIPE, SIG_IGN);
  const auto lang = ctx.lang();
  const bool live = options.verify || options.guess;
  const auto& table = ctx.table();
  require_codes(table, live, lang);
  const bool is_address = providers::looks_like_address(options.target);
  const auto lookup = lookup_target(is_address ? options.target : std::string(),
                                    is_address ? std::string() : options.target, lang);

  discover::Request request;
  request.who = lookup.address.value_or(providers::Address{"", lookup.domain});
  request.plain_http = !options.no_http;
  request.send_address = !options.no_address;
  request.timeout = std::chrono::milliseconds(static_cast<long long>(options.timeout * 1000));
  request.catalog = &ctx.catalog();
  if (!options.dns_server.empty()) {
    auto server = net::parse_dns_server(options.dns_server);
    if (!server) {
      throw Fatal(ExitCode::usage, say(Msg::discover_bad_dns_server, lang,
                                       fmt::arg("value", util::quote_for_message(options.dns_server)),
                                       fmt::arg("reason", server.error().message)));
    }
    request.dns.server = std::move(server).value();
  }
  discover::LiveOptions live_options;
  live_options.connect_to = connect_to_hook(request.http.connect_to, lang);
  live_options.dns = request.dns;
  live_options.timeout = request.timeout;
  std::optional<net::TlsContext> tls;
  if (live || !options.ca_file.empty()) {
    // Read and checked here (66, 65), also when only HTTPS uses it.
    tls.emplace(tls_context(options.ca_file, lang, Msg::discover_no_openssl));
    live_options.tls = &*tls;
  }
  request.http.ca_file = options.ca_file;
  if (!net::http_available()) {
    throw Fatal(ExitCode::unavailable, std::string(text(Msg::discover_no_curl, lang)));
  }

  auto sources = discover::run_sources(request);
  if (options.guess) {
    for (auto& r : discover::guess_sources(table, lookup.domain, live_options)) {
      sources.push_back(std::move(r));
    }
  }
  discover::mark_plain_http(sources);
  auto discovery = discover::merge(table, sources);
  if (options.verify && !discovery.empty()) {
    discover::verify(table, discovery, live_options);
  }

  std::ostringstream out;
  const output::DiscoverAnswer answer{lookup, sources, discovery, options.verify};
  if (options.json) {
    output::write_json(out, output::discover_json(answer, table, lang));
  } else {
    output::discover_text(out, {table, lang, ctx.style()}, answer);
  }
  if (discovery.empty()) {
    const bool reached = std::any_of(sources.begin(), sources.end(), [](const auto& r) { return r.reached; });
    const auto who = lookup.address ? lookup.address->local + "@" + lookup.address->domain : lookup.domain;
    return Outcome{reached ? ExitCode::not_found : ExitCode::no_host, out.str(),
                   say(reached ? Msg::discover_nothing_found : Msg::discover_unreachable, lang,
                       fmt::arg("value", who))};
  }
  return Outcome{exit_code_of(discovery.verdict), out.str(), {}};
}

} // namespace mailports::cli::cmd
