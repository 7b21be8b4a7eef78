#include <mailports/util/fmod.hpp>

namespace mailports::util {

double fmod_x87(double x, double y) noexcept
{
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
}

} // namespace mailports::util
