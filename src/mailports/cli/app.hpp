#pragma once

#include <iosfwd>

namespace mailports::cli {

// Parse the command line, run the command, and return the exit status.
// Primary output goes to `out`, diagnostics to `err`. `quick`: let the
// common `check`, `recommend`, `explain` and `ports` lines skip CLI11
// (cli/quick.hpp); false only in the test that compares both ways.
int run(int argc, const char* const* argv, std::ostream& out, std::ostream& err,
        bool stdout_is_tty, bool quick = true);

} // namespace mailports::cli
