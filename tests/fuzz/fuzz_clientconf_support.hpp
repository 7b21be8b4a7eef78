// Shared by the fuzz_lint_* targets: one client-format reader on arbitrary
// text with a known password put where the format keeps one. Properties:
// no crash; the password never shows in anything lint prints or keeps (the
// parsed accounts, the rendered findings in both languages, a syntax
// error's detail), and a different password of the same length changes
// nothing lint reports; every finding code is the table's and the format's
// own (or the engine's), on a line of the file; every server has a host and
// a port 1-65535.
#pragma once

#include "fuzz_support.hpp"

#include <mailports/clientconf/format.hpp>
#include <mailports/clientconf/lint.hpp>
#include <mailports/rules/builtin.hpp>

#include <algorithm>
#include <string>
#include <string_view>

namespace mailports_fuzz {

using namespace mailports;
using namespace mailports::clientconf;

inline constexpr std::string_view k_secret = "Zq9vSECRETpw";
inline constexpr std::string_view k_other = "Xk3wOTHERpw1";

// Everything lint would print or keep about the file, as one text.
inline std::string shown(const Format& format, const ReadResult& result)
{
  if (!result) {
    return "error " + std::to_string(static_cast<int>(result.error().kind)) + ' '
           + std::to_string(result.error().where.line) + ':' + std::to_string(result.error().where.column) + ' '
           + result.error().detail;
  }
  const auto& table = rules::builtin_table();
  std::string out;
  const auto add = [&](const std::vector<ClientFinding>& findings) {
    for (const auto& f : findings) {
      const bool known = table.finding(f.code) != nullptr;
      MAILPORTS_FUZZ_CHECK(known);
      MAILPORTS_FUZZ_CHECK(std::find(format.codes.begin(), format.codes.end(), f.code) != format.codes.end());
      out += std::string(f.code) + ' ' + std::to_string(f.where.line) + ':' + std::to_string(f.where.column) + ' '
             + f.setting + '|' + f.value + '|' + f.other + '\n';
      out += render(table, f, core::Lang::en) + '\n' + render(table, f, core::Lang::ja) + '\n';
    }
  };
  add(result->findings);
  for (const auto& account : result->accounts) {
    out += "account " + account.name + '\n';
    add(account.findings);
    for (const auto& e : account.endpoints) {
      MAILPORTS_FUZZ_CHECK(!e.host.empty());
      MAILPORTS_FUZZ_CHECK(e.port >= 1);
      out += "endpoint " + std::to_string(static_cast<int>(e.proto)) + ' ' + e.host + ' ' + std::to_string(e.port)
             + ' ' + std::to_string(static_cast<int>(e.tls)) + ' ' + e.user + ' ' + e.setting + ' '
             + std::to_string(e.where.line) + '\n';
      add(e.findings);
    }
  }
  const auto judged = judge(table, *result);
  for (const auto& account : judged.accounts) {
    for (const auto& e : account.endpoints) {
      for (const auto& f : e.check.findings) {
        out += std::string(f.def->code) + '\n';
      }
    }
  }
  return out;
}

// Reads `text` with the password put in by `with` (a function of the
// password), twice: once with k_secret, once with k_other.
template <typename Build>
void check_reader(const Format& format, const ReadOptions& options, std::string_view input, Build with)
{
  if (contains(input, k_secret) || contains(input, k_other) || contains(input, "Zq9v") || contains(input, "Xk3w")) {
    return; // the input itself spells the password: it may show legitimately
  }
  const auto text = with(k_secret);
  const auto other_text = with(k_other);
  const auto result = format.read(text, options);
  const auto other = format.read(other_text, options);
  const auto a = shown(format, result);
  const auto b = shown(format, other);
  MAILPORTS_FUZZ_CHECK(!contains(a, k_secret));
  MAILPORTS_FUZZ_CHECK(!contains(b, k_other));
  MAILPORTS_FUZZ_CHECK(a == b);
  if (result) {
    const auto lines = static_cast<unsigned>(std::count(text.begin(), text.end(), '\n')) + 1;
    for (const auto& f : result->findings) {
      MAILPORTS_FUZZ_CHECK(f.where.line <= lines);
    }
    for (const auto& account : result->accounts) {
      for (const auto& f : account.findings) {
        MAILPORTS_FUZZ_CHECK(f.where.line <= lines);
      }
      for (const auto& e : account.endpoints) {
        MAILPORTS_FUZZ_CHECK(e.where.line <= lines);
      }
    }
  }
  // The plain input alone, too (no password added): never crashes.
  (void)format.read(input, options);
  (void)format.sniff(input);
}

inline ReadOptions version(std::string_view text)
{
  ReadOptions options;
  options.version.version = *parse_version(text);
  options.version.origin = VersionChoice::Origin::option;
  return options;
}

} // namespace mailports_fuzz
