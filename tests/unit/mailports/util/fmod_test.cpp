// util/fmod: the x87 remainder the executable uses instead of libm's fmod
// gives libm's answer, bit for bit.
#include "catch.hpp"

#include <mailports/util/fmod.hpp>

#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>
#include <random>

namespace {

bool same(double a, double b)
{
  return (std::isnan(a) && std::isnan(b)) || std::bit_cast<std::uint64_t>(a) == std::bit_cast<std::uint64_t>(b);
}

} // namespace

TEST_CASE("fmod_x87 equals libm's fmod", "[util][fmod]")
{
  constexpr double inf = std::numeric_limits<double>::infinity();
  constexpr double nan = std::numeric_limits<double>::quiet_NaN();
  constexpr double tiny = std::numeric_limits<double>::denorm_min();
  const double values[] = {0.0, -0.0, 1.0, -1.0, 3.0, -7.5, 0.1, 1e300, -1e-300, 5e-324, tiny,
                           std::numeric_limits<double>::max(), 2.5, 10.0, inf, -inf, nan};
  for (const double x : values) {
    for (const double y : values) {
      INFO(x << " mod " << y);
      CHECK(same(mailports::util::fmod_x87(x, y), std::fmod(x, y)));
    }
  }
  std::mt19937_64 random(17);
  for (int i = 0; i < 100000; ++i) {
    const double x = std::bit_cast<double>(random());
    const double y = std::bit_cast<double>(random());
    INFO(x << " mod " << y);
    REQUIRE(same(mailports::util::fmod_x87(x, y), std::fmod(x, y)));
  }
}
