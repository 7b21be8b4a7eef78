// Shorthands for the engine tests, which all judge the built-in table.
#pragma once

#include <mailports/engine/check.hpp>
#include <mailports/rules/builtin.hpp>

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

namespace mailports::test {

inline engine::CheckResult judge(core::Proto proto, std::uint16_t port, core::TlsMode tls,
                                 core::Role role = core::Role::client, bool tls_stated = true)
{
  return engine::check(rules::builtin_table(), engine::Query{proto, port, tls, role, tls_stated});
}

inline std::vector<std::string_view> codes_of(const engine::CheckResult& result)
{
  std::vector<std::string_view> out;
  for (const auto& finding : result.findings) {
    out.push_back(finding.def->code);
  }
  return out;
}

using Codes = std::vector<std::string_view>;

// Port numbers for a loop, without narrowing warnings at each use.
inline std::vector<std::uint16_t> ports(std::initializer_list<std::uint16_t> list)
{
  return list;
}

} // namespace mailports::test
