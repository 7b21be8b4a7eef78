// What users type, folded to what mailports reads: full-width digits and
// letters from a Japanese input method ("５８７", "ＳＴＡＲＴＴＬＳ"), the
// ideographic space, compatibility forms. Unicode NFKC (UAX #15) does exactly
// that, and is applied before anything else reads an option or a batch field.
#pragma once

#include <string>
#include <string_view>

namespace mailports::util {

// Plain ASCII is already NFKC: callers skip the fold (and the library) for it.
bool is_ascii(std::string_view text) noexcept;

// NFKC of `text`. ASCII comes back unchanged without loading anything; other
// text goes through libunistring's u8_normalize, loaded on first use. Text
// that is not UTF-8, or a machine without libunistring, gets `text` back
// unchanged: the validator that reads it then names the value as given.
std::string nfkc(std::string_view text);

// Leading and trailing ASCII white space removed (after nfkc, that includes
// the ideographic space U+3000).
std::string_view trim(std::string_view text) noexcept;

} // namespace mailports::util
