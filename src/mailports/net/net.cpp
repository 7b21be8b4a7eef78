#include <mailports/net/net.hpp>

#include <arpa/inet.h>
#include <netdb.h>
#include <poll.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <future>
#include <memory>
#include <system_error>
#include <thread>
#include <utility>

namespace mailports::net {

namespace {

Address from_sockaddr(const sockaddr* sa, socklen_t length)
{
  Address out;
  std::memcpy(&out.storage, sa, std::min<std::size_t>(length, sizeof out.storage));
  out.length = length;
  out.family = sa->sa_family;
  char text[INET6_ADDRSTRLEN] = {};
  const void* raw = sa->sa_family == AF_INET6
                      ? static_cast<const void*>(&reinterpret_cast<const sockaddr_in6*>(sa)->sin6_addr)
                      : static_cast<const void*>(&reinterpret_cast<const sockaddr_in*>(sa)->sin_addr);
  if (::inet_ntop(sa->sa_family, raw, text, sizeof text) != nullptr) {
    out.text = text;
  }
  return out;
}

ResolveFailure failure_of(int rc) noexcept
{
  switch (rc) {
  case EAI_NONAME:
  case EAI_NODATA:
    return ResolveFailure::not_found;
  case EAI_AGAIN:
    return ResolveFailure::temporary;
  default:
    return ResolveFailure::other;
  }
}

core::Result<std::vector<Address>, ResolveError> lookup(const std::string& host, int flags)
{
  std::string name = host;
  if (name.size() > 2 && name.front() == '[' && name.back() == ']') {
    name = name.substr(1, name.size() - 2);
  }
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = flags;
  addrinfo* list = nullptr;
  const int rc = ::getaddrinfo(name.c_str(), nullptr, &hints, &list);
  if (rc != 0) {
    return ResolveError{failure_of(rc), rc == EAI_SYSTEM ? std::strerror(errno) : ::gai_strerror(rc)};
  }
  std::vector<Address> out;
  for (const auto* ai = list; ai != nullptr; ai = ai->ai_next) {
    if (ai->ai_family != AF_INET && ai->ai_family != AF_INET6) {
      continue;
    }
    auto address = from_sockaddr(ai->ai_addr, ai->ai_addrlen);
    const bool seen = std::any_of(out.begin(), out.end(),
                                  [&address](const Address& a) { return a.text == address.text; });
    if (!seen) {
      out.push_back(std::move(address));
    }
  }
  ::freeaddrinfo(list);
  if (out.empty()) {
    return ResolveError{ResolveFailure::no_address, "no IPv4 or IPv6 address"};
  }
  return out;
}

void set_port(Address& address, std::uint16_t port)
{
  if (address.family == AF_INET6) {
    reinterpret_cast<sockaddr_in6*>(&address.storage)->sin6_port = htons(port);
  } else {
    reinterpret_cast<sockaddr_in*>(&address.storage)->sin_port = htons(port);
  }
}

int remaining_ms(Clock::time_point deadline)
{
  const auto left = std::chrono::ceil<std::chrono::milliseconds>(deadline - Clock::now()).count();
  return static_cast<int>(std::clamp<long long>(left, 0, 24 * 3600 * 1000));
}

IoError connect_error(int error)
{
  if (error == ECONNREFUSED) {
    return {ErrorKind::refused, std::strerror(error)};
  }
  return {ErrorKind::connect_failed, std::strerror(error)};
}

// One attempt; the socket on success.
core::Result<Socket, IoError> connect_one(Address target, std::uint16_t port,
                                             const Address* source, Clock::time_point deadline)
{
  set_port(target, port);
  Socket socket(::socket(target.family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0));
  if (socket.fd() < 0) {
    return IoError{ErrorKind::connect_failed, std::strerror(errno)};
  }
  if (source != nullptr
      && ::bind(socket.fd(), reinterpret_cast<const sockaddr*>(&source->storage), source->length) != 0) {
    return IoError{ErrorKind::connect_failed,
                      "cannot bind to " + source->text + ": " + std::strerror(errno)};
  }
  if (::connect(socket.fd(), reinterpret_cast<const sockaddr*>(&target.storage), target.length) == 0) {
    return socket;
  }
  if (errno != EINPROGRESS) {
    return connect_error(errno);
  }
  if (!wait_for(socket.fd(), POLLOUT, deadline)) {
    return IoError{ErrorKind::connect_timeout, {}};
  }
  int error = 0;
  socklen_t length = sizeof error;
  if (::getsockopt(socket.fd(), SOL_SOCKET, SO_ERROR, &error, &length) != 0) {
    error = errno;
  }
  // ECONNRESET here means the handshake completed and the server reset the
  // connection before we looked (a busy machine sees it): the port answered,
  // and the first read reports the reset.
  if (error != 0 && error != ECONNRESET) {
    return connect_error(error);
  }
  return socket;
}

} // namespace

core::Result<std::vector<Address>, ResolveError> resolve(const std::string& host, std::chrono::milliseconds timeout)
{
  // getaddrinfo cannot be given a deadline: it runs on a thread of its own,
  // which is left behind (detached, owning its data) if it takes too long.
  using Answer = core::Result<std::vector<Address>, ResolveError>;
  auto task = std::make_shared<std::packaged_task<Answer()>>([host] { return lookup(host, AI_ADDRCONFIG); });
  auto answer = task->get_future();
  try {
    std::thread([task] { (*task)(); }).detach();
  } catch (const std::system_error&) { // no thread to spare: wait here
    (*task)();
  }
  if (answer.wait_for(timeout) != std::future_status::ready) {
    return ResolveError{ResolveFailure::timed_out, "timed out"};
  }
  return answer.get();
}

bool is_ip_literal(const std::string& host) noexcept
{
  unsigned char buffer[16];
  return ::inet_pton(AF_INET, host.c_str(), buffer) == 1 || ::inet_pton(AF_INET6, host.c_str(), buffer) == 1;
}

core::Result<Address> parse_numeric_address(const std::string& text)
{
  auto found = lookup(text, AI_NUMERICHOST);
  if (!found) {
    return core::Error{found.error().message};
  }
  return found->front();
}

Socket& Socket::operator=(Socket&& other) noexcept
{
  if (this != &other) {
    if (m_fd >= 0) {
      ::close(m_fd);
    }
    m_fd = other.release();
  }
  return *this;
}

Socket::~Socket()
{
  if (m_fd >= 0) {
    ::close(m_fd);
  }
}

int Socket::release() noexcept
{
  return std::exchange(m_fd, -1);
}

bool wait_for(int fd, short events, Clock::time_point deadline)
{
  for (;;) {
    pollfd p{fd, events, 0};
    const int rc = ::poll(&p, 1, remaining_ms(deadline));
    if (rc > 0) {
      return true;
    }
    if (rc == 0) {
      return false;
    }
    if (errno != EINTR) {
      return true; // let the next read or write report the error
    }
  }
}

core::Result<Connection, IoError> connect_any(const std::vector<Address>& addresses,
                                                 std::uint16_t port, const Address* source,
                                                 Clock::time_point deadline)
{
  std::vector<const Address*> candidates;
  for (const auto& address : addresses) {
    if (source == nullptr || address.family == source->family) {
      candidates.push_back(&address);
    }
  }
  if (candidates.empty()) {
    return IoError{ErrorKind::no_address, source != nullptr ? source->text : std::string()};
  }
  IoError last{ErrorKind::connect_timeout, {}};
  for (std::size_t i = 0; i < candidates.size(); ++i) {
    // A silent address must not use up the time of the ones after it.
    const auto left = deadline - Clock::now();
    const auto share = left / static_cast<long>(candidates.size() - i);
    auto attempt = connect_one(*candidates[i], port, source, Clock::now() + share);
    if (attempt) {
      return Connection{std::move(attempt).value(), candidates[i]};
    }
    last = attempt.error();
    if (Clock::now() >= deadline) {
      break;
    }
  }
  return last;
}

std::optional<Address> local_address(int fd)
{
  sockaddr_storage storage{};
  socklen_t length = sizeof storage;
  if (::getsockname(fd, reinterpret_cast<sockaddr*>(&storage), &length) != 0) {
    return std::nullopt;
  }
  return from_sockaddr(reinterpret_cast<const sockaddr*>(&storage), length);
}

} // namespace mailports::net
