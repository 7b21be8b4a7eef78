#include <mailports/cli/cmd/discover.hpp>

#include <mailports/cli/cmd/lookup_target.hpp>
#include <mailports/cli/cmd/tls_options.hpp>
#include <mailports/cli/fatal.hpp>
#include <mailports/cli/command_spec.hpp>
#include <mailports/cli/messages.hpp>
#include <mailports/cli/options.hpp>
#include <mailports/cli/output/discover.hpp>
#include <mailports/cli/output/relay.hpp>
#include <mailports/discover/live.hpp>
#include <mailports/discover/relay.hpp>
#include <mailports/discover/sources.hpp>
#include <mailports/net/net.hpp>
#include <mailports/providers/address.hpp>
#include <mailports/util/text.hpp>

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

} // namespace

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

Command setup_discover(CLI::App& parent, core::Lang lang, bool with_options)
{
  auto options = std::make_shared<DiscoverOptions>();
  CommandSpec spec(parent, "discover", Msg::cmd_discover, Msg::footer_discover, lang);
  if (with_options) {
    spec.option("target", options->target, Msg::opt_discover_target)
      .required()
      .check(Check::non_empty)
      .type_name("ADDRESS|DOMAIN");
    spec.flag("--json", options->json, Msg::opt_json);
    spec.flag("--verify", options->verify, Msg::opt_verify);
    spec.flag("--guess", options->guess, Msg::opt_guess);
    spec.option("--timeout", options->timeout, Msg::opt_discover_timeout)
      .check(Check::timeout)
      .type_name("SECONDS");
    spec.flag("--no-http", options->no_http, Msg::opt_no_http);
    spec.flag("--no-address", options->no_address, Msg::opt_no_address);
    spec.option("--dns-server", options->dns_server, Msg::opt_dns_server)
      .check(Check::non_empty)
      .type_name("HOST[:PORT]");
    spec.option("--ca-file", options->ca_file, Msg::opt_ca_file)
      .check(Check::non_empty)
      .type_name("FILE");
    spec.option("--role", options->role, Msg::opt_discover_role).transform(Transform::role);
  }
  return Command{spec.app(), [options](Context& ctx, std::ostream& /*out*/) {
                   return run_discover(*options, ctx);
                 }};
}

Discovered discover_servers(const DiscoverOptions& options, Context& ctx)
{
  // OpenSSL writes with write(2): a server closing mid-handshake must give
  // an error, not kill us.
  std::signal(SIGPIPE, SIG_IGN);
  const auto lang = ctx.lang();
  const bool live = options.verify || options.guess;
  const auto& table = ctx.table();
  require_codes(table, live, lang);
  const bool is_address = providers::looks_like_address(options.target);
  Discovered found{lookup_target(is_address ? options.target : std::string(),
                                 is_address ? std::string() : options.target, lang),
                   {}, {}};
  const auto& lookup = found.lookup;

  discover::Request request;
  request.who = lookup.address.value_or(providers::Address{"", lookup.domain});
  request.try_http = !options.no_http;
  request.send_address = !options.no_address;
  request.timeout = std::chrono::milliseconds(static_cast<long long>(options.timeout * 1000));
  request.catalog = &ctx.catalog();
  request.dns.server = dns_server_option(options.dns_server, request.timeout, lang);
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

  auto& sources = found.sources;
  sources = discover::run_sources(request);
  if (options.guess) {
    for (auto& r : discover::guess_sources(table, lookup.domain, live_options)) {
      sources.push_back(std::move(r));
    }
  }
  discover::mark_plain_http(sources);
  auto& discovery = found.discovery;
  discovery = discover::merge(table, sources);
  if (options.verify && !discovery.empty()) {
    discover::verify(table, discovery, live_options);
  }

  const bool reached = std::any_of(sources.begin(), sources.end(), [](const auto& r) { return r.reached; });
  if (discovery.empty() && !reached) {
    // Nothing answered at all: an error about this machine's network, not
    // an answer about the domain. The MX query says why DNS failed.
    const auto mx = std::find_if(sources.begin(), sources.end(),
                                 [](const auto& r) { return r.kind == discover::SourceKind::mx; });
    throw Fatal(ExitCode::no_host, say(Msg::discover_unreachable, lang, fmt::arg("value", who_of(lookup)),
                                       fmt::arg("reason", mx != sources.end() ? mx->detail : std::string("?"))));
  }
  return found;
}

discover::RelayOptions relay_options(double timeout_s, const std::string& dns_server, core::Lang lang)
{
  discover::RelayOptions relay;
  relay.live.timeout = std::chrono::milliseconds(static_cast<long long>(timeout_s * 1000));
  relay.live.dns.server = dns_server_option(dns_server, relay.live.timeout, lang);
  relay.live.connect_to = connect_to_hook(relay.http.connect_to, lang);
  return relay;
}

std::optional<net::DnsServer> dns_server_option(const std::string& text, std::chrono::milliseconds timeout,
                                                core::Lang lang)
{
  if (text.empty()) {
    return std::nullopt;
  }
  auto server = net::parse_dns_server(text);
  if (!server) {
    throw Fatal(ExitCode::usage,
                say(Msg::discover_bad_dns_server, lang, fmt::arg("value", util::quote_for_message(text))));
  }
  if (server.value().is_name) {
    // Resolved once by the system's resolver, within the deadline; the
    // first address is the server asked.
    const auto addresses = net::resolve(server.value().address, timeout);
    if (!addresses || addresses.value().empty()) {
      throw Fatal(ExitCode::no_host,
                  say(Msg::discover_dns_server_unresolved, lang, fmt::arg("value", util::quote_for_message(text)),
                      fmt::arg("reason", addresses ? std::string("no address") : addresses.error().message)));
    }
    server.value().address = addresses.value().front().text;
    server.value().is_name = false;
  }
  return std::move(server).value();
}

std::string who_of(const output::Lookup& lookup)
{
  return lookup.address ? lookup.address->local + "@" + lookup.address->domain : lookup.domain;
}

namespace {

// --role relay: the domain's MX hosts on port 25 and its published TLS
// policies, instead of a client's servers.
Outcome run_relay(const DiscoverOptions& options, Context& ctx)
{
  std::signal(SIGPIPE, SIG_IGN);
  const auto lang = ctx.lang();
  const auto& table = ctx.table();
  const std::pair<bool, std::string_view> conflicts[] = {
    {options.verify, "--verify"}, {options.guess, "--guess"}, {options.no_http, "--no-http"},
    {options.no_address, "--no-address"}};
  for (const auto& [given, name] : conflicts) {
    if (given) {
      throw Fatal(ExitCode::usage, say(Msg::relay_option_conflict, lang, fmt::arg("value", name)));
    }
  }
  require_codes(table, true, lang);
  for (const auto code : rules::codes::relay_codes) {
    if (table.finding(code) == nullptr) {
      throw Fatal(ExitCode::data_invalid, say(Msg::discover_rules_lack, lang, fmt::arg("value", code)));
    }
  }
  const bool is_address = providers::looks_like_address(options.target);
  const auto lookup = lookup_target(is_address ? options.target : std::string(),
                                    is_address ? std::string() : options.target, lang);
  auto relay = relay_options(options.timeout, options.dns_server, lang);
  const auto tls = tls_context(options.ca_file, lang, Msg::discover_no_openssl);
  relay.live.tls = &tls;
  relay.http.ca_file = options.ca_file;
  if (!net::http_available()) {
    throw Fatal(ExitCode::unavailable, std::string(text(Msg::discover_no_curl, lang)));
  }
  const auto report = discover::check_relay(table, lookup.domain, relay);
  const auto failed = [](net::DnsStatus s) {
    return s == net::DnsStatus::timeout || s == net::DnsStatus::error || s == net::DnsStatus::refused;
  };
  if (failed(report.mx_status) && failed(report.sts.record_status) && failed(report.tls_rpt.status)) {
    // No DNS answer at all: this machine's network, not the domain.
    throw Fatal(ExitCode::no_host, say(Msg::discover_unreachable, lang, fmt::arg("value", lookup.domain),
                                       fmt::arg("reason", report.mx_detail)));
  }
  std::ostringstream out;
  if (options.json) {
    output::write_json(out, output::relay_json(report, table, lang));
  } else {
    output::relay_text(out, {table, lang, ctx.style()}, report);
  }
  return Outcome{exit_code_of(report.verdict), out.str(), {}};
}

} // namespace

Outcome run_discover(const DiscoverOptions& options, Context& ctx)
{
  if (options.role == "relay") {
    return run_relay(options, ctx);
  }
  const auto lang = ctx.lang();
  const auto& table = ctx.table();
  const auto found = discover_servers(options, ctx);
  const auto& [lookup, sources, discovery] = found;
  const auto who = who_of(lookup);
  std::ostringstream out;
  const output::DiscoverAnswer answer{lookup, sources, discovery, options.verify};
  if (options.json) {
    output::write_json(out, output::discover_json(answer, table, lang));
  } else {
    output::discover_text(out, {table, lang, ctx.style()}, answer);
  }
  if (discovery.empty()) {
    return Outcome{ExitCode::not_found, out.str(), say(Msg::discover_nothing_found, lang, fmt::arg("value", who))};
  }
  return Outcome{exit_code_of(discovery.verdict), out.str(), {}};
}

} // namespace mailports::cli::cmd
