// Every format unit's description (private to clientconf). Each is defined
// in formats/<name>.cpp and listed once in format.cpp's k_formats.
#pragma once

#include <mailports/clientconf/format.hpp>

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

} // namespace mailports::clientconf::formats
