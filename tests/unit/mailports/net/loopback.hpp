// A listening TCP socket on 127.0.0.1 and the port the kernel gave it.
// Unit tests talk to loopback only.
#pragma once

#include "catch.hpp"

#include <mailports/net/net.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <cstdint>
#include <utility>

namespace mailports_test {

inline std::pair<mailports::net::Socket, std::uint16_t> loopback_listener()
{
  mailports::net::Socket s(::socket(AF_INET, SOCK_STREAM, 0));
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  REQUIRE(::bind(s.fd(), reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
  REQUIRE(::listen(s.fd(), 4) == 0);
  socklen_t length = sizeof address;
  REQUIRE(::getsockname(s.fd(), reinterpret_cast<sockaddr*>(&address), &length) == 0);
  return {std::move(s), ntohs(address.sin_port)};
}

} // namespace mailports_test
