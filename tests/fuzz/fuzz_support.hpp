// Shared by the libFuzzer targets in this directory.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string_view>

namespace mailports_fuzz {

// A property violation is a crash: say which property, then trap, so that
// libFuzzer stops and saves the input as crash-<sha1>.
[[noreturn]] inline void fail(const char* what, const char* file, int line)
{
  std::fprintf(stderr, "%s:%d: fuzz property violated: %s\n", file, line, what);
  std::fflush(stderr);
  __builtin_trap();
}

inline std::string_view as_text(const std::uint8_t* data, std::size_t size)
{
  return {reinterpret_cast<const char*>(data), size};
}

inline bool contains(std::string_view haystack, std::string_view needle)
{
  return haystack.find(needle) != std::string_view::npos;
}

} // namespace mailports_fuzz

#define MAILPORTS_FUZZ_CHECK(condition)                                                          \
  do {                                                                                           \
    if (!(condition)) {                                                                          \
      ::mailports_fuzz::fail(#condition, __FILE__, __LINE__);                                    \
    }                                                                                            \
  } while (false)
