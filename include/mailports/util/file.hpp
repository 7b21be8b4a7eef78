#pragma once

#include <mailports/core/result.hpp>

#include <cstddef>
#include <string>

namespace mailports::util {

struct FileError {
  enum class Kind { not_found, unreadable, too_large };
  Kind kind = Kind::unreadable;
  std::string reason; // the system's words, e.g. "Is a directory"
};

// The whole file, refusing anything over max_bytes so that a huge or endless
// input (a FIFO, /dev/zero) cannot exhaust memory.
core::Result<std::string, FileError> read_file(const std::string& path, std::size_t max_bytes);

} // namespace mailports::util
