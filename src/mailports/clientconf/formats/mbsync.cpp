// PLACEHOLDER until the mbsync unit lands (helper work in progress).
#include "formats.hpp"

namespace mailports::clientconf::formats {

const Format mbsync{"mbsync", "", {"mbsync", "mbsync"}, {}, nullptr, nullptr, nullptr, "", {}, {}};

} // namespace mailports::clientconf::formats
