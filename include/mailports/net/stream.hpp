// A connection to a server: lines in, commands out, bounded in size and
// time, before and after TLS.
#pragma once

#include <mailports/core/result.hpp>
#include <mailports/net/net.hpp>
#include <mailports/net/error.hpp>
#include <mailports/net/tls.hpp>

#include <string>
#include <string_view>

namespace mailports::net {

inline constexpr std::size_t k_max_line = 4096;
inline constexpr std::size_t k_max_reply = 64 * 1024;

class Stream {
public:
  explicit Stream(Socket socket) noexcept : m_socket(std::move(socket)) {}
  Stream(const Stream&) = delete;
  Stream& operator=(const Stream&) = delete;
  ~Stream();

  // True when the server has sent something (or closed) before `until`.
  bool wait_readable(Clock::time_point until);

  // A new reply starts: its lines together may not exceed k_max_reply.
  void begin_reply() noexcept { m_reply_bytes = 0; }

  // The next line without its line ending.
  core::Result<std::string, IoError> read_line(Clock::time_point deadline);

  std::optional<IoError> write(std::string_view data, Clock::time_point deadline);

  // Handshake on this connection; `host` is checked against the
  // certificate (a DNS name, or an IP literal).
  core::Result<TlsSession, IoError> start_tls(const TlsContext& context, const std::string& host,
                                                 Clock::time_point deadline, const TlsLimits& limits = {});

  // Plaintext the server sent before the TLS handshake: dropped, since only
  // what arrives after the handshake can be trusted (RFC 3207 §4.2).
  void discard_buffered() noexcept { m_buffer.clear(); }

  [[nodiscard]] int fd() const noexcept { return m_socket.fd(); }

private:
  core::Result<std::size_t, IoError> read_some(char* data, std::size_t size,
                                                  Clock::time_point deadline);

  Socket m_socket;
  void* m_ssl = nullptr; // SSL*, once TLS is up
  std::string m_buffer;
  std::size_t m_reply_bytes = 0;
};

} // namespace mailports::net
