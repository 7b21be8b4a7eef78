// PLACEHOLDER until the neomutt unit lands (helper work in progress).
#include "formats.hpp"

namespace mailports::clientconf::formats {

const Format neomutt{"neomutt", "", {"neomutt", "neomutt"}, {}, nullptr, nullptr, nullptr, "", {}, {}};

} // namespace mailports::clientconf::formats
