// The probe's reply parsers (EHLO, IMAP CAPABILITY, POP3 CAPA) on whatever a
// hostile server might send, one line per '\n'. Properties: no crash; every
// mechanism reported is a SASL name (A-Z 0-9 - _, at most 20), listed once;
// the IMAP greeting's capability list is a piece of the greeting.
#include "fuzz_support.hpp"

#include <mailports/probe/reply.hpp>
#include <mailports/probe/report.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace {

using namespace mailports;

bool clean_mechanism(const std::string& name)
{
  if (name == probe::k_imap_login_command || name == probe::k_pop3_user_pass) {
    return true;
  }
  return !name.empty() && name.size() <= 20 && std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
  });
}

void check(const probe::Capabilities& caps)
{
  for (std::size_t i = 0; i < caps.auth.size(); ++i) {
    MAILPORTS_FUZZ_CHECK(clean_mechanism(caps.auth[i]));
    MAILPORTS_FUZZ_CHECK(std::count(caps.auth.begin(), caps.auth.end(), caps.auth[i]) == 1);
  }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
  const auto text = mailports_fuzz::as_text(data, size);
  std::vector<std::string> lines;
  for (std::size_t start = 0; start <= text.size();) {
    const auto end = std::min(text.find('\n', start), text.size());
    lines.emplace_back(text.substr(start, end - start));
    start = end + 1;
  }
  for (const auto& line : lines) {
    if (const auto parsed = probe::parse_smtp_line(line)) {
      MAILPORTS_FUZZ_CHECK(parsed->code >= 0 && parsed->code <= 999);
      MAILPORTS_FUZZ_CHECK(parsed->text.size() + 3 <= line.size());
    }
    check(probe::parse_imap_capability(line));
    if (const auto listed = probe::imap_greeting_capability(line)) {
      MAILPORTS_FUZZ_CHECK(mailports_fuzz::contains(line, *listed));
      check(probe::parse_imap_capability(*listed));
    }
  }
  check(probe::parse_ehlo(lines));
  check(probe::parse_pop3_capa(lines));
  return 0;
}
