// fmod for the mailports executable, so that it does not load libm.so.6.
// The only libm function the binary uses is fmod (pugixml's XPath `mod`);
// loading libm for it cost every start-up ~14 k instructions
// (tests/bench/README.md), and glibc's static fmod cannot be linked into a
// PIE. FPREM's remainder is exact, as fmod's is (C11 7.12.10.1);
// tests/unit/mailports/util/fmod_test.cpp compares the two.
// Listed in the executable's own sources, so that the linker takes it before
// it would look in libm; other binaries (tests) keep libm's.
#include <mailports/util/fmod.hpp>

#include <cmath>

// x86 only (FPREM); elsewhere the binary keeps libm's fmod.
#if defined(__x86_64__) || defined(__i386__)
extern "C" double fmod(double x, double y) noexcept
{
  return mailports::util::fmod_x87(x, y);
}
#endif
