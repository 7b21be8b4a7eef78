#include <mailports/discover/sources.hpp>

#include "deadline.hpp"

#include <mailports/net/psl.hpp>
#include <mailports/rules/table.hpp>

#include <algorithm>
#include <future>
#include <thread>

namespace mailports::discover {

namespace {

using detail::Clock;
using detail::left;
using detail::since;

// A source names at most this many servers of each direction: a real one
// names a handful, and --verify probes each.
constexpr std::size_t k_max_servers = 16;

// The finding code of an autoconfig problem, from the table's list, so the
// note's code outlives the problem.
std::string_view problem_code(std::string_view problem)
{
  for (const auto code : rules::codes::autoconfig_problem_codes) {
    if (code.substr(std::string_view("autoconfig-").size()) == problem) {
      return code;
    }
  }
  return "autoconfig-not-client-config";
}

// Percent-encoding for a query value (URLSearchParams: '@' as %40).
std::string query_encode(std::string_view text)
{
  constexpr char hex[] = "0123456789ABCDEF";
  std::string out;
  for (const char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
        c == '_' || c == '*') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

// "https://autoconfig.example.com/mail/..." -> host and the port the scheme uses.
std::pair<std::string, std::string> url_host_port(const std::string& url)
{
  const bool https = url.rfind("https://", 0) == 0;
  const auto start = url.find("://") + 3;
  const auto end = url.find_first_of(":/?", start);
  return {url.substr(start, end - start), https ? "443" : "80"};
}

FoundServer found_from(const AutoconfigServer& s)
{
  FoundServer out;
  out.proto = s.proto;
  out.host = s.hostname;
  out.port = static_cast<std::uint16_t>(s.port);
  out.tls = s.tls;
  out.username = s.username;
  out.auth = s.authentication;
  return out;
}

void set_status_from_dns(SourceReport& report, net::DnsStatus status, const std::string& message)
{
  using net::DnsStatus;
  report.reached = status != DnsStatus::timeout && status != DnsStatus::error;
  switch (status) {
  case DnsStatus::found:
    report.status = SourceStatus::found;
    return;
  case DnsStatus::no_data:
  case DnsStatus::nx_domain:
    report.status = SourceStatus::not_found;
    break;
  case DnsStatus::timeout:
    report.status = SourceStatus::timeout;
    break;
  case DnsStatus::refused:
  case DnsStatus::server_failure:
  case DnsStatus::error:
    report.status = SourceStatus::error;
    break;
  }
  report.detail = "DNS " + std::string(net::to_string(status)) + (message.empty() ? "" : ": " + message);
}

// The autoconfig GET itself, the host resolved through --dns-server when
// one is given (libcurl would ask the system's resolver).
SourceReport fetch_autoconfig(const Request& request, const std::string& url, bool over_http,
                              Clock::time_point deadline)
{
  const auto start = Clock::now();
  SourceReport report;
  report.kind = SourceKind::autoconfig;
  report.name = url;
  report.over_http = over_http;
  auto options = request.http;
  if (request.dns.server) {
    const auto [host, port] = url_host_port(url);
    auto dns = request.dns;
    dns.timeout = left(deadline);
    const auto addresses = net::query_addresses(host, dns);
    if (addresses.status != net::DnsStatus::found) {
      set_status_from_dns(report, addresses.status, addresses.message);
      report.detail = host + ": " + report.detail;
      report.elapsed = since(start);
      return report;
    }
    const auto& address = addresses.records.front();
    const bool v6 = address.find(':') != std::string::npos;
    options.connect_to.push_back(host + ":" + port + ":" + (v6 ? "[" + address + "]" : address) + ":" + port);
  }
  options.timeout = left(deadline);
  const auto got = net::get(url, options);
  report.elapsed = since(start);
  report.reached = got.http_code != 0;
  const auto http_detail = [&] {
    std::string text = "HTTP " + std::to_string(got.http_code);
    for (const auto& hop : got.redirects) {
      text += ", redirected to " + hop;
    }
    return text;
  };
  switch (got.status) {
  case net::HttpStatus::ok:
    break;
  case net::HttpStatus::http_error:
    report.status = got.http_code == 404 || got.http_code == 410 ? SourceStatus::not_found : SourceStatus::error;
    report.detail = http_detail();
    return report;
  case net::HttpStatus::timeout:
    report.status = SourceStatus::timeout;
    report.detail = got.detail;
    return report;
  case net::HttpStatus::connect_failed:
    report.status = SourceStatus::not_found;
    report.detail = got.detail;
    return report;
  case net::HttpStatus::too_large:
    report.status = SourceStatus::error;
    report.detail = got.detail;
    report.notes.push_back({"autoconfig-too-large", got.detail, {}, {}, {}});
    return report;
  case net::HttpStatus::tls_error:
  case net::HttpStatus::redirect_loop:
  case net::HttpStatus::insecure_redirect:
  case net::HttpStatus::unavailable:
  case net::HttpStatus::error:
    report.status = SourceStatus::error;
    report.detail = std::string(net::to_string(got.status)) + ": " + got.detail;
    return report;
  }

  const auto read = read_autoconfig(got.body, got.content_type, request.who);
  std::vector<Note> file_notes; // what makes Thunderbird ignore the whole file
  for (const auto& problem : read.problems) {
    Note note{problem_code(problem.code), problem.detail, {}, {}, {}};
    if (problem.effect == ProblemEffect::rejects_file) {
      file_notes.push_back(note);
    }
    report.notes.push_back(std::move(note));
  }
  for (const auto& s : read.incoming) {
    if (report.incoming.size() < k_max_servers) {
      report.incoming.push_back(found_from(s));
    }
  }
  for (const auto& s : read.outgoing) {
    if (report.outgoing.size() < k_max_servers) {
      report.outgoing.push_back(found_from(s));
    }
  }
  // The servers are kept even from a file Thunderbird ignores (it says what
  // its author meant), each carrying the reason it would be ignored.
  for (auto* list : {&report.incoming, &report.outgoing}) {
    for (auto& server : *list) {
      server.notes.insert(server.notes.end(), file_notes.begin(), file_notes.end());
    }
  }
  const bool any = !report.incoming.empty() || !report.outgoing.empty();
  report.status = any ? SourceStatus::found : SourceStatus::error;
  report.detail = http_detail() + ", " + (got.content_type.empty() ? "no Content-Type" : got.content_type);
  if (!any && !read.problems.empty()) {
    report.detail += ": " + read.problems.back().detail;
  }
  return report;
}

std::string drop_first_label(std::string_view host)
{
  const auto dot = host.find('.');
  return dot == std::string_view::npos ? std::string() : std::string(host.substr(dot + 1));
}

} // namespace

std::string_view to_string(SourceKind kind) noexcept
{
  switch (kind) {
  case SourceKind::autoconfig:
    return "autoconfig";
  case SourceKind::ispdb:
    return "ispdb";
  case SourceKind::mx:
    return "mx";
  case SourceKind::srv:
    return "srv";
  case SourceKind::guess:
    return "guess";
  }
  return "?";
}

std::string_view to_string(SourceStatus status) noexcept
{
  switch (status) {
  case SourceStatus::found:
    return "found";
  case SourceStatus::not_found:
    return "not-found";
  case SourceStatus::error:
    return "error";
  case SourceStatus::timeout:
    return "timeout";
  }
  return "?";
}

bool within_domain(std::string_view host, std::string_view domain) noexcept
{
  if (host == domain) {
    return true;
  }
  return host.size() > domain.size() + 1 && host.substr(host.size() - domain.size()) == domain &&
         host[host.size() - domain.size() - 1] == '.';
}

std::string address_query(const Request& request)
{
  if (!request.send_address || request.who.local.empty()) {
    return {};
  }
  return "?emailaddress=" + query_encode(request.who.local + "@" + request.who.domain);
}

std::vector<std::string> autoconfig_urls(const Request& request)
{
  const auto& d = request.who.domain;
  const auto query = address_query(request);
  std::vector<std::string> urls{"https://autoconfig." + d + "/mail/config-v1.1.xml" + query,
                                "https://" + d + "/.well-known/autoconfig/mail/config-v1.1.xml" + query};
  if (request.try_http) {
    urls.push_back("http://autoconfig." + d + "/mail/config-v1.1.xml" + query);
    urls.push_back("http://" + d + "/.well-known/autoconfig/mail/config-v1.1.xml" + query);
  }
  return urls;
}

SourceReport autoconfig_source(const Request& request, const std::string& url, bool over_http)
{
  return fetch_autoconfig(request, url, over_http, Clock::now() + request.timeout);
}

void add_provider_servers(SourceReport& report, const providers::Provider& provider, const AddressParts& who)
{
  for (const bool outgoing : {false, true}) {
    for (const auto& s : outgoing ? provider.outgoing : provider.incoming) {
      // Types mailports does not judge (ews, ...) are not mail servers here.
      if (!s.proto || !s.port || !s.tls || !s.host) {
        continue;
      }
      FoundServer server;
      server.proto = *s.proto;
      server.host = fill_placeholders(*s.host, who);
      server.port = *s.port;
      server.tls = *s.tls;
      server.username = s.username ? fill_placeholders(*s.username, who) : std::string();
      server.auth.assign(s.auth.begin(), s.auth.end());
      (outgoing ? report.outgoing : report.incoming).push_back(std::move(server));
    }
  }
}

SourceReport ispdb_source(const Request& request, const std::string& domain)
{
  const auto start = Clock::now();
  SourceReport report;
  report.kind = SourceKind::ispdb;
  report.name = domain;
  const auto* provider = request.catalog != nullptr ? request.catalog->find(domain) : nullptr;
  if (provider == nullptr) {
    report.status = SourceStatus::not_found;
    report.detail = "not in " + std::string(request.catalog != nullptr ? request.catalog->source.name : "the data");
  } else {
    report.status = SourceStatus::found;
    report.detail = std::string(request.catalog->source.name) + " " +
                    std::string(request.catalog->source.commit.substr(0, 7)) + ", " + std::string(provider->file);
    add_provider_servers(report, *provider, request.who);
  }
  report.elapsed = since(start);
  return report;
}

SourceReport mx_source(const Request& request)
{
  const auto start = Clock::now();
  const auto deadline = start + request.timeout;
  const auto& domain = request.who.domain;
  SourceReport report;
  report.kind = SourceKind::mx;
  report.name = domain;
  auto dns = request.dns;
  dns.timeout = request.timeout;
  const auto mx = net::query_mx(domain, dns);
  set_status_from_dns(report, mx.status, mx.message);
  const auto finish = [&](SourceStatus status, std::string detail) {
    report.status = status;
    report.detail = std::move(detail);
    report.elapsed = since(start);
    return report;
  };
  if (mx.status != net::DnsStatus::found) {
    return finish(report.status, "MX of " + domain + ": " + report.detail);
  }
  // Thunderbird takes the most-preferred host only.
  const auto& host = mx.records.front().host;
  if (host.empty()) {
    return finish(SourceStatus::not_found, "null MX (RFC 7505): " + domain + " receives no mail");
  }
  report.name = host;
  const auto base = net::registrable_domain(host);
  std::vector<std::string> candidates;
  std::string psl_problem;
  if (!base) {
    psl_problem = "; the Public Suffix List is unavailable (" + base.error().message + ")";
  }
  const std::string sld = base && base.value() ? *base.value() : std::string();
  // The MX host minus its first label tells Office 365 from outlook.com;
  // asked first, when it is longer than the registrable domain.
  const auto next = drop_first_label(host);
  if (!next.empty() && next.find('.') != std::string::npos && next != sld && (sld.empty() || within_domain(next, sld))) {
    candidates.push_back(next);
  }
  if (!sld.empty()) {
    candidates.push_back(sld);
  }
  // Thunderbird: an MX whose registrable domain is the domain itself names
  // no other provider.
  if (sld == domain) {
    return finish(SourceStatus::not_found, host + " is in " + domain + " itself: no other provider to ask");
  }
  candidates.erase(std::remove(candidates.begin(), candidates.end(), domain), candidates.end());
  if (candidates.empty()) {
    return finish(SourceStatus::not_found, host + ": no registrable domain" + psl_problem);
  }
  for (const auto& candidate : candidates) {
    auto found = ispdb_source(request, candidate);
    if (found.status == SourceStatus::found) {
      report.incoming = std::move(found.incoming);
      report.outgoing = std::move(found.outgoing);
      return finish(SourceStatus::found, host + " -> " + candidate + ": " + found.detail + psl_problem);
    }
  }
  // Thunderbird asks the MX provider over HTTPS only, without .well-known.
  std::string tried;
  for (const auto& candidate : candidates) {
    const auto url = "https://autoconfig." + candidate + "/mail/config-v1.1.xml" + address_query(request);
    auto fetched = fetch_autoconfig(request, url, false, deadline);
    report.reached = report.reached || fetched.reached;
    if (fetched.status == SourceStatus::found) {
      report.incoming = std::move(fetched.incoming);
      report.outgoing = std::move(fetched.outgoing);
      report.notes = std::move(fetched.notes);
      return finish(SourceStatus::found, host + " -> " + url + ": " + fetched.detail + psl_problem);
    }
    tried += (tried.empty() ? "" : "; ") + url + ": " + fetched.detail;
    if (Clock::now() >= deadline) {
      return finish(SourceStatus::timeout, host + " -> " + tried);
    }
  }
  return finish(SourceStatus::not_found,
                host + " -> " + candidates.front() + (candidates.size() > 1 ? ", " + candidates.back() : "") +
                  ": not in the provider data; " + tried + psl_problem);
}

std::vector<SourceReport> srv_sources(const Request& request)
{
  const auto& domain = request.who.domain;
  std::vector<std::future<SourceReport>> pending;
  for (const auto& service : k_srv_services) {
    pending.push_back(std::async(std::launch::async, [&request, &domain, service] {
      const auto start = Clock::now();
      SourceReport report;
      report.kind = SourceKind::srv;
      report.name = std::string(service.label) + "." + domain;
      auto dns = request.dns;
      dns.timeout = request.timeout;
      const auto answer = net::query_srv(report.name, dns);
      set_status_from_dns(report, answer.status, answer.message);
      report.elapsed = since(start);
      if (answer.status != net::DnsStatus::found) {
        return report;
      }
      std::string detail;
      for (const auto& record : answer.records) {
        detail += (detail.empty() ? "" : "; ") + std::to_string(record.priority) + " " + std::to_string(record.weight) +
                  " " + std::to_string(record.port) + " " + (record.not_offered ? "." : record.target);
        if (record.not_offered) {
          report.notes.push_back({rules::codes::srv_not_offered, report.name, {}, {}, {}});
          continue;
        }
        FoundServer server;
        server.proto = service.proto;
        server.tls = service.tls;
        server.host = record.target;
        server.port = record.port;
        if (!within_domain(record.target, domain)) {
          Note note{rules::codes::srv_target_outside_domain, record.target, report.name, {}, {}};
          server.notes.push_back(note);
          report.notes.push_back(std::move(note));
        }
        if (service.tls == core::TlsMode::starttls && service.proto == core::Proto::smtp && record.port == 465) {
          Note note{rules::codes::srv_submission_implicit, report.name + " -> " + record.target + ":465", {}, {}, {}};
          server.notes.push_back(note);
          report.notes.push_back(std::move(note));
        }
        (service.proto == core::Proto::smtp ? report.outgoing : report.incoming).push_back(std::move(server));
      }
      report.detail = detail;
      if (report.incoming.empty() && report.outgoing.empty()) {
        report.status = SourceStatus::not_found;
      }
      return report;
    }));
  }
  std::vector<SourceReport> out;
  for (auto& p : pending) {
    out.push_back(p.get());
  }
  return out;
}

std::vector<SourceReport> run_sources(const Request& request)
{
  std::vector<std::future<SourceReport>> autoconfig;
  const auto urls = autoconfig_urls(request);
  for (const auto& url : urls) {
    const bool plain = url.rfind("http://", 0) == 0;
    autoconfig.push_back(std::async(std::launch::async, [&request, url, plain] {
      return autoconfig_source(request, url, plain);
    }));
  }
  auto mx = std::async(std::launch::async, [&request] { return mx_source(request); });
  auto srv = std::async(std::launch::async, [&request] { return srv_sources(request); });
  std::vector<SourceReport> out;
  for (auto& f : autoconfig) {
    out.push_back(f.get());
  }
  out.push_back(ispdb_source(request, request.who.domain));
  out.push_back(mx.get());
  for (auto& r : srv.get()) {
    out.push_back(std::move(r));
  }
  return out;
}

} // namespace mailports::discover
