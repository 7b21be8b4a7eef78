// The postfix format's reader (lint) on arbitrary main.cf text (logical
// lines, $name expansion, postconf -e lines). Properties: never crashes;
// every location lies inside the file; expansion stays bounded; a password
// in a static: map never reaches anything lint shows.
#include "fuzz_lint_support.hpp"

namespace {

// Whether the one "static:" of `text` is inside an smtp_sasl_password_maps
// setting of its own: a logical line that starts with that name (not
// continued onto the next line) in a file without '$' references. Anywhere
// else the text is not a password to Postfix (a relayhost word, which lint
// may show).
bool password_setting(std::string_view text)
{
  const auto at = text.find("static:");
  if (at == std::string_view::npos || text.find("static:", at + 1) != std::string_view::npos ||
      text.find('$') != std::string_view::npos) {
    return false;
  }
  const auto start = text.rfind('\n', at);
  const auto line_start = start == std::string_view::npos ? 0 : start + 1;
  const auto end = text.find('\n', at);
  const bool continued = end != std::string_view::npos && end + 1 < text.size() &&
                         (text[end + 1] == ' ' || text[end + 1] == '\t' || text[end + 1] == '#');
  return text.substr(line_start).starts_with("smtp_sasl_password_maps") && !continued;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
  // static:USER:PASSWORD: the password follows the second ':' up to a blank,
  // ',' or '}'.
  const auto text = mailports_fuzz::as_text(data, size);
  mailports_fuzz::check_lint_reader("postfix", text, password_setting(text) ? "static:" : "", "");
  return 0;
}
