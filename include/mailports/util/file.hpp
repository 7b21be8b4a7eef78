#pragma once

#include <mailports/core/result.hpp>

#include <cstddef>
#include <string>
#include <string_view>

namespace mailports::util {

struct FileError {
  enum class Kind { not_found, unreadable, too_large };
  Kind kind = Kind::unreadable;
  std::string reason; // the system's words, e.g. "Is a directory"
};

// The whole file, refusing anything over max_bytes so that a huge or endless
// input (a FIFO, /dev/zero) cannot exhaust memory.
core::Result<std::string, FileError> read_file(const std::string& path, std::size_t max_bytes);

struct WriteError {
  enum class Kind { exists, failed };
  Kind kind = Kind::failed;
  std::string reason; // the system's words
};

// Writes `content` to `path` with `mode`, or nothing at all: into a new
// temporary file beside it, then linked (when an existing file must not be
// replaced: the link fails atomically if one appeared) or renamed over it.
core::Result<bool, WriteError> write_file_atomic(const std::string& path, std::string_view content,
                                                 unsigned mode, bool replace);

} // namespace mailports::util
