#include <mailports/net/stream.hpp>

#include "tls_detail.hpp"

#include <poll.h>
#include <sys/socket.h>

#include <cerrno>
#include <cstring>

namespace mailports::net {

namespace {

const ossl::Api& loaded_api()
{
  std::string why;
  return *ossl::api(why); // a TlsContext exists, so the library is loaded
}

// After an SSL call returned `rc`: wait for what OpenSSL needs, or fail.
std::optional<IoError> tls_wait(const ossl::Api& api, SSL* ssl, int rc, int fd,
                                   Clock::time_point deadline, std::string_view closed_detail)
{
  const int error = api.SSL_get_error(ssl, rc);
  if (error == SSL_ERROR_WANT_READ || error == SSL_ERROR_WANT_WRITE) {
    if (!wait_for(fd, error == SSL_ERROR_WANT_READ ? POLLIN : POLLOUT, deadline)) {
      return IoError{ErrorKind::timeout, {}};
    }
    return std::nullopt;
  }
  if (error == SSL_ERROR_ZERO_RETURN || (error == SSL_ERROR_SYSCALL && errno == 0)) {
    api.ERR_clear_error();
    return IoError{ErrorKind::closed, std::string(closed_detail)};
  }
  if (error == SSL_ERROR_SYSCALL) {
    api.ERR_clear_error();
    return IoError{ErrorKind::io_failed, std::strerror(errno)};
  }
  auto detail = ossl::last_error(api);
  return IoError{ErrorKind::tls_failed, detail.empty() ? "TLS error" : detail};
}

// Once the handshake is done, a TLS error is a broken connection, not a
// failed handshake (probe-tls-failed).
IoError after_handshake(IoError error)
{
  if (error.kind == ErrorKind::tls_failed) {
    error = IoError{ErrorKind::io_failed, "TLS: " + error.detail};
  }
  return error;
}

} // namespace

Stream::~Stream()
{
  if (m_ssl != nullptr) {
    loaded_api().SSL_free(static_cast<SSL*>(m_ssl));
  }
}

bool Stream::wait_readable(Clock::time_point until)
{
  return !m_buffer.empty() || wait_for(m_socket.fd(), POLLIN, until);
}

core::Result<std::size_t, IoError> Stream::read_some(char* data, std::size_t size,
                                                        Clock::time_point deadline)
{
  const int fd = m_socket.fd();
  if (m_ssl == nullptr) {
    for (;;) {
      const auto n = ::recv(fd, data, size, 0);
      if (n > 0) {
        return static_cast<std::size_t>(n);
      }
      if (n == 0) {
        return IoError{ErrorKind::closed, {}};
      }
      if (errno == EINTR) {
        continue;
      }
      if (errno != EAGAIN && errno != EWOULDBLOCK) {
        return IoError{ErrorKind::io_failed, std::strerror(errno)};
      }
      if (!wait_for(fd, POLLIN, deadline)) {
        return IoError{ErrorKind::timeout, {}};
      }
    }
  }
  const auto& api = loaded_api();
  auto* ssl = static_cast<SSL*>(m_ssl);
  for (;;) {
    const int n = api.SSL_read(ssl, data, static_cast<int>(size));
    if (n > 0) {
      return static_cast<std::size_t>(n);
    }
    if (auto error = tls_wait(api, ssl, n, fd, deadline, {})) {
      return after_handshake(*error);
    }
  }
}

core::Result<std::string, IoError> Stream::read_line(Clock::time_point deadline)
{
  for (;;) {
    const auto newline = m_buffer.find('\n');
    const auto line_end = newline == std::string::npos ? m_buffer.size() : newline + 1;
    if (line_end > k_max_line) {
      return IoError{ErrorKind::line_too_long, std::to_string(k_max_line)};
    }
    if (newline != std::string::npos) {
      m_reply_bytes += line_end;
      if (m_reply_bytes > k_max_reply) {
        return IoError{ErrorKind::reply_too_long, std::to_string(k_max_reply)};
      }
      std::string line = m_buffer.substr(0, newline);
      m_buffer.erase(0, line_end);
      if (!line.empty() && line.back() == '\r') {
        line.pop_back();
      }
      return line;
    }
    char chunk[2048];
    auto n = read_some(chunk, sizeof chunk, deadline);
    if (!n) {
      return n.error();
    }
    m_buffer.append(chunk, *n);
  }
}

std::optional<IoError> Stream::write(std::string_view data, Clock::time_point deadline)
{
  const int fd = m_socket.fd();
  while (!data.empty()) {
    if (m_ssl != nullptr) {
      const auto& api = loaded_api();
      auto* ssl = static_cast<SSL*>(m_ssl);
      const int n = api.SSL_write(ssl, data.data(), static_cast<int>(data.size()));
      if (n > 0) {
        data.remove_prefix(static_cast<std::size_t>(n));
      } else if (auto error = tls_wait(api, ssl, n, fd, deadline, {})) {
        return after_handshake(*error);
      }
      continue;
    }
    const auto n = ::send(fd, data.data(), data.size(), MSG_NOSIGNAL);
    if (n >= 0) {
      data.remove_prefix(static_cast<std::size_t>(n));
    } else if (errno == EAGAIN || errno == EWOULDBLOCK) {
      if (!wait_for(fd, POLLOUT, deadline)) {
        return IoError{ErrorKind::timeout, {}};
      }
    } else if (errno != EINTR) {
      return IoError{errno == EPIPE || errno == ECONNRESET ? ErrorKind::closed : ErrorKind::io_failed,
                        std::strerror(errno)};
    }
  }
  return std::nullopt;
}

core::Result<TlsSession, IoError> Stream::start_tls(const TlsContext& context,
                                                       const std::string& host,
                                                       Clock::time_point deadline,
                                                       const TlsLimits& limits)
{
  const auto& api = loaded_api();
  SSL* ssl = api.SSL_new(static_cast<SSL_CTX*>(context.native()));
  if (ssl == nullptr) {
    return IoError{ErrorKind::tls_failed, ossl::last_error(api)};
  }
  m_ssl = ssl; // freed with the stream
  detail::VerifyLog log;
  api.SSL_set_ex_data(ssl, 0, &log);
  api.SSL_set_fd(ssl, m_socket.fd());
  if (limits.max_version != 0) {
    api.SSL_ctrl(ssl, SSL_CTRL_SET_MAX_PROTO_VERSION, limits.max_version, nullptr);
  }
  if (limits.min_version != 0) {
    api.SSL_ctrl(ssl, SSL_CTRL_SET_MIN_PROTO_VERSION, limits.min_version, nullptr);
  }
  if (!limits.ciphers.empty()) {
    // TLS 1.0 and 1.1 sign with SHA-1, which any security level above 0
    // refuses: this handshake alone goes down to level 0.
    api.SSL_set_security_level(ssl, 0);
    if (api.SSL_set_cipher_list(ssl, limits.ciphers.c_str()) != 1) {
      return IoError{ErrorKind::tls_failed, ossl::last_error(api)};
    }
  } else if (limits.max_version != 0) {
    api.SSL_set_security_level(ssl, 0);
  }
  if (!is_ip_literal(host)) { // SNI takes names only (RFC 6066 §3)
    api.SSL_ctrl(ssl, SSL_CTRL_SET_TLSEXT_HOSTNAME, TLSEXT_NAMETYPE_host_name,
                 const_cast<char*>(host.c_str()));
  }
  for (;;) {
    const int rc = api.SSL_connect(ssl);
    if (rc == 1) {
      break;
    }
    if (auto error = tls_wait(api, ssl, rc, m_socket.fd(), deadline,
                              "closed during the TLS handshake")) {
      api.SSL_set_ex_data(ssl, 0, nullptr);
      if (error->kind == ErrorKind::closed || error->kind == ErrorKind::io_failed) {
        error->kind = ErrorKind::tls_failed;
        if (error->detail.empty()) {
          error->detail = "closed during the TLS handshake";
        }
      }
      return *error;
    }
  }
  api.SSL_set_ex_data(ssl, 0, nullptr);
  return detail::describe_session(api, ssl, host, log);
}

} // namespace mailports::net
