// PLACEHOLDER until the thunderbird unit lands (helper work in progress).
#include "formats.hpp"

namespace mailports::clientconf::formats {

const Format thunderbird{"thunderbird", "", {"thunderbird", "thunderbird"}, {}, nullptr, nullptr, nullptr, "", {}, {}};

} // namespace mailports::clientconf::formats
