#include <mailports/cli/cmd/probe.hpp>

#include <mailports/cli/cmd/discover.hpp>
#include <mailports/cli/cmd/probe_target.hpp>
#include <mailports/cli/cmd/tls_options.hpp>
#include <mailports/cli/fatal.hpp>
#include <mailports/cli/command_spec.hpp>
#include <mailports/cli/messages.hpp>
#include <mailports/cli/options.hpp>
#include <mailports/cli/output/probe.hpp>
#include <mailports/cli/output/relay.hpp>
#include <mailports/discover/relay.hpp>
#include <mailports/engine/lookup.hpp>
#include <mailports/net/net.hpp>
#include <mailports/net/tls.hpp>
#include <mailports/probe/judge.hpp>
#include <mailports/probe/session.hpp>
#include <mailports/util/file.hpp>
#include <mailports/util/text.hpp>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <future>
#include <memory>
#include <sstream>

namespace mailports::cli::cmd {

namespace {

core::Verdict overall_verdict(const std::vector<output::ProbedPort>& ports)
{
  auto verdict = core::Verdict::ok;
  bool any = false;
  for (const auto& port : ports) {
    if (probe::counts(*port.report)) {
      any = true;
      verdict = std::max(verdict, port.result.verdict);
    }
  }
  return any ? verdict : core::Verdict::error; // nothing answered at all
}

struct JudgedAs {
  core::Proto proto = core::Proto::smtp;
  std::uint16_t port = 0;
};

// --as SERVICE: the table's standard port for a mail service name
// (submission -> SMTP 587), which the probed port is judged as.
JudgedAs judged_as(const rules::Table& table, const std::string& service, core::Lang lang)
{
  std::vector<std::string_view> known;
  for (const auto& entry : table.entries) {
    if (!entry.service || !entry.proto || !core::usable(entry.status)) {
      continue;
    }
    if (util::iequals(*entry.service, service)) {
      return JudgedAs{*entry.proto, entry.port};
    }
    if (std::find(known.begin(), known.end(), *entry.service) == known.end()) {
      known.push_back(*entry.service);
    }
  }
  throw Fatal(ExitCode::usage, say(Msg::probe_bad_as, lang, fmt::arg("value", util::quote_for_message(service)),
                                   fmt::arg("list", util::join(known, ", "))));
}

// --role relay: port 25 of HOST judged as an MX, with its TLSA records.
// A mail domain (one with MX records naming other hosts) gets a note
// pointing to `discover --role relay`.
Outcome run_relay_probe(const ProbeOptions& options, Context& ctx)
{
  const auto lang = ctx.lang();
  const auto& table = ctx.table();
  const std::pair<bool, std::string_view> conflicts[] = {
    {!options.proto.empty(), "--proto"}, {!options.ports.empty(), "--port"}, {!options.as.empty(), "--as"},
    {!options.source.empty(), "--source"}, {options.no_extra_handshakes, "--no-extra-handshakes"}};
  for (const auto& [given, name] : conflicts) {
    if (given) {
      throw Fatal(ExitCode::usage, say(Msg::relay_option_conflict, lang, fmt::arg("value", name)));
    }
  }
  for (const auto code : rules::codes::relay_codes) {
    if (table.finding(code) == nullptr) {
      throw Fatal(ExitCode::data_invalid, say(Msg::probe_rules_lack, lang, fmt::arg("value", code)));
    }
  }
  const auto wanted = parse_wanted(options.host, lang);
  if (wanted.url || (wanted.port && *wanted.port != 25)) {
    throw Fatal(ExitCode::usage, say(Msg::relay_option_conflict, lang,
                                     fmt::arg("value", util::quote_for_message(options.host))));
  }
  const auto host = canonical_host(wanted.host, wanted.shown, lang);
  auto relay = relay_options(options.timeout, options.dns_server, lang);
  const auto context = tls_context(options.ca_file, lang, Msg::probe_no_openssl);
  relay.live.tls = &context;
  auto dns = relay.live.dns;
  dns.timeout = std::min(relay.live.timeout, std::chrono::milliseconds(3000));
  auto mx = std::async(std::launch::async, [&] { return net::query_mx(host, dns); });
  const auto facts = discover::check_relay_host(table, host, relay);
  std::string note;
  const auto found = mx.get();
  std::string others;
  for (const auto& r : found.records) {
    if (!r.host.empty() && !util::iequals(r.host, host)) {
      others += (others.empty() ? "" : ", ") + r.host;
    }
  }
  if (!others.empty()) {
    note = say(Msg::relay_is_domain, lang, fmt::arg("value", host), fmt::arg("other", others));
  }
  std::ostringstream out;
  if (options.json) {
    output::write_json(out, output::relay_host_json(facts, table, lang));
  } else {
    output::relay_host_text(out, {table, lang, ctx.style()}, facts);
  }
  return Outcome{exit_code_of(facts.verdict), out.str(), note};
}

} // namespace

// The resolver's words are English: the common reasons in the user's language.
std::string resolve_reason(const net::ResolveError& error, core::Lang lang)
{
  if (lang == core::Lang::en) {
    return error.message;
  }
  switch (error.kind) {
  case net::ResolveFailure::not_found:
    return std::string(text(Msg::resolve_not_found, lang));
  case net::ResolveFailure::temporary:
    return std::string(text(Msg::resolve_temporary, lang));
  case net::ResolveFailure::timed_out:
    return std::string(text(Msg::resolve_timed_out, lang));
  case net::ResolveFailure::no_address:
    return std::string(text(Msg::resolve_no_address, lang));
  case net::ResolveFailure::other:
    break;
  }
  return error.message;
}

Command setup_probe(CLI::App& parent, core::Lang lang, bool with_options)
{
  auto options = std::make_shared<ProbeOptions>();
  CommandSpec spec(parent, "probe", Msg::cmd_probe, Msg::footer_probe, lang);
  if (with_options) {
    spec.option("host", options->host, Msg::opt_probe_host)
      .required()
      .type_name("HOST[:PORT]");
    spec.option("--proto", options->proto, Msg::opt_probe_proto)
      .transform(Transform::proto);
    spec.option("--port", options->ports, Msg::opt_probe_port)
      .check(Check::port)
      .type_name("PORT");
    spec.option("--timeout", options->timeout, Msg::opt_timeout)
      .check(Check::timeout)
      .type_name("SECONDS");
    spec.option("--ca-file", options->ca_file, Msg::opt_ca_file)
      .check(Check::non_empty)
      .type_name("FILE");
    spec.option("--source", options->source, Msg::opt_source)
      .check(Check::non_empty)
      .type_name("ADDRESS");
    spec.option("--as", options->as, Msg::opt_as)
      .check(Check::non_empty)
      .type_name("SERVICE");
    spec.flag("--no-extra-handshakes", options->no_extra_handshakes, Msg::opt_no_extra_handshakes);
    spec.flag("--json", options->json, Msg::opt_json);
    spec.option("--role", options->role, Msg::opt_probe_role).transform(Transform::role);
    spec.option("--dns-server", options->dns_server, Msg::opt_dns_server)
      .check(Check::non_empty)
      .type_name("HOST[:PORT]");
  }
  return Command{spec.app(), [options](Context& ctx, std::ostream& /*out*/) {
                   return run_probe(*options, ctx);
                 }};
}

Outcome run_probe(const ProbeOptions& options, Context& ctx)
{
  // OpenSSL writes to the socket with write(2), not send(MSG_NOSIGNAL): a
  // server that closes mid-handshake must give an error, not kill us.
  std::signal(SIGPIPE, SIG_IGN);
  const auto lang = ctx.lang();
  const auto& table = ctx.table();
  // Only probe needs these: an older rules file still serves every other command.
  for (const auto code : rules::codes::probe_codes) {
    if (table.finding(code) == nullptr) {
      throw Fatal(ExitCode::data_invalid, say(Msg::probe_rules_lack, lang, fmt::arg("value", code)));
    }
  }
  if (options.role == "relay") {
    return run_relay_probe(options, ctx);
  }
  if (!options.dns_server.empty()) {
    throw Fatal(ExitCode::usage, say(Msg::probe_dns_server_relay_only, lang));
  }
  const auto wanted = parse_wanted(options.host, lang);
  auto proto = wanted_proto(wanted, options.proto, lang);
  const auto ports = wanted_ports(wanted, options.ports, table, lang);
  std::optional<JudgedAs> as;
  if (!options.as.empty()) {
    as = judged_as(table, options.as, lang);
    const auto shown = util::quote_for_message(options.as);
    if (ports.size() != 1) {
      throw Fatal(ExitCode::usage, say(Msg::probe_as_one_port, lang, fmt::arg("value", shown)));
    }
    if (proto && *proto != as->proto) {
      throw Fatal(ExitCode::usage, say(Msg::probe_as_proto_conflict, lang, fmt::arg("value", shown),
                                       fmt::arg("proto", util::to_upper(core::to_string(as->proto))),
                                       fmt::arg("other", util::to_upper(core::to_string(*proto)))));
    }
    proto = as->proto;
  }
  std::optional<net::Address> source;
  if (!options.source.empty()) {
    auto parsed = net::parse_numeric_address(options.source);
    if (!parsed) {
      throw Fatal(ExitCode::usage, say(Msg::probe_bad_source, lang,
                                       fmt::arg("value", util::quote_for_message(options.source))));
    }
    source = std::move(parsed).value();
  }
  probe::Target target;
  target.host = canonical_host(wanted.host, wanted.shown, lang);
  const auto context = tls_context(options.ca_file, lang, Msg::probe_no_openssl);
  const auto timeout = std::chrono::milliseconds(static_cast<long long>(options.timeout * 1000));
  auto addresses = net::resolve(target.host, timeout);
  if (!addresses) {
    throw Fatal(ExitCode::no_host, say(Msg::probe_no_host, lang, fmt::arg("value", util::quote_for_message(wanted.host)),
                                       fmt::arg("reason", resolve_reason(addresses.error(), lang))));
  }
  target.addresses = std::move(addresses).value();
  // "127.1" and other old spellings of an address: check certificates
  // against the address itself.
  if (auto numeric = net::parse_numeric_address(target.host)) {
    target.host = numeric->text;
  }
  target.source = source ? &*source : nullptr;
  target.timeout = timeout;
  target.tls = &context;

  // Ports named without --proto (HOST:PORT, --port): each port's protocol is
  // the table's, else the greeting's.
  auto plans = ports.empty() ? probe::sweep_plan(table, proto) : probe::named_plan(table, proto, ports);
  // smtps://: the scheme says implicit TLS on its port, whatever the table
  // says of that port (not on a sweep, for a table without the scheme's port).
  if (wanted.url && wanted.url->tls && !ports.empty()) {
    for (auto& plan : plans) {
      plan.expected = wanted.url->tls;
    }
  }
  if (as) { // the standard port's mode decides how the dialogue starts, unless a URL said
    for (auto& plan : plans) {
      plan.judged_as = as->port;
      if (!(wanted.url && wanted.url->tls)) {
        plan.expected = probe::expected_mode(table, as->proto, as->port);
      }
    }
  }
  target.extra_handshakes = !options.no_extra_handshakes;
  if (target.extra_handshakes) {
    target.weak_ciphers = net::ciphers_weaker_than(context, probe::k_weak_cipher_bits);
  }
  const auto reports = probe::probe_ports(target, plans);

  output::ProbeSummary summary;
  summary.host = wanted.host;
  for (const auto& report : reports) {
    summary.ports.push_back(output::ProbedPort{&report, probe::judge(table, report)});
  }
  summary.verdict = overall_verdict(summary.ports);
  const bool nothing_answered =
    std::none_of(reports.begin(), reports.end(), [](const auto& r) { return probe::counts(r); });

  std::ostringstream out;
  if (options.json) {
    output::write_json(out, output::probe_json(summary, table, lang));
  } else {
    output::probe_text(out, {table, lang, ctx.style()}, summary);
  }
  return Outcome{exit_code_of(summary.verdict), out.str(),
                 nothing_answered ? say(Msg::probe_nothing_answered, lang, fmt::arg("value", wanted.host)) : ""};
}

} // namespace mailports::cli::cmd
