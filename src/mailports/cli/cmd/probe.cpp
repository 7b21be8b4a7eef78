#include <mailports/cli/cmd/probe.hpp>

#include <mailports/cli/fatal.hpp>
#include <mailports/cli/messages.hpp>
#include <mailports/cli/options.hpp>
#include <mailports/cli/output/probe.hpp>
#include <mailports/cli/url_error.hpp>
#include <mailports/engine/lookup.hpp>
#include <mailports/probe/host_port.hpp>
#include <mailports/probe/judge.hpp>
#include <mailports/probe/session.hpp>
#include <mailports/providers/address.hpp>
#include <mailports/url/mail_url.hpp>
#include <mailports/util/file.hpp>
#include <mailports/util/text.hpp>

#include <CLI/CLI.hpp>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <memory>
#include <sstream>

namespace mailports::cli::cmd {

namespace {

// A host as the resolver and the certificate check want it: no brackets,
// no trailing dot, IDNs as A-labels. Errors name `shown`, the argument as
// typed (a URL's password as ***), which says more than the host alone (":25").
std::string canonical_host(const std::string& host, const std::string& shown, core::Lang lang)
{
  std::string name = host;
  if (name.size() > 2 && name.front() == '[' && name.back() == ']') {
    name = name.substr(1, name.size() - 2);
  }
  if (name.size() > 1 && name.back() == '.') {
    name.pop_back();
  }
  const bool bad = name.empty() || name.size() > 253 || name.front() == '-'
                   || std::any_of(name.begin(), name.end(), [](unsigned char c) {
                        return c <= ' ' || c == 0x7f || c == '/' || c == '@';
                      });
  const auto bad_host = [&shown, lang](const std::string& detail) {
    return Fatal(ExitCode::usage,
                 say(Msg::probe_bad_host, lang, fmt::arg("value", util::quote_for_message(shown)),
                     fmt::arg("reason", say(Msg::why_bad_domain, lang,
                                            fmt::arg("detail", detail.empty() ? "" : " (" + detail + ")")))));
  };
  if (bad) {
    throw bad_host({});
  }
  if (std::any_of(name.begin(), name.end(), [](unsigned char c) { return c >= 0x80; })) {
    auto ascii = providers::normalize_domain(name);
    if (!ascii) {
      throw bad_host(ascii.error().detail);
    }
    return std::move(ascii).value();
  }
  return name;
}

// What the positional argument names: a host, HOST:PORT, [IPv6]:PORT or a
// mail URL.
struct Wanted {
  std::string host;  // as typed (brackets kept), for canonical_host and the output
  std::string shown; // the argument as it may be printed: a URL's password as ***
  std::optional<std::uint16_t> port;
  std::optional<url::MailUrl> url;
};

Wanted parse_wanted(const std::string& argument, core::Lang lang)
{
  Wanted wanted;
  if (argument.find("://") != std::string::npos) {
    auto parsed = url::parse_mail_url(argument);
    if (!parsed) {
      url_error(parsed.error(), lang, Msg::probe_url_has_path);
    }
    wanted.url = std::move(parsed).value();
    wanted.host = wanted.url->host;
    wanted.shown = wanted.url->redacted;
    wanted.port = wanted.url->port;
    return wanted;
  }
  wanted.shown = argument;
  auto parsed = probe::parse_host_port(argument);
  if (!parsed) {
    const auto& e = parsed.error();
    if (e.kind == probe::HostPortError::Kind::bad_port) {
      throw Fatal(ExitCode::usage, say(Msg::probe_bad_port, lang, fmt::arg("value", util::quote_for_message(e.detail)),
                                       fmt::arg("target", util::quote_for_message(argument))));
    }
    throw Fatal(ExitCode::usage, say(Msg::probe_bad_host, lang, fmt::arg("value", util::quote_for_message(argument)),
                                     fmt::arg("reason", text(Msg::why_bad_brackets, lang))));
  }
  wanted.host = std::move(parsed->host);
  wanted.port = parsed->port;
  return wanted;
}

// The protocol to speak: --proto, else the URL's scheme; the two must agree.
std::optional<core::Proto> wanted_proto(const Wanted& wanted, const std::string& option, core::Lang lang)
{
  const auto proto = option.empty() ? std::nullopt : core::parse_proto(option);
  if (!wanted.url) {
    return proto;
  }
  if (proto && *proto != wanted.url->proto) {
    throw Fatal(ExitCode::usage, say(Msg::probe_proto_conflict, lang, fmt::arg("scheme", wanted.url->scheme),
                                     fmt::arg("proto", core::to_string(wanted.url->proto)),
                                     fmt::arg("value", option)));
  }
  return wanted.url->proto;
}

// The ports to probe: the argument's, else --port, else the URL scheme's
// own (smtps: 465); empty for a sweep.
std::vector<std::uint16_t> wanted_ports(const Wanted& wanted, const std::vector<std::string>& options,
                                        const rules::Table& table, core::Lang lang)
{
  std::vector<std::uint16_t> ports;
  for (const auto& option : options) {
    const auto port = to_port(option);
    if (wanted.port && port != *wanted.port) {
      throw Fatal(ExitCode::usage, say(Msg::probe_port_conflict, lang,
                                       fmt::arg("target", util::quote_for_message(wanted.shown)),
                                       fmt::arg("port", *wanted.port), fmt::arg("value", option)));
    }
    ports.push_back(port);
  }
  if (wanted.port) {
    return {*wanted.port};
  }
  if (ports.empty() && wanted.url) {
    if (const auto port = engine::port_of_service(table, wanted.url->proto, wanted.url->service)) {
      ports.push_back(*port);
    }
  }
  return ports;
}

probe::TlsContext tls_context(const std::string& ca_file, core::Lang lang)
{
  std::optional<std::string> file;
  if (!ca_file.empty()) {
    // Read once here for the errors --rules gives (missing, a directory,
    // unreadable: 66); OpenSSL then judges the content (65).
    constexpr std::size_t k_max_ca_file = 16 * 1024 * 1024;
    const auto content = util::read_file(ca_file, k_max_ca_file);
    if (!content) {
      const auto& e = content.error();
      const bool too_large = e.kind == util::FileError::Kind::too_large;
      throw Fatal(too_large ? ExitCode::data_invalid : ExitCode::no_input,
                  say(Msg::probe_bad_ca_file, lang, fmt::arg("path", util::quote_for_message(ca_file)),
                      fmt::arg("reason", too_large ? "larger than 16 MiB" : e.reason)));
    }
    file = ca_file;
  }
  auto context = probe::TlsContext::create(file);
  if (!context) {
    const auto& e = context.error();
    if (e.kind == probe::TlsSetupError::Kind::no_library) {
      throw Fatal(ExitCode::unavailable, say(Msg::probe_no_openssl, lang, fmt::arg("reason", e.detail)));
    }
    throw Fatal(ExitCode::data_invalid, say(Msg::probe_bad_ca_file, lang,
                                            fmt::arg("path", util::quote_for_message(ca_file)),
                                            fmt::arg("reason", e.detail.empty() ? "no certificate" : e.detail)));
  }
  return std::move(context).value();
}

CLI::Validator timeout_validator(core::Lang lang)
{
  return CLI::Validator(
    [lang](std::string& value) -> std::string {
      double seconds = 0;
      std::istringstream in(value);
      in >> seconds;
      if (value.empty() || !in.eof() || in.fail() || !(seconds >= 0.1 && seconds <= 600)) {
        return say(Msg::probe_bad_timeout, lang, fmt::arg("value", util::quote_for_message(value)));
      }
      return {};
    },
    "", "");
}

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

} // namespace

Command setup_probe(CLI::App& parent, core::Lang lang, bool with_options)
{
  auto options = std::make_shared<ProbeOptions>();
  auto* app = parent.add_subcommand("probe", std::string(text(Msg::cmd_probe, lang)));
  app->footer(std::string(text(Msg::footer_probe, lang)));
  if (with_options) {
    app->add_option("host", options->host, std::string(text(Msg::opt_probe_host, lang)))
      ->required()
      ->type_name("HOST[:PORT]");
    app->add_option("--proto", options->proto, std::string(text(Msg::opt_probe_proto, lang)))
      ->transform(proto_validator(lang));
    app->add_option("--port", options->ports, std::string(text(Msg::opt_probe_port, lang)))
      ->check(port_validator(lang))
      ->type_name("PORT");
    app->add_option("--timeout", options->timeout, std::string(text(Msg::opt_timeout, lang)))
      ->check(timeout_validator(lang))
      ->type_name("SECONDS");
    app->add_option("--ca-file", options->ca_file, std::string(text(Msg::opt_ca_file, lang)))
      ->check(non_empty_validator(lang))
      ->type_name("FILE");
    app->add_option("--source", options->source, std::string(text(Msg::opt_source, lang)))
      ->check(non_empty_validator(lang))
      ->type_name("ADDRESS");
    app->add_flag("--json", options->json, std::string(text(Msg::opt_json, lang)));
  }
  return Command{app, [options](Context& ctx, std::ostream& /*out*/) {
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
  const auto wanted = parse_wanted(options.host, lang);
  const auto proto = wanted_proto(wanted, options.proto, lang);
  if (!options.ports.empty() && !proto && !wanted.port) {
    throw Fatal(ExitCode::usage, say(Msg::probe_port_needs_proto, lang, fmt::arg("value", options.ports.front())));
  }
  const auto ports = wanted_ports(wanted, options.ports, table, lang);
  std::optional<probe::Address> source;
  if (!options.source.empty()) {
    auto parsed = probe::parse_numeric_address(options.source);
    if (!parsed) {
      throw Fatal(ExitCode::usage, say(Msg::probe_bad_source, lang,
                                       fmt::arg("value", util::quote_for_message(options.source))));
    }
    source = std::move(parsed).value();
  }
  probe::Target target;
  target.host = canonical_host(wanted.host, wanted.shown, lang);
  const auto context = tls_context(options.ca_file, lang);
  const auto timeout = std::chrono::milliseconds(static_cast<long long>(options.timeout * 1000));
  auto addresses = probe::resolve(target.host, timeout);
  if (!addresses) {
    throw Fatal(ExitCode::no_host, say(Msg::probe_no_host, lang, fmt::arg("value", util::quote_for_message(wanted.host)),
                                       fmt::arg("reason", addresses.error().message)));
  }
  target.addresses = std::move(addresses).value();
  // "127.1" and other old spellings of an address: check certificates
  // against the address itself.
  if (auto numeric = probe::parse_numeric_address(target.host)) {
    target.host = numeric->text;
  }
  target.source = source ? &*source : nullptr;
  target.timeout = timeout;
  target.tls = &context;

  // HOST:PORT alone: the table's protocol for the port, else the greeting's.
  auto plans = ports.empty() ? probe::sweep_plan(table, proto)
                             : probe::named_plan(table, proto ? proto : probe::proto_of_port(table, ports.front()), ports);
  if (wanted.url && wanted.url->tls) { // smtps://: the scheme says implicit TLS, whatever the port
    for (auto& plan : plans) {
      plan.expected = wanted.url->tls;
    }
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
