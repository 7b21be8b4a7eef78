// diagnose's matcher and log reader on any bytes, against the built-in
// catalogue. Properties: no crash; normalize is idempotent and leaves no
// upper-case ASCII, no white space but single spaces, none at either end;
// the log reader counts one line per '\n' (plus a last unterminated one),
// the same whatever the chunk size (the first byte picks it); every family
// count is at most the line count, and its first line numbers rise and lie
// within the log. redact_secrets (log mode's example line) never lets a
// URL's password through, whatever comes before it on the line.
#include "fuzz_support.hpp"

#include <mailports/diagnose/match.hpp>
#include <mailports/diagnose/redact.hpp>
#include <mailports/diagnose/scan.hpp>
#include <mailports/rules/builtin.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>

namespace {

using namespace mailports;

const diagnose::Catalog& builtin()
{
  static const auto catalog =
    diagnose::load_diagnoses(diagnose::builtin_diagnoses_json(), "built-in", rules::builtin_table());
  return *catalog;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
  if (size == 0) {
    return 0;
  }
  const std::size_t chunk = 1 + data[0] % 64;
  const auto text = mailports_fuzz::as_text(data + 1, size - 1);

  const auto normalized = diagnose::normalize(text);
  MAILPORTS_FUZZ_CHECK(diagnose::normalize(normalized) == normalized);
  const auto planted = std::string(text) + " smtps://u:Zq9Xw7Vt@mail.example ";
  MAILPORTS_FUZZ_CHECK(diagnose::redact_secrets(planted).find("Zq9Xw7Vt") == std::string::npos);
  MAILPORTS_FUZZ_CHECK(std::none_of(normalized.begin(), normalized.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || c == '\t' || c == '\n' || c == '\r' || c == '\0';
  }));
  MAILPORTS_FUZZ_CHECK(normalized.find("  ") == std::string::npos);
  MAILPORTS_FUZZ_CHECK(normalized.empty() || (normalized.front() != ' ' && normalized.back() != ' '));
  static_cast<void>(diagnose::match(builtin(), normalized));

  diagnose::LogScanner scanner(builtin());
  for (std::size_t at = 0; at < text.size(); at += chunk) {
    scanner.feed(text.substr(at, chunk));
  }
  scanner.finish();
  const auto newlines = static_cast<std::uint64_t>(std::count(text.begin(), text.end(), '\n'));
  const bool tail = !text.empty() && text.back() != '\n';
  MAILPORTS_FUZZ_CHECK(scanner.lines() == newlines + (tail ? 1 : 0));
  for (const auto& found : scanner.found()) {
    MAILPORTS_FUZZ_CHECK(found.count >= 1 && found.count <= scanner.lines());
    MAILPORTS_FUZZ_CHECK(!found.first_lines.empty() && found.first_lines.size() <= diagnose::k_first_lines);
    MAILPORTS_FUZZ_CHECK(std::is_sorted(found.first_lines.begin(), found.first_lines.end()));
    MAILPORTS_FUZZ_CHECK(found.first_lines.back() <= scanner.lines());
    MAILPORTS_FUZZ_CHECK(found.example.size() <= diagnose::k_example_bytes);
  }
  return 0;
}
