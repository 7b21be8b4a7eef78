// Every format unit's description (private to clientconf). Each is defined
// in formats/<name>.cpp and listed once in format.cpp's k_formats.
#pragma once

#include <mailports/clientconf/format.hpp>

#include <cstddef>
#include <string_view>
#include <utility>
#include <vector>

namespace mailports::clientconf::formats {

extern const Format msmtp;
extern const Format neomutt;
extern const Format mbsync;
extern const Format aerc;
extern const Format fetchmail;
extern const Format thunderbird;
extern const Format srv;
extern const Format nodemailer;
extern const Format python;
extern const Format postfix;

// For fuzz_lint_fetchmail: the byte ranges [begin, end) of content that the
// fetchmail reader skipped as passwords (inside the quotes of a quoted one).
std::vector<std::pair<std::size_t, std::size_t>> fetchmail_password_spans(std::string_view content);

} // namespace mailports::clientconf::formats
