#include <mailports/util/fmod.hpp>

#if !(defined(__x86_64__) || defined(__i386__))
#include <cmath>
#endif

namespace mailports::util {

double fmod_x87(double x, double y) noexcept
{
#if defined(__x86_64__) || defined(__i386__)
  long double result = x;
  // FPREM reduces the exponent difference by at most 63 per step; C2 of the
  // status word says whether it is done. glibc's i386 fmod is the same loop.
  asm("1: fprem\n\t"
      "fnstsw %%ax\n\t"
      "testb $4, %%ah\n\t"
      "jnz 1b"
      : "+t"(result)
      : "u"(static_cast<long double>(y))
      : "ax", "cc");
  return static_cast<double>(result);
#else
  // No x87 here: libm's own (util/fmod.cpp defines nothing on such machines).
  return std::fmod(x, y);
#endif
}

} // namespace mailports::util
