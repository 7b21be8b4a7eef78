// PLACEHOLDER until the msmtp unit lands (helper work in progress).
#include "formats.hpp"

namespace mailports::clientconf::formats {

const Format msmtp{"msmtp", "", {"msmtp", "msmtp"}, {}, nullptr, nullptr, nullptr, "", {}, {}};

} // namespace mailports::clientconf::formats
