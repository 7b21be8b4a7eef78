// Shared by the units that write a program (nodemailer, python). Private to
// formats/.
#pragma once

#include <string>
#include <string_view>

namespace mailports::clientconf::formats {

// A double-quoted string literal that JavaScript and Python both read as
// `text`: " and \ escaped with \, control characters as \xNN, everything
// else (UTF-8 included) as it is.
std::string string_literal(std::string_view text);

} // namespace mailports::clientconf::formats
