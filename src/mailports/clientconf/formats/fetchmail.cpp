// PLACEHOLDER until the fetchmail unit lands (helper work in progress).
#include "formats.hpp"

namespace mailports::clientconf::formats {

const Format fetchmail{"fetchmail", "", {"fetchmail", "fetchmail"}, {}, nullptr, nullptr, nullptr, "", {}, {}};

} // namespace mailports::clientconf::formats
