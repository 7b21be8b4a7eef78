#include <mailports/util/file.hpp>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>
#include <sys/stat.h>

namespace mailports::util {

core::Result<std::string, FileError> read_file(const std::string& path, std::size_t max_bytes)
{
  const auto system_error = [](int err) {
    return FileError{err == ENOENT || err == ENOTDIR ? FileError::Kind::not_found
                                                     : FileError::Kind::unreadable,
                     std::strerror(err)};
  };
  struct stat info{};
  if (::stat(path.c_str(), &info) != 0) {
    return system_error(errno);
  }
  if (S_ISDIR(info.st_mode)) {
    return system_error(EISDIR);
  }
  const std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(std::fopen(path.c_str(), "rb"),
                                                             &std::fclose);
  if (!file) {
    return system_error(errno);
  }
  std::string content;
  char buffer[65536];
  while (true) {
    const std::size_t n = std::fread(buffer, 1, sizeof buffer, file.get());
    if (n > 0) {
      if (content.size() + n > max_bytes) {
        return FileError{FileError::Kind::too_large, {}};
      }
      content.append(buffer, n);
    }
    if (n < sizeof buffer) {
      if (std::ferror(file.get()) != 0) {
        return system_error(errno != 0 ? errno : EIO);
      }
      break;
    }
  }
  return content;
}

} // namespace mailports::util
