// PLACEHOLDER until the python unit lands (helper work in progress).
#include "formats.hpp"

namespace mailports::clientconf::formats {

const Format python{"python", "", {"python", "python"}, {}, nullptr, nullptr, nullptr, "", {}, {}};

} // namespace mailports::clientconf::formats
