#pragma once

#include <iosfwd>

namespace mailports::cli {

// Parse the command line, run the command, and return the exit status.
// Primary output goes to `out`, diagnostics to `err`.
int run(int argc, const char* const* argv, std::ostream& out, std::ostream& err,
        bool stdout_is_tty);

} // namespace mailports::cli
