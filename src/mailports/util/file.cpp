#include <mailports/util/file.hpp>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <random>

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

core::Result<bool, WriteError> write_file_atomic(const std::string& path, std::string_view content,
                                                 unsigned mode, bool replace)
{
  const auto failed = [](int err) { return WriteError{WriteError::Kind::failed, std::strerror(err)}; };
  struct stat info{};
  if (!replace && ::lstat(path.c_str(), &info) == 0) {
    return WriteError{WriteError::Kind::exists, {}};
  }
  const auto slash = path.rfind('/');
  const std::string dir = slash == std::string::npos ? "" : path.substr(0, slash + 1);
  const std::string base = slash == std::string::npos ? path : path.substr(slash + 1);
  std::random_device random;
  std::string temp;
  int fd = -1;
  for (int attempt = 0; attempt < 16 && fd < 0; ++attempt) {
    temp = dir + "." + base + ".tmp" + std::to_string(random());
    fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, static_cast<mode_t>(mode));
    if (fd < 0 && errno != EEXIST) {
      return failed(errno);
    }
  }
  if (fd < 0) {
    return failed(EEXIST);
  }
  const auto abandon = [&](int err) {
    ::close(fd);
    ::unlink(temp.c_str());
    return failed(err);
  };
  // The umask may have narrowed the mode; a config holding a password
  // command must still not be readable by others, and is not wider either.
  if (::fchmod(fd, static_cast<mode_t>(mode)) != 0) {
    return abandon(errno);
  }
  while (!content.empty()) {
    const auto n = ::write(fd, content.data(), content.size());
    if (n < 0) {
      if (errno == EINTR) {
        continue;
      }
      return abandon(errno);
    }
    content.remove_prefix(static_cast<std::size_t>(n));
  }
  if (::fsync(fd) != 0) {
    return abandon(errno);
  }
  if (::close(fd) != 0) {
    ::unlink(temp.c_str());
    return failed(errno);
  }
  if (!replace) {
    const int linked = ::link(temp.c_str(), path.c_str());
    const int err = errno;
    ::unlink(temp.c_str());
    if (linked != 0) {
      return err == EEXIST ? core::Result<bool, WriteError>(WriteError{WriteError::Kind::exists, {}})
                           : core::Result<bool, WriteError>(failed(err));
    }
    return true;
  }
  if (::rename(temp.c_str(), path.c_str()) != 0) {
    const int err = errno;
    ::unlink(temp.c_str());
    return failed(err);
  }
  return true;
}

} // namespace mailports::util
