// PLACEHOLDER until the aerc unit lands (helper work in progress).
#include "formats.hpp"

namespace mailports::clientconf::formats {

const Format aerc{"aerc", "", {"aerc", "aerc"}, {}, nullptr, nullptr, nullptr, "", {}, {}};

} // namespace mailports::clientconf::formats
