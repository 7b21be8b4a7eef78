// The NeoMutt reader (clientconf/formats/neomutt) on arbitrary muttrc text.
// The first byte picks where the password goes after the input: smtp_pass,
// imap_pass in an account-hook, or the userinfo of a folder URL.
// Properties: see fuzz_clientconf_support.hpp.
#include "fuzz_clientconf_support.hpp"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
  using namespace mailports_fuzz;
  if (size == 0) {
    return 0;
  }
  const auto* format = find_format("neomutt");
  MAILPORTS_FUZZ_CHECK(format != nullptr);
  const auto selector = data[0] % 3;
  const auto input = as_text(data + 1, size - 1);
  check_reader(*format, {}, input, [&](std::string_view secret) {
    // Two line breaks: a trailing backslash in the input continues onto
    // the empty line only.
    std::string text(input);
    text += "\n\n";
    if (selector == 0) {
      text += "set smtp_pass = \"" + std::string(secret) + "\"\n";
    } else if (selector == 1) {
      text += "account-hook . 'set imap_pass=" + std::string(secret) + "'\n";
    } else {
      text += "set folder = imaps://me:" + std::string(secret) + "@imap.example.com/\n";
    }
    return text;
  });
  return 0;
}
