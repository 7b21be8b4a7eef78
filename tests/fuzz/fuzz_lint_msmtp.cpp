// The msmtp reader (lint) on arbitrary text. Properties: no crash; a password
// in the input never shows.
//
// The password is what msmtp itself takes for it: on a line whose command is
// `password`, the argument trimmed of blanks and, when it is enclosed in
// double quotes, inside them. The same text with every printable ASCII byte of each
// password replaced by 'Q' (same length, so every line and column stays) must give
// exactly the same result, value or error, so the password cannot influence
// anything lint prints. And a password of 4 bytes or more must not appear in
// what lint could print (every field of the model, every rendered finding in
// both languages, an error's detail) unless it also appears there for the
// 'Q' text, where it comes from elsewhere (a host of the same name, a word of
// a message).
#include "fuzz_support.hpp"

// Private to the library: the formats themselves (and the fetchmail reader's
// password spans), as the unit tests use them.
#include "../../src/mailports/clientconf/formats/formats.hpp"

#include <mailports/clientconf/lint.hpp>
#include <mailports/rules/builtin.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace {

using namespace mailports;
using namespace mailports::clientconf;

bool blank(char c)
{
  return c == ' ' || c == '\t';
}

// [begin, end) of each password argument, found line by line as msmtp does.
std::vector<std::pair<std::size_t, std::size_t>> password_spans(std::string_view text)
{
  std::vector<std::pair<std::size_t, std::size_t>> spans;
  std::size_t pos = text.starts_with("\xEF\xBB\xBF") ? 3 : 0;
  while (pos < text.size()) {
    auto end = text.find('\n', pos);
    if (end == std::string_view::npos) {
      end = text.size();
    }
    auto line_end = end;
    if (line_end > pos && text[line_end - 1] == '\r') {
      --line_end;
    }
    std::size_t i = pos;
    while (i < line_end && blank(text[i])) {
      ++i;
    }
    const auto command_begin = i;
    while (i < line_end && !blank(text[i])) {
      ++i;
    }
    if (text.substr(command_begin, i - command_begin) == "password") {
      while (i < line_end && blank(text[i])) {
        ++i;
      }
      auto last = line_end;
      while (last > i && blank(text[last - 1])) {
        --last;
      }
      if (last - i >= 2 && text[i] == '"' && text[last - 1] == '"') {
        ++i;
        --last;
      }
      if (last > i) {
        spans.emplace_back(i, last);
      }
    }
    pos = end + 1;
  }
  return spans;
}

std::string shown(const ReadResult& result)
{
  if (!result) {
    const auto& e = result.error();
    return "error " + std::to_string(static_cast<int>(e.kind)) + " " + std::to_string(e.where.line) + ":"
           + std::to_string(e.where.column) + " " + e.detail;
  }
  const auto& table = rules::builtin_table();
  std::string out;
  const auto finding = [&](const ClientFinding& f) {
    out += std::string(f.code) + " " + std::to_string(f.where.line) + ":" + std::to_string(f.where.column) + " "
           + f.setting + "|" + f.value + "|" + f.other + "\n";
    out += render(table, f, core::Lang::en) + "\n" + render(table, f, core::Lang::ja) + "\n";
  };
  for (const auto& f : result->findings) {
    finding(f);
  }
  for (const auto& a : result->accounts) {
    out += "account " + a.name + "\n";
    for (const auto& f : a.findings) {
      finding(f);
    }
    for (const auto& e : a.endpoints) {
      out += "endpoint " + e.host + "|" + e.user + "|" + e.setting + "|" + std::to_string(e.port)
             + std::to_string(static_cast<int>(e.tls)) + std::to_string(e.where.line) + "\n";
      for (const auto& f : e.findings) {
        finding(f);
      }
    }
  }
  return out;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
  const auto text = mailports_fuzz::as_text(data, size);
  const auto result = formats::msmtp.read(text, ReadOptions{});
  if (result) {
    (void)judge(rules::builtin_table(), *result);
  }
  const auto spans = password_spans(text);
  if (spans.empty()) {
    return 0;
  }
  std::string starred(text);
  for (const auto& [begin, end] : spans) {
    // Printable ASCII only: a NUL byte or invalid UTF-8 makes the whole file
    // unreadable, with or without a password in it, and a blank or a line
    // break is the file's structure.
    for (auto i = begin; i < end; ++i) {
      if (starred[i] > ' ' && starred[i] < 0x7F) {
        starred[i] = 'Q';
      }
    }
  }
  const auto original = shown(result);
  const auto clean = shown(formats::msmtp.read(starred, ReadOptions{}));
  MAILPORTS_FUZZ_CHECK(original == clean);
  for (const auto& [begin, end] : spans) {
    const auto password = text.substr(begin, end - begin);
    if (password.size() >= 4 && !mailports_fuzz::contains(clean, password)) {
      MAILPORTS_FUZZ_CHECK(!mailports_fuzz::contains(original, password));
    }
  }
  return 0;
}
