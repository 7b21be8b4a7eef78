// Shared by the fuzz_lint_* targets: one format's reader on arbitrary text,
// then everything lint would show (judged by the engine, rendered in both
// languages) checked for a password the input stored.
#pragma once

#include "fuzz_support.hpp"

#include <mailports/clientconf/format.hpp>
#include <mailports/clientconf/lint.hpp>
#include <mailports/rules/builtin.hpp>

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

namespace mailports_fuzz {

inline std::string shown(const mailports::clientconf::Parsed& parsed)
{
  using namespace mailports;
  const auto& table = rules::builtin_table();
  std::string out;
  const auto add = [&](const clientconf::ClientFinding& f) {
    out += f.setting + '\n' + f.value + '\n' + f.other + '\n';
    out += clientconf::render(table, f, core::Lang::en) + '\n' + clientconf::render(table, f, core::Lang::ja) + '\n';
  };
  for (const auto& f : parsed.findings) {
    add(f);
  }
  for (const auto& a : parsed.accounts) {
    out += a.name + '\n';
    for (const auto& f : a.findings) {
      add(f);
    }
    for (const auto& e : a.endpoints) {
      out += e.host + '\n' + e.user + '\n' + e.setting + '\n';
      for (const auto& f : e.findings) {
        add(f);
      }
    }
  }
  return out;
}

inline unsigned line_count(std::string_view text)
{
  return static_cast<unsigned>(std::count(text.begin(), text.end(), '\n')) + 1;
}

// The passwords `text` stores between `open` and `close` ("" close: the
// second ':'-field after `open`, up to a blank, ',' or '}'), 6 bytes or more.
// Only a distinctive one is checked: the input holds it once, so nothing
// else can bring it into the output.
inline std::vector<std::string_view> passwords(std::string_view text, std::string_view open, std::string_view close)
{
  std::vector<std::string_view> out;
  if (open.empty()) {
    return out; // nothing in this input counts as a password
  }
  for (auto at = text.find(open); at != std::string_view::npos; at = text.find(open, at + 1)) {
    auto rest = text.substr(at + open.size());
    std::string_view password;
    if (!close.empty()) {
      password = rest.substr(0, rest.find(close));
    } else {
      rest = rest.substr(0, rest.find_first_of(" \t\r\n,}"));
      const auto colon = rest.find(':');
      if (colon == std::string_view::npos) {
        continue;
      }
      password = rest.substr(colon + 1);
    }
    if (password.size() >= 6 && text.find(password) == text.rfind(password) &&
        password.find_first_of("<>&%$\n\r\t ") == std::string_view::npos) {
      out.push_back(password);
    }
  }
  return out;
}

inline void check_lint_reader(std::string_view format_name, std::string_view text, std::string_view open,
                              std::string_view close)
{
  using namespace mailports;
  const auto* format = clientconf::find_format(format_name);
  MAILPORTS_FUZZ_CHECK(format != nullptr && format->read != nullptr);
  (void)format->sniff(text);
  const auto parsed = format->read(text, {});
  const unsigned lines = line_count(text);
  if (!parsed) {
    MAILPORTS_FUZZ_CHECK(parsed.error().where.line <= lines);
    MAILPORTS_FUZZ_CHECK(parsed.error().detail.size() < 1024);
    for (const auto password : passwords(text, open, close)) {
      MAILPORTS_FUZZ_CHECK(!contains(parsed.error().detail, password));
    }
    return;
  }
  const auto judged = clientconf::judge(rules::builtin_table(), *parsed);
  MAILPORTS_FUZZ_CHECK(judged.accounts.size() == parsed->accounts.size());
  const auto inside = [lines](const clientconf::Location& where) { return where.line <= lines; };
  for (const auto& f : parsed->findings) {
    MAILPORTS_FUZZ_CHECK(inside(f.where));
    MAILPORTS_FUZZ_CHECK(clientconf::is_client_code(f.code));
  }
  for (const auto& a : parsed->accounts) {
    MAILPORTS_FUZZ_CHECK(inside(a.where));
    for (const auto& f : a.findings) {
      MAILPORTS_FUZZ_CHECK(inside(f.where));
      MAILPORTS_FUZZ_CHECK(clientconf::is_client_code(f.code));
    }
    for (const auto& e : a.endpoints) {
      MAILPORTS_FUZZ_CHECK(inside(e.where));
      MAILPORTS_FUZZ_CHECK(e.port >= 1);
      MAILPORTS_FUZZ_CHECK(e.host.size() <= 8192);
      for (const auto& f : e.findings) {
        MAILPORTS_FUZZ_CHECK(inside(f.where));
        MAILPORTS_FUZZ_CHECK(clientconf::is_client_code(f.code));
      }
    }
  }
  const auto all = shown(*parsed);
  for (const auto password : passwords(text, open, close)) {
    MAILPORTS_FUZZ_CHECK(!contains(all, password));
  }
}

} // namespace mailports_fuzz
