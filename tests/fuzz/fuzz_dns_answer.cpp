// The DNS answer parser on whatever a DNS server (or anyone on the path)
// might send. Properties: no crash or read out of bounds; every SRV target
// and MX host is a lower-case host name (letters, digits, '-', '_', dots
// only between labels) of at most 253 bytes, since discovery prints them and
// connects to them; a target is empty exactly when it is marked not offered;
// addresses read back as addresses; an error says why.
#include "fuzz_support.hpp"

#include <mailports/net/dns.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>

namespace {

using namespace mailports;

bool clean_host(const std::string& name)
{
  if (name.size() > 253 || name.front() == '.' || name.back() == '.' ||
      name.find("..") != std::string::npos) {
    return false;
  }
  for (const char c : name) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';
    if (!ok) {
      return false;
    }
  }
  return true;
}

bool address(const std::string& text)
{
  in6_addr buffer{};
  return ::inet_pton(AF_INET, text.c_str(), &buffer) == 1 || ::inet_pton(AF_INET6, text.c_str(), &buffer) == 1;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
  const auto parsed = net::parse_dns_answer(std::span<const std::uint8_t>(data, size));
  if (!parsed) {
    MAILPORTS_FUZZ_CHECK(!parsed.error().message.empty());
    return 0;
  }
  MAILPORTS_FUZZ_CHECK(size >= 12);
  MAILPORTS_FUZZ_CHECK(parsed->rcode <= 15);
  for (const auto& srv : parsed->srv) {
    MAILPORTS_FUZZ_CHECK(srv.not_offered == srv.target.empty());
    MAILPORTS_FUZZ_CHECK(srv.target.empty() || clean_host(srv.target));
  }
  for (const auto& mx : parsed->mx) {
    MAILPORTS_FUZZ_CHECK(mx.host.empty() || clean_host(mx.host));
  }
  for (const auto& text : parsed->addresses) {
    MAILPORTS_FUZZ_CHECK(address(text));
  }
  // A TLSA record is either well-formed (as parse_tlsa_rdata says) or marked
  // unusable with the reason, its data bounded either way.
  for (const auto& tlsa : parsed->tlsa) {
    MAILPORTS_FUZZ_CHECK(tlsa.data.size() <= net::dns_max_tlsa_data);
    if (tlsa.unusable.empty()) {
      MAILPORTS_FUZZ_CHECK(tlsa.selector <= 1 && tlsa.matching_type <= 2);
    }
  }
  // Records take bytes: no more of them than the message could hold.
  MAILPORTS_FUZZ_CHECK((parsed->srv.size() + parsed->mx.size() + parsed->addresses.size()) * 11 <= size);
  return 0;
}
