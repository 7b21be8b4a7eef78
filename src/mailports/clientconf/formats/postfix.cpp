// PLACEHOLDER until the postfix unit lands (helper work in progress).
#include "formats.hpp"

namespace mailports::clientconf::formats {

const Format postfix{"postfix", "", {"postfix", "postfix"}, {}, nullptr, nullptr, nullptr, "", {}, {}};

} // namespace mailports::clientconf::formats
