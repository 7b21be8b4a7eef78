// Addresses and connections with deadlines: plain sockets and poll, one
// blocking-with-deadline dialogue per thread (ARCHITECTURE.md says why).
#pragma once

#include <mailports/core/result.hpp>
#include <mailports/net/error.hpp>

#include <sys/socket.h>

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mailports::net {

using Clock = std::chrono::steady_clock;

struct Address {
  sockaddr_storage storage{};
  socklen_t length = 0;
  int family = AF_UNSPEC;
  std::string text; // "127.0.0.1", "::1"
};

// Why a name did not resolve: the kind, for the user's language, and
// gai_strerror's (English) text.
enum class ResolveFailure : std::uint8_t { not_found, temporary, timed_out, no_address, other };
struct ResolveError {
  ResolveFailure kind = ResolveFailure::other;
  std::string message;
};

// Every address `host` resolves to, in the resolver's order. IP literals
// (also "[::1]") need no resolver. The resolver has timeouts of its own
// (resolv.conf), often longer than the probe's: past `timeout` the lookup is
// abandoned (timed_out).
core::Result<std::vector<Address>, ResolveError> resolve(const std::string& host,
                                           std::chrono::milliseconds timeout = std::chrono::seconds(10));

// An IPv4 or IPv6 address in its standard text form ("127.0.0.1", "::1"):
// certificates are matched to it as an IP, and it gets no SNI.
bool is_ip_literal(const std::string& host) noexcept;

// A numeric address only, e.g. for --source.
core::Result<Address> parse_numeric_address(const std::string& text);

// An owned socket descriptor.
class Socket {
public:
  Socket() = default;
  explicit Socket(int fd) noexcept : m_fd(fd) {}
  Socket(Socket&& other) noexcept : m_fd(other.release()) {}
  Socket& operator=(Socket&& other) noexcept;
  Socket(const Socket&) = delete;
  Socket& operator=(const Socket&) = delete;
  ~Socket();

  [[nodiscard]] int fd() const noexcept { return m_fd; }
  int release() noexcept;

private:
  int m_fd = -1;
};

struct Connection {
  Socket socket;
  const Address* address = nullptr; // the one that answered
};

// Tries each address in turn (those of the source's family, when a source
// is given), sharing what is left of the time between the ones not yet
// tried. The socket is non-blocking.
core::Result<Connection, IoError> connect_any(const std::vector<Address>& addresses,
                                                 std::uint16_t port, const Address* source,
                                                 Clock::time_point deadline);

// Waits until `fd` is ready for `events` (POLLIN/POLLOUT) or `deadline`.
// False on timeout.
bool wait_for(int fd, short events, Clock::time_point deadline);

// The local end of a connected socket; nullopt if the system cannot say.
std::optional<Address> local_address(int fd);

} // namespace mailports::net
