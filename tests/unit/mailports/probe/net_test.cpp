#include "catch.hpp"

#include <mailports/probe/net.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

using namespace mailports::probe;
using namespace std::chrono_literals;

namespace {

// A listening socket on 127.0.0.1 and the port it got. Loopback only.
std::pair<Socket, std::uint16_t> listener()
{
  Socket s(::socket(AF_INET, SOCK_STREAM, 0));
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  REQUIRE(::bind(s.fd(), reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
  REQUIRE(::listen(s.fd(), 4) == 0);
  socklen_t length = sizeof address;
  REQUIRE(::getsockname(s.fd(), reinterpret_cast<sockaddr*>(&address), &length) == 0);
  return {std::move(s), ntohs(address.sin_port)};
}

} // namespace

TEST_CASE("IP literals resolve to themselves, with or without brackets", "[probe][net]")
{
  const auto v4 = resolve("127.0.0.1");
  REQUIRE(v4);
  REQUIRE(v4->size() == 1);
  CHECK(v4->front().text == "127.0.0.1");
  CHECK(v4->front().family == AF_INET);

  const auto v6 = parse_numeric_address("[::1]");
  REQUIRE(v6);
  CHECK(v6->text == "::1");
  CHECK(v6->family == AF_INET6);

  CHECK_FALSE(parse_numeric_address("localhost"));
  CHECK_FALSE(parse_numeric_address("127.0.0.999"));
  CHECK_FALSE(resolve("no-such-host.invalid"));
}

TEST_CASE("connect_any reaches a listener and names the address", "[probe][net]")
{
  auto [server, port] = listener();
  const auto addresses = *resolve("127.0.0.1");
  const auto connected = connect_any(addresses, port, nullptr, Clock::now() + 2s);
  REQUIRE(connected);
  CHECK(connected->address->text == "127.0.0.1");
  CHECK(local_address_literal(connected->socket.fd()) == "[127.0.0.1]");
}

TEST_CASE("connect_any from a chosen source address", "[probe][net]")
{
  auto [server, port] = listener();
  const auto addresses = *resolve("127.0.0.1");
  const auto source = *parse_numeric_address("127.0.0.2");
  const auto connected = connect_any(addresses, port, &source, Clock::now() + 2s);
  REQUIRE(connected);
  CHECK(local_address_literal(connected->socket.fd()) == "[127.0.0.2]");
}

TEST_CASE("connect_any: refused, and no address of the source's family", "[probe][net]")
{
  std::uint16_t closed_port = 0;
  {
    auto [server, port] = listener();
    closed_port = port;
  } // closed again: nothing listens there now
  const auto addresses = *resolve("127.0.0.1");
  const auto refused = connect_any(addresses, closed_port, nullptr, Clock::now() + 2s);
  REQUIRE_FALSE(refused);
  CHECK(refused.error().kind == ErrorKind::refused);

  const auto v6_source = *parse_numeric_address("::1");
  const auto mismatch = connect_any(addresses, closed_port, &v6_source, Clock::now() + 2s);
  REQUIRE_FALSE(mismatch);
  CHECK(mismatch.error().kind == ErrorKind::no_address);
}
