// fmod's answer (the exact remainder of x / y, truncated toward zero) from
// x87's FPREM, without libm. src/mailports/util/fmod.cpp says why.
#pragma once

namespace mailports::util {

double fmod_x87(double x, double y) noexcept;

} // namespace mailports::util
