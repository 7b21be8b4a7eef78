// The MTA-STS policy parser on whatever an HTTPS server might send, and the
// _mta-sts and _smtp._tls TXT record parsers on the same bytes split into
// records at '\n'. Properties: no crash; a policy read has a mode, a max_age
// within RFC 8461's bound, an mx list unless the mode is none, and patterns
// that are lower case; an id is 1-32 letters and digits; every rua address
// is mailto: or https:; mx_matches never matches an empty host; an error
// says why.
#include "fuzz_support.hpp"

#include <mailports/discover/mta_sts.hpp>
#include <mailports/util/text.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace {

using namespace mailports;

bool alnum(char c)
{
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
  const auto text = mailports_fuzz::as_text(data, size);
  const auto policy = discover::parse_sts_policy(text);
  if (!policy) {
    MAILPORTS_FUZZ_CHECK(!policy.error().message.empty());
  } else {
    MAILPORTS_FUZZ_CHECK(policy->max_age <= discover::k_max_sts_max_age);
    MAILPORTS_FUZZ_CHECK(policy->mode == discover::StsMode::none || !policy->mx.empty());
    for (const auto& pattern : policy->mx) {
      MAILPORTS_FUZZ_CHECK(!pattern.empty() && pattern == util::to_lower(pattern));
      MAILPORTS_FUZZ_CHECK(!discover::mx_matches(pattern, ""));
    }
  }

  std::vector<std::string> records;
  std::string_view rest = text;
  while (!rest.empty() && records.size() < 16) {
    const auto newline = rest.find('\n');
    records.emplace_back(rest.substr(0, newline));
    rest = newline == std::string_view::npos ? std::string_view() : rest.substr(newline + 1);
  }
  const auto sts = discover::parse_sts_records(records);
  if (sts) {
    MAILPORTS_FUZZ_CHECK(!sts->id.empty() && sts->id.size() <= 32);
    MAILPORTS_FUZZ_CHECK(std::all_of(sts->id.begin(), sts->id.end(), alnum));
  } else {
    MAILPORTS_FUZZ_CHECK(!sts.error().message.empty());
  }
  const auto rpt = discover::parse_tlsrpt_records(records);
  if (rpt) {
    MAILPORTS_FUZZ_CHECK(!rpt->rua.empty());
    for (const auto& uri : rpt->rua) {
      MAILPORTS_FUZZ_CHECK(util::istarts_with(uri, "mailto:") || util::istarts_with(uri, "https://"));
    }
  } else {
    MAILPORTS_FUZZ_CHECK(!rpt.error().message.empty());
  }
  if (size > 2) { // the first line as a pattern, the rest as a host
    const auto newline = text.find('\n');
    if (newline != std::string_view::npos) {
      (void)discover::mx_matches(text.substr(0, newline), text.substr(newline + 1));
    }
  }
  return 0;
}
