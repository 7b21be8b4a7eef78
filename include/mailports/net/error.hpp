// Why a connection, read, write or handshake stopped early: the same words
// for every client built on net/ (the probe reports them as they are).
#pragma once

#include <cstdint>
#include <string>

namespace mailports::net {

// The detail (an errno or OpenSSL text, the line) goes with it in IoError.
// The order is part of the CLI's message tables: append only.
enum class ErrorKind : std::uint8_t {
  refused,           // nothing listens
  connect_timeout,   // no answer to the connection
  connect_failed,    // another connect error: detail says which
  no_address,        // no address of the source's family
  closed,            // the peer closed the connection
  timeout,           // waiting for the peer, after connecting
  line_too_long,     // a line over the stream's line limit
  reply_too_long,    // a reply over the stream's reply limit
  bad_reply,         // not the protocol's reply (set by the protocol's code)
  tls_failed,        // the TLS handshake failed
  starttls_rejected, // an upgrade to TLS (STARTTLS, STLS) answered with an error
  io_failed,         // read or write failed: detail says why
};

struct IoError {
  ErrorKind kind = ErrorKind::io_failed;
  std::string detail;
};

} // namespace mailports::net
