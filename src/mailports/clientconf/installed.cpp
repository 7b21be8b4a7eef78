#include <mailports/clientconf/installed.hpp>

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <string>
#include <vector>

extern char** environ; // NOLINT: POSIX

namespace mailports::clientconf {

namespace {

constexpr std::size_t k_max_output = 4096;

// Closes a descriptor when it goes out of scope.
struct Fd {
  int fd = -1;
  Fd() = default;
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  ~Fd()
  {
    if (fd >= 0) {
      ::close(fd);
    }
  }
};

std::optional<std::string> run(std::span<const std::string_view> command, std::chrono::milliseconds timeout)
{
  std::array<int, 2> pipe_fds{};
  if (::pipe2(pipe_fds.data(), O_CLOEXEC) != 0) {
    return std::nullopt;
  }
  Fd read_end;
  read_end.fd = pipe_fds[0];
  Fd write_end;
  write_end.fd = pipe_fds[1];

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, write_end.fd, 1);
  posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
  std::vector<std::string> args(command.begin(), command.end());
  std::vector<char*> argv;
  for (auto& arg : args) {
    argv.push_back(arg.data());
  }
  argv.push_back(nullptr);
  pid_t pid = 0;
  const int spawned = ::posix_spawnp(&pid, argv[0], &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (spawned != 0) {
    return std::nullopt; // not installed
  }
  ::close(write_end.fd);
  write_end.fd = -1;

  std::string output;
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  bool finished = false;
  while (output.size() < k_max_output) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) {
      break;
    }
    pollfd p{read_end.fd, POLLIN, 0};
    const int ready = ::poll(&p, 1, static_cast<int>(left.count()));
    if (ready < 0 && errno == EINTR) {
      continue;
    }
    if (ready <= 0) {
      break;
    }
    std::array<char, 1024> buffer{};
    const auto n = ::read(read_end.fd, buffer.data(), std::min(buffer.size(), k_max_output - output.size()));
    if (n < 0 && errno == EINTR) {
      continue;
    }
    if (n <= 0) {
      finished = true;
      break;
    }
    output.append(buffer.data(), static_cast<std::size_t>(n));
  }
  if (!finished) {
    ::kill(pid, SIGKILL); // too slow or too talkative: the version is not worth waiting for
  }
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  return output;
}

} // namespace

std::optional<Version> installed_version(const Format& format, std::chrono::milliseconds timeout)
{
  if (format.version_command.empty()) {
    return std::nullopt;
  }
  const auto output = run(format.version_command, timeout);
  return output ? find_version(*output) : std::nullopt;
}

VersionChoice choose_version(const Format& format, const std::optional<Version>& option)
{
  if (option) {
    return VersionChoice{*option, VersionChoice::Origin::option};
  }
  if (auto installed = installed_version(format)) {
    return VersionChoice{std::move(*installed), VersionChoice::Origin::installed};
  }
  VersionChoice newest;
  if (auto version = parse_version(format.newest_version)) {
    newest.version = std::move(*version);
  }
  newest.origin = VersionChoice::Origin::newest;
  return newest;
}

} // namespace mailports::clientconf
