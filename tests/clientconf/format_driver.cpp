// A test driver for the client-format units, until `mailports config` and
// `mailports lint` are on main (the real-client tests use the CLI when it is
// there). Not installed.
//
//   format_driver write FORMAT PROTO HOST PORT TLS USER ACCOUNT CLIENT-VERSION [force]
//       prints the config the unit writes for that one server, after the same
//       judgement config makes (plan_servers): a setting judged error is
//       refused (exit 2) unless "force".
//   format_driver lint FORMAT CLIENT-VERSION FILE
//       prints one line per server the reader found, "endpoint PROTO HOST
//       PORT TLS USER LINE" (PROTO and TLS as numbers), and one per finding,
//       "CODE LINE SEVERITY"; exits 0, 1 or 2 by the worst verdict (65 when
//       the file does not parse).
#include <mailports/clientconf/format.hpp>
#include <mailports/clientconf/lint.hpp>
#include <mailports/clientconf/plan.hpp>
#include <mailports/rules/builtin.hpp>

#include <charconv>
#include <fstream>
#include <iostream>
#include <iterator>
#include <string>

using namespace mailports;
using namespace mailports::clientconf;

namespace {

int usage()
{
  std::cerr << "usage: format_driver write FORMAT PROTO HOST PORT TLS USER ACCOUNT VERSION [force]\n"
               "       format_driver lint FORMAT VERSION FILE\n";
  return 64;
}

VersionChoice choice(const std::string& text)
{
  const auto version = parse_version(text);
  return version ? VersionChoice{*version, VersionChoice::Origin::option} : VersionChoice{};
}

int write(char** argv, bool force)
{
  const auto* format = find_format(argv[0]);
  const auto proto = core::parse_proto_word(argv[1]);
  const auto tls = core::parse_tls_mode(argv[4]);
  unsigned port = 0;
  const std::string port_text = argv[3];
  std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
  if (format == nullptr || !proto || !tls || port == 0 || port > 65535) {
    return usage();
  }
  WritePlan plan;
  plan.user = argv[5];
  plan.account = argv[6];
  plan.version = choice(argv[7]);
  plan.generator = "format_driver";
  const std::vector<Candidate> candidates{{*proto, argv[2], static_cast<std::uint16_t>(port), *tls}};
  const auto planned = plan_servers(rules::builtin_table(), candidates, plan, force);
  if (!planned.refused.empty()) {
    std::cerr << "refused: judged error (pass force)\n";
    return 2;
  }
  const auto text = format->write(planned.plan);
  if (!text) {
    std::cerr << "the format cannot be written from this plan\n";
    return 2;
  }
  std::cout << *text;
  return 0;
}

void print(const rules::Table& table, const std::vector<ClientFinding>& findings)
{
  for (const auto& f : findings) {
    std::cout << f.code << ' ' << f.where.line << ' ' << (severity_of(table, f) == core::Severity::error ? "error"
                                                          : severity_of(table, f) == core::Severity::warning
                                                            ? "warning"
                                                            : "info")
              << '\n';
  }
}

int lint(char** argv)
{
  const auto* format = find_format(argv[0]);
  std::ifstream in(argv[2], std::ios::binary);
  if (format == nullptr || format->read == nullptr || !in) {
    return usage();
  }
  const std::string content{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  ReadOptions options;
  options.version = choice(argv[1]);
  auto parsed = format->read(content, options);
  if (!parsed) {
    std::cerr << "syntax error at " << parsed.error().where.line << ':' << parsed.error().where.column << ": "
              << parsed.error().detail << '\n';
    return 65;
  }
  const auto& table = rules::builtin_table();
  const auto result = judge(table, std::move(*parsed));
  print(table, result.parsed.findings);
  for (std::size_t a = 0; a < result.parsed.accounts.size(); ++a) {
    const auto& account = result.parsed.accounts[a];
    print(table, account.findings);
    for (std::size_t e = 0; e < account.endpoints.size(); ++e) {
      const auto& endpoint = account.endpoints[e];
      std::cout << "endpoint " << static_cast<int>(endpoint.proto) << ' ' << endpoint.host << ' ' << endpoint.port
                << ' ' << static_cast<int>(endpoint.tls) << ' ' << (endpoint.user.empty() ? "-" : endpoint.user) << ' '
                << endpoint.where.line << '\n';
      print(table, account.endpoints[e].findings);
      for (const auto& f : result.accounts[a].endpoints[e].check.findings) {
        std::cout << f.def->code << ' ' << account.endpoints[e].where.line << ' '
                  << (f.def->severity == core::Severity::error     ? "error"
                      : f.def->severity == core::Severity::warning ? "warning"
                                                                   : "info")
                  << '\n';
      }
    }
  }
  return static_cast<int>(result.verdict);
}

} // namespace

int main(int argc, char** argv)
{
  const std::string command = argc > 1 ? argv[1] : "";
  if (command == "write" && (argc == 10 || (argc == 11 && std::string(argv[10]) == "force"))) {
    return write(argv + 2, argc == 11);
  }
  if (command == "lint" && argc == 5) {
    return lint(argv + 2);
  }
  return usage();
}
