// What `probe` is asked to reach when it is not a URL: "HOST", "HOST:PORT",
// "[IPv6]" or "[IPv6]:PORT". A bare IPv6 address ("::1") is a host: with
// more than one ':' and no brackets, no port can be told apart.
#pragma once

#include <mailports/core/result.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace mailports::probe {

struct HostPort {
  std::string host; // as typed, brackets kept: "[::1]", "mail.example.com"
  std::optional<std::uint16_t> port;
};

struct HostPortError {
  enum class Kind : std::uint8_t {
    bad_brackets, // "[::1", "[::1]x", "[]"
    bad_port,     // detail: the port text ("", "0", "99999", "x")
  };
  Kind kind = Kind::bad_port;
  std::string detail;
};

core::Result<HostPort, HostPortError> parse_host_port(std::string_view text);

} // namespace mailports::probe
