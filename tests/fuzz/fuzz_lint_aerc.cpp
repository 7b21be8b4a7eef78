// The aerc reader (clientconf/formats/aerc) on arbitrary accounts.conf text.
// The first byte picks the aerc version (0.14.0, 0.18.0 or 0.20.0) and
// whether the password goes into a source or an outgoing URL of a new
// account after the input. Properties: see fuzz_clientconf_support.hpp.
#include "fuzz_clientconf_support.hpp"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
  using namespace mailports_fuzz;
  if (size == 0) {
    return 0;
  }
  const auto* format = find_format("aerc");
  MAILPORTS_FUZZ_CHECK(format != nullptr);
  const auto selector = data[0];
  const auto input = as_text(data + 1, size - 1);
  const char* versions[] = {"0.14.0", "0.18.0", "0.20.0"};
  const auto options = version(versions[selector % 3]);
  check_reader(*format, options, input, [&](std::string_view secret) {
    std::string text(input);
    text += (selector & 8) != 0 ? "\n[fuzz]\nsource = imaps+plain://me:" : "\n[fuzz]\noutgoing = smtp://me%40x:";
    text += std::string(secret) + "@mail.example.com:587\n";
    return text;
  });
  return 0;
}
