// Shared by the format units' tests: a parsed file as (code, line) pairs,
// client findings and the engine's, and the lint corpus in
// tests/data/lint/FORMAT/ checked against its expected.json
// ({"file": [["code", line], ...]}).
#pragma once

#include "catch.hpp"
#include "mailports/support.hpp"

#include <mailports/clientconf/format.hpp>
#include <mailports/clientconf/lint.hpp>
#include <mailports/rules/builtin.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace mailports::test {

using CodeLines = std::multiset<std::pair<std::string, unsigned>>;

// Every finding lint would print for `parsed`: the reader's (file, account,
// endpoint) and the engine's for each endpoint, at the endpoint's line.
inline CodeLines findings_of(const clientconf::Parsed& parsed)
{
  CodeLines out;
  for (const auto& f : parsed.findings) {
    out.emplace(std::string(f.code), f.where.line);
  }
  const auto judged = clientconf::judge(rules::builtin_table(), parsed);
  for (std::size_t a = 0; a < parsed.accounts.size(); ++a) {
    const auto& account = parsed.accounts[a];
    for (const auto& f : account.findings) {
      out.emplace(std::string(f.code), f.where.line);
    }
    for (std::size_t e = 0; e < account.endpoints.size(); ++e) {
      const auto& endpoint = account.endpoints[e];
      for (const auto& f : endpoint.findings) {
        out.emplace(std::string(f.code), f.where.line);
      }
      for (const auto& f : judged.accounts[a].endpoints[e].check.findings) {
        out.emplace(std::string(f.def->code), endpoint.where.line);
      }
    }
  }
  return out;
}

// Everything lint could show of a parsed file, in both languages.
inline std::string everything_shown(const clientconf::Parsed& parsed)
{
  std::string out;
  const auto& table = rules::builtin_table();
  const auto add = [&](const clientconf::ClientFinding& f) {
    out += f.setting + '\n' + f.value + '\n' + f.other + '\n';
    out += clientconf::render(table, f, core::Lang::en) + '\n';
    out += clientconf::render(table, f, core::Lang::ja) + '\n';
  };
  for (const auto& f : parsed.findings) {
    add(f);
  }
  for (const auto& account : parsed.accounts) {
    out += account.name + '\n';
    for (const auto& f : account.findings) {
      add(f);
    }
    for (const auto& e : account.endpoints) {
      out += e.host + '\n' + e.user + '\n' + e.setting + '\n';
      for (const auto& f : e.findings) {
        add(f);
      }
    }
  }
  return out;
}

inline CodeLines expected_of(const nlohmann::json& list)
{
  CodeLines out;
  for (const auto& item : list) {
    out.emplace(item.at(0).get<std::string>(), item.at(1).get<unsigned>());
  }
  return out;
}

// Each file of tests/data/lint/NAME (but expected.json) reads without a
// syntax error and gives exactly the findings expected.json lists for it.
inline void check_corpus(const clientconf::Format& format)
{
  const auto dir = test_data("lint/" + std::string(format.name));
  const auto expected = nlohmann::json::parse(slurp(dir + "/expected.json"));
  std::size_t files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    const auto name = entry.path().filename().string();
    if (name == "expected.json") {
      continue;
    }
    ++files;
    INFO(format.name << " corpus: " << name);
    REQUIRE(expected.contains(name));
    const auto parsed = format.read(slurp(entry.path().string()), {});
    REQUIRE(parsed.has_value());
    const auto got = findings_of(*parsed);
    const auto want = expected_of(expected.at(name));
    if (got != want) {
      for (const auto& [code, line] : got) {
        UNSCOPED_INFO("got " << code << " at line " << line);
      }
    }
    CHECK(got == want);
  }
  CHECK(files == expected.size());
}

} // namespace mailports::test
