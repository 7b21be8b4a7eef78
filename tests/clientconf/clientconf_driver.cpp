// A tiny driver over the clientconf library for tests/clientconf (the real
// clients against real servers) until `mailports config` and `mailports lint`
// are on main; it calls exactly what those commands call (plan_servers, a
// format's write, read and clientconf::judge with the built-in table).
//
//   driver write FORMAT --proto P --host H --port N --tls MODE [--user U]
//                [--account A] [--client-version V] [--lang ja] [--force]
//       the config on stdout; exit 1 when the setting is refused or the
//       format cannot be written from it.
//   driver lint FORMAT FILE [--client-version V]
//       one line per finding, "LINE CODE SEVERITY", then one line per
//       endpoint, "endpoint PROTO HOST PORT TLS"; exit 0/1/2 by the verdict,
//       65 when the file cannot be read as FORMAT (line:column on stderr).
#include <mailports/clientconf/format.hpp>
#include <mailports/clientconf/lint.hpp>
#include <mailports/clientconf/plan.hpp>
#include <mailports/rules/builtin.hpp>

#include <cstdio>
#include <fstream>
#include <iostream>
#include <iterator>
#include <map>
#include <string>
#include <vector>

using namespace mailports;

namespace {

int usage()
{
  std::cerr << "usage: driver write FORMAT --proto P --host H --port N --tls MODE [...] | driver lint FORMAT FILE\n";
  return 64;
}

clientconf::VersionChoice version_of(const clientconf::Format& format, const std::string& text)
{
  const auto chosen = clientconf::parse_version(text.empty() ? format.newest_version : text);
  return clientconf::VersionChoice{chosen.value_or(clientconf::Version{}),
                                   text.empty() ? clientconf::VersionChoice::Origin::newest
                                                : clientconf::VersionChoice::Origin::option};
}

int write(const clientconf::Format& format, std::map<std::string, std::string> opts, bool force)
{
  const auto proto = core::parse_proto_word(opts["--proto"]);
  const auto tls = core::parse_tls_mode(opts["--tls"]);
  const auto port = std::stoul(opts["--port"].empty() ? "0" : opts["--port"]);
  if (!proto || !tls || port == 0 || port > 65535 || opts["--host"].empty()) {
    return usage();
  }
  clientconf::WritePlan plan;
  plan.account = opts["--account"].empty() ? "mail" : opts["--account"];
  plan.user = opts["--user"];
  plan.lang = opts["--lang"] == "ja" ? core::Lang::ja : core::Lang::en;
  plan.generator = "mailports (test driver)";
  plan.version = version_of(format, opts["--client-version"]);
  const clientconf::Candidate candidate{*proto, opts["--host"], static_cast<std::uint16_t>(port), *tls};
  const auto planned = clientconf::plan_servers(rules::builtin_table(), {candidate}, plan, force);
  if (!planned.refused.empty()) {
    for (const auto& finding : planned.refused.front().check.findings) {
      std::cerr << "refused: " << finding.def->code << "\n";
    }
    return 1;
  }
  const auto written = format.write(planned.plan);
  if (!written) {
    std::cerr << "cannot write " << format.name << " from this setting\n";
    return 1;
  }
  std::cout << *written;
  return 0;
}

int lint(const clientconf::Format& format, const std::string& file, const std::string& version)
{
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    std::cerr << file << ": cannot read\n";
    return 66;
  }
  const std::string content{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  clientconf::ReadOptions options;
  options.version = version_of(format, version);
  auto parsed = format.read(content, options);
  if (!parsed) {
    const auto& e = parsed.error();
    std::cerr << file << ":" << e.where.line << ":" << e.where.column << ": " << e.detail << "\n";
    return 65;
  }
  const auto& table = rules::builtin_table();
  const auto result = clientconf::judge(table, std::move(*parsed));
  const auto print = [&](const clientconf::ClientFinding& f) {
    std::cout << f.where.line << " " << f.code << " " << core::to_string(clientconf::severity_of(table, f)) << "\n";
  };
  for (const auto& f : result.parsed.findings) {
    print(f);
  }
  for (std::size_t a = 0; a < result.parsed.accounts.size(); ++a) {
    const auto& account = result.parsed.accounts[a];
    for (const auto& f : account.findings) {
      print(f);
    }
    for (std::size_t e = 0; e < account.endpoints.size(); ++e) {
      const auto& endpoint = account.endpoints[e];
      for (const auto& f : endpoint.findings) {
        print(f);
      }
      for (const auto& f : result.accounts[a].endpoints[e].check.findings) {
        std::cout << endpoint.where.line << " " << f.def->code << " " << core::to_string(f.def->severity) << "\n";
      }
      std::cout << "endpoint " << core::to_string(endpoint.proto) << " " << endpoint.host << " " << endpoint.port
                << " " << core::to_string(endpoint.tls) << "\n";
    }
  }
  return static_cast<int>(result.verdict);
}

} // namespace

int main(int argc, char** argv)
{
  const std::vector<std::string> args(argv + 1, argv + argc);
  if (args.size() < 2) {
    return usage();
  }
  const auto* format = clientconf::find_format(args[1]);
  if (format == nullptr) {
    std::cerr << "unknown format " << args[1] << "\n";
    return 64;
  }
  std::map<std::string, std::string> opts;
  bool force = false;
  std::vector<std::string> rest;
  for (std::size_t i = 2; i < args.size(); ++i) {
    if (args[i] == "--force") {
      force = true;
    } else if (args[i].starts_with("--") && i + 1 < args.size()) {
      opts[args[i]] = args[i + 1];
      ++i;
    } else {
      rest.push_back(args[i]);
    }
  }
  if (args[0] == "write") {
    return write(*format, opts, force);
  }
  if (args[0] == "lint" && rest.size() == 1) {
    return lint(*format, rest[0], opts["--client-version"]);
  }
  return usage();
}
