// Shared by the client-format unit tests: every finding of a lint run,
// what a reader lets anyone see, and the lint corpus check against
// tests/data/lint/FORMAT/expected.json ({"file": [["code", line], ...]}).
#pragma once

#include "catch.hpp"

#include "../../support.hpp"

#include <mailports/clientconf/format.hpp>
#include <mailports/clientconf/lint.hpp>
#include <mailports/rules/builtin.hpp>

#include <nlohmann/json.hpp>

#include <filesystem>
#include <functional>
#include <set>
#include <string>
#include <utility>

namespace mailports::test {

using namespace mailports::clientconf;

// Every finding of a lint run (the reader's and the engine's), as
// (code, line), the engine's at the line of the setting naming the server.
inline std::multiset<std::pair<std::string, unsigned>> all_findings(const Parsed& parsed)
{
  std::multiset<std::pair<std::string, unsigned>> out;
  const auto judged = judge(rules::builtin_table(), parsed);
  for (const auto& f : parsed.findings) {
    out.emplace(f.code, f.where.line);
  }
  for (std::size_t a = 0; a < parsed.accounts.size(); ++a) {
    const auto& account = parsed.accounts[a];
    for (const auto& f : account.findings) {
      out.emplace(f.code, f.where.line);
    }
    for (std::size_t e = 0; e < account.endpoints.size(); ++e) {
      const auto& endpoint = account.endpoints[e];
      for (const auto& f : endpoint.findings) {
        out.emplace(f.code, f.where.line);
      }
      for (const auto& f : judged.accounts[a].endpoints[e].check.findings) {
        out.emplace(f.def->code, endpoint.where.line);
      }
    }
  }
  return out;
}

inline std::set<std::string> codes_of(const Parsed& parsed)
{
  std::set<std::string> out;
  for (const auto& [code, line] : all_findings(parsed)) {
    out.insert(code);
  }
  return out;
}

// Every rendered finding and every string field of the parsed file.
inline std::string everything_shown(const Parsed& parsed)
{
  const auto& table = rules::builtin_table();
  std::string out;
  const auto add = [&](const std::vector<ClientFinding>& findings) {
    for (const auto& f : findings) {
      out += f.setting + '\n' + f.value + '\n' + f.other + '\n';
      out += render(table, f, core::Lang::en) + '\n' + render(table, f, core::Lang::ja) + '\n';
    }
  };
  add(parsed.findings);
  for (const auto& account : parsed.accounts) {
    out += account.name + '\n';
    add(account.findings);
    for (const auto& endpoint : account.endpoints) {
      out += endpoint.host + '\n' + endpoint.user + '\n' + endpoint.setting + '\n';
      add(endpoint.findings);
    }
  }
  return out;
}

// Reads every FORMAT file (by extension) of tests/data/lint/DIR and compares
// its findings with expected.json.
// A file whose name ends in "-VERSION" before the extension ("-0.14") is
// read as that client version; the others with `options`.
inline void check_lint_corpus(const Format& format, std::string_view dir_name, std::string_view extension,
                              const ReadOptions& options, std::size_t at_least)
{
  const std::filesystem::path dir = std::filesystem::path(MAILPORTS_TEST_DATA) / "lint" / dir_name;
  const auto expected = nlohmann::json::parse(slurp((dir / "expected.json").string()));
  std::size_t files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().extension() != extension) {
      continue;
    }
    ++files;
    const auto name = entry.path().filename().string();
    INFO(name);
    REQUIRE(expected.contains(name));
    std::multiset<std::pair<std::string, unsigned>> want;
    for (const auto& pair : expected[name]) {
      want.emplace(pair[0].get<std::string>(), pair[1].get<unsigned>());
    }
    auto file_options = options;
    const auto stem = entry.path().stem().string();
    const auto dash = stem.rfind('-');
    if (dash != std::string::npos && stem.find('.', dash) != std::string::npos) {
      if (auto version = parse_version(stem.substr(dash + 1))) {
        file_options.version.version = *version;
        file_options.version.origin = VersionChoice::Origin::option;
      }
    }
    const auto parsed = format.read(slurp(entry.path().string()), file_options);
    REQUIRE(parsed.has_value());
    const auto got = all_findings(*parsed);
    nlohmann::json shown = nlohmann::json::array();
    for (const auto& [code, line] : got) {
      shown.push_back({code, line});
    }
    INFO("found: " << shown.dump()); // what expected.json would say
    CHECK(got == want);
  }
  CHECK(files == expected.size());
  CHECK(files >= at_least);
}

} // namespace mailports::test
