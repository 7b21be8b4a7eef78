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

#include <mailports/clientconf/plan.hpp>
#include <mailports/engine/provider.hpp>
#include <mailports/providers/address.hpp>
#include <mailports/providers/catalog.hpp>

namespace mailports::test {

// `format` written for every built-in provider (as `mailports config
// FORMAT --domain D` plans it) and read back: each file that can be written
// parses and lints without an error. Returns how many were written.
inline std::size_t lint_every_provider(const clientconf::Format& format)
{
  const auto& table = rules::builtin_table();
  const auto& catalog = providers::builtin_catalog();
  std::size_t written = 0;
  for (const auto& provider : catalog.providers) {
    const std::string domain(provider.domains.empty() ? provider.id : provider.domains.front());
    const auto advice = engine::advise(table, provider);
    std::vector<clientconf::Candidate> candidates;
    for (const auto* list : {&advice.incoming, &advice.outgoing}) {
      for (const auto& judged : *list) {
        const auto& s = *judged.server;
        if (s.proto && s.host && s.port && s.tls) {
          candidates.push_back(clientconf::Candidate{*s.proto, providers::resolve_username(*s.host, {"", domain}),
                                                     *s.port, *s.tls});
        }
      }
    }
    clientconf::WritePlan base;
    base.account = std::string(provider.id);
    base.domain = domain;
    base.provider = std::string(provider.name);
    base.generator = "mailports test";
    base.version.version = *clientconf::parse_version(format.newest_version.empty() ? "1" : format.newest_version);
    const auto planned = clientconf::plan_servers(table, candidates, base, false);
    const auto text = format.write(planned.plan);
    if (!text) {
      continue; // the format cannot be written for this provider (no SMTP, ...)
    }
    ++written;
    INFO(format.name << " for " << provider.id << ":\n" << *text);
    const auto parsed = format.read(*text, {});
    REQUIRE(parsed.has_value());
    const auto judged = clientconf::judge(table, *parsed);
    CHECK(judged.verdict != core::Verdict::error);
    CHECK(!parsed->accounts.empty());
  }
  return written;
}

} // namespace mailports::test
