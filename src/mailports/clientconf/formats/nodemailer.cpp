// PLACEHOLDER until the nodemailer unit lands (helper work in progress).
#include "formats.hpp"

namespace mailports::clientconf::formats {

const Format nodemailer{"nodemailer", "", {"nodemailer", "nodemailer"}, {}, nullptr, nullptr, nullptr, "", {}, {}};

} // namespace mailports::clientconf::formats
