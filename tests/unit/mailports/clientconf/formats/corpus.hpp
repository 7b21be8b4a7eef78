// Shared by the format units' tests: a reader's findings as lint reports
// them ([code, line] for the reader's own findings and the engine's findings
// of each endpoint), the lint corpus in tests/data/lint/FORMAT with its
// expected.json, and a check that a password never shows.
#pragma once

#include "../../support.hpp"

#include <mailports/clientconf/format.hpp>
#include <mailports/clientconf/lint.hpp>
#include <mailports/rules/builtin.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

namespace mailports::test {

using CodeLine = std::pair<std::string, unsigned>;

inline std::vector<CodeLine> lint_findings(const clientconf::Parsed& parsed)
{
  std::vector<CodeLine> out;
  const auto result = clientconf::judge(rules::builtin_table(), parsed);
  for (const auto& f : result.parsed.findings) {
    out.emplace_back(std::string(f.code), f.where.line);
  }
  for (std::size_t a = 0; a < result.parsed.accounts.size(); ++a) {
    const auto& account = result.parsed.accounts[a];
    for (const auto& f : account.findings) {
      out.emplace_back(std::string(f.code), f.where.line);
    }
    for (std::size_t e = 0; e < account.endpoints.size(); ++e) {
      for (const auto& f : account.endpoints[e].findings) {
        out.emplace_back(std::string(f.code), f.where.line);
      }
      for (const auto& f : result.accounts[a].endpoints[e].check.findings) {
        out.emplace_back(std::string(f.def->code), account.endpoints[e].where.line);
      }
    }
  }
  std::sort(out.begin(), out.end(), [](const CodeLine& x, const CodeLine& y) {
    return std::tie(x.second, x.first) < std::tie(y.second, y.first);
  });
  return out;
}

// Every file of tests/data/lint/NAME against expected.json; returns how many.
inline std::size_t check_corpus(const clientconf::Format& format, const clientconf::ReadOptions& options)
{
  const auto dir = test_data("lint/" + std::string(format.name));
  const auto expected = nlohmann::json::parse(slurp(dir + "/expected.json"));
  std::size_t files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    const auto name = entry.path().filename().string();
    if (name == "expected.json") {
      continue;
    }
    INFO(name);
    REQUIRE(expected.contains(name));
    const auto parsed = format.read(slurp(entry.path().string()), options);
    REQUIRE(parsed.has_value());
    std::vector<CodeLine> want;
    for (const auto& row : expected[name]) {
      want.emplace_back(row[0].get<std::string>(), row[1].get<unsigned>());
    }
    CHECK(lint_findings(*parsed) == want);
    // The file name says the format, and so does the content alone.
    CHECK(clientconf::detect_format(name, "") == &format);
    CHECK(clientconf::detect_format("config", slurp(entry.path().string())) == &format);
    ++files;
  }
  CHECK(files == expected.size()); // no expectation without its file
  return files;
}

// Every text lint could print about `parsed` (both languages) and every
// field of the model, joined.
inline std::string everything_shown(const clientconf::Parsed& parsed)
{
  const auto& table = rules::builtin_table();
  std::string out;
  const auto finding = [&](const clientconf::ClientFinding& f) {
    out += f.setting + "\n" + f.value + "\n" + f.other + "\n";
    for (const auto lang : {core::Lang::en, core::Lang::ja}) {
      out += clientconf::render(table, f, lang) + "\n";
    }
  };
  for (const auto& f : parsed.findings) {
    finding(f);
  }
  for (const auto& account : parsed.accounts) {
    out += account.name + "\n";
    for (const auto& f : account.findings) {
      finding(f);
    }
    for (const auto& e : account.endpoints) {
      out += e.host + "\n" + e.user + "\n" + e.setting + "\n";
      for (const auto& f : e.findings) {
        finding(f);
      }
    }
  }
  return out;
}

inline clientconf::WritePlan plan_for(core::Proto proto, std::string host, std::uint16_t port, core::TlsMode tls,
                                      const clientconf::Format& format, core::Lang lang = core::Lang::en,
                                      std::string_view version = {})
{
  clientconf::WritePlan plan;
  plan.account = "work";
  plan.user = "joe";
  plan.address = "joe@example.com";
  plan.generator = "mailports 0.0-test";
  plan.lang = lang;
  const auto v = clientconf::parse_version(version.empty() ? format.newest_version : version);
  plan.version = clientconf::VersionChoice{*v, version.empty() ? clientconf::VersionChoice::Origin::newest
                                                               : clientconf::VersionChoice::Origin::option};
  clientconf::WriteServer server{proto, std::move(host), port, tls, {}};
  (proto == core::Proto::smtp ? plan.outgoing : plan.incoming).push_back(std::move(server));
  return plan;
}

} // namespace mailports::test
