// The mbsync reader (clientconf/formats/mbsync) on arbitrary mbsyncrc text.
// The first byte picks the isync version (1.4.4 or 1.5.1) and where the
// password goes: a `Pass` line of a new IMAPAccount after the input, or of
// a store the input's last section continues. Properties: see
// fuzz_clientconf_support.hpp.
#include "fuzz_clientconf_support.hpp"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
  using namespace mailports_fuzz;
  if (size == 0) {
    return 0;
  }
  const auto* format = find_format("mbsync");
  MAILPORTS_FUZZ_CHECK(format != nullptr);
  const auto selector = data[0];
  const auto input = as_text(data + 1, size - 1);
  const auto options = version((selector & 1) != 0 ? "1.5.1" : "1.4.4");
  check_reader(*format, options, input, [&](std::string_view secret) {
    std::string text(input);
    if ((selector & 2) != 0) {
      text += "\nPass \"" + std::string(secret) + "\"\n";
    } else {
      text += "\n\nIMAPAccount fuzz\nHost imap.example.com\nPass " + std::string(secret) + "\n";
    }
    return text;
  });
  return 0;
}
