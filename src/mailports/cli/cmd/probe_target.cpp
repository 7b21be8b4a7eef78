#include <mailports/cli/cmd/probe_target.hpp>

#include <mailports/cli/fatal.hpp>
#include <mailports/cli/messages.hpp>
#include <mailports/cli/options.hpp>
#include <mailports/cli/url_error.hpp>
#include <mailports/engine/lookup.hpp>
#include <mailports/probe/host_port.hpp>
#include <mailports/providers/address.hpp>
#include <mailports/util/text.hpp>

#include <algorithm>

namespace mailports::cli::cmd {

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
  if (util::istarts_with(argument, "mailto:")) { // an address, not a server
    url_error(url::parse_mail_url(argument).error(), lang, Msg::probe_url_has_path);
  }
  // "user:secret@host:587" is no host, but it must not be echoed either.
  wanted.shown = url::redact_userinfo(argument);
  auto parsed = probe::parse_host_port(argument);
  if (!parsed) {
    const auto& e = parsed.error();
    if (e.kind == probe::HostPortError::Kind::bad_port && argument.find('@') == std::string::npos) {
      throw Fatal(ExitCode::usage, say(Msg::probe_bad_port, lang, fmt::arg("value", util::quote_for_message(e.detail)),
                                       fmt::arg("target", util::quote_for_message(wanted.shown))));
    }
    const auto reason = e.kind == probe::HostPortError::Kind::bad_port
                          ? say(Msg::why_bad_domain, lang, fmt::arg("detail", ""))
                          : std::string(text(Msg::why_bad_brackets, lang));
    throw Fatal(ExitCode::usage, say(Msg::probe_bad_host, lang, fmt::arg("value", util::quote_for_message(wanted.shown)),
                                     fmt::arg("reason", reason)));
  }
  wanted.host = std::move(parsed->host);
  wanted.port = parsed->port;
  return wanted;
}

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

} // namespace mailports::cli::cmd
