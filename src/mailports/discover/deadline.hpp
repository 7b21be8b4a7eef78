// Deadlines for discovery's steps (sources.cpp, live.cpp): private to this folder.
#pragma once

#include <algorithm>
#include <chrono>

namespace mailports::discover::detail {

using Clock = std::chrono::steady_clock;

inline std::chrono::milliseconds since(Clock::time_point start)
{
  return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start);
}

// What is left of a deadline, never less than a millisecond (a zero timeout
// means "none" to some libraries).
inline std::chrono::milliseconds left(Clock::time_point deadline)
{
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
  return std::max(ms, std::chrono::milliseconds(1));
}

} // namespace mailports::discover::detail
