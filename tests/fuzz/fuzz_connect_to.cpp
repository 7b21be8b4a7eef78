// discover's connect-to list (MAILPORTS_TEST_CONNECT_TO, curl --connect-to
// syntax) on any text. Properties: no crash; an accepted entry's hosts hold
// no brackets or commas (they are put back in curl's syntax and split again);
// a rejected list says which entry was wrong.
#include "fuzz_support.hpp"

#include <mailports/discover/live.hpp>

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
  const auto text = mailports_fuzz::as_text(data, size);
  const auto parsed = mailports::discover::parse_connect_to(text);
  if (!parsed) {
    MAILPORTS_FUZZ_CHECK(mailports_fuzz::contains(parsed.error().message, "bad connect-to entry"));
    return 0;
  }
  for (const auto& entry : *parsed) {
    for (const auto* host : {&entry.host, &entry.to_host}) {
      MAILPORTS_FUZZ_CHECK(host->find_first_of("[],") == std::string::npos);
    }
  }
  return 0;
}
