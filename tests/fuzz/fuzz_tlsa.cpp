// The TLSA record parser (RFC 6698 §2.1) on any RDATA a DNS answer might
// carry, and the TXT RDATA parser on the same bytes. Properties: no crash or
// read out of bounds; a record read has selector 0 or 1, matching type 0-2,
// data of the digest's length (32 for SHA-256, 64 for SHA-512) or at most
// dns_max_tlsa_data bytes, and equal to the input after its three bytes; a
// TXT record read is never longer than its RDATA; an error says why.
#include "fuzz_support.hpp"

#include <mailports/net/dns.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <span>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
  using namespace mailports;
  const std::span<const std::uint8_t> rdata(data, size);
  const auto tlsa = net::parse_tlsa_rdata(rdata);
  if (tlsa) {
    MAILPORTS_FUZZ_CHECK(size >= 4);
    MAILPORTS_FUZZ_CHECK(tlsa->selector <= 1 && tlsa->matching_type <= 2);
    const std::size_t want = tlsa->matching_type == 1 ? 32 : tlsa->matching_type == 2 ? 64 : 0;
    MAILPORTS_FUZZ_CHECK(want == 0 ? tlsa->data.size() <= net::dns_max_tlsa_data : tlsa->data.size() == want);
    MAILPORTS_FUZZ_CHECK(tlsa->data.size() == size - 3 && std::equal(tlsa->data.begin(), tlsa->data.end(), data + 3));
  } else {
    MAILPORTS_FUZZ_CHECK(!tlsa.error().message.empty());
  }
  const auto txt = net::parse_txt_rdata(rdata);
  if (txt) {
    MAILPORTS_FUZZ_CHECK(txt->size() <= size);
  } else {
    MAILPORTS_FUZZ_CHECK(!txt.error().message.empty());
  }
  return 0;
}
