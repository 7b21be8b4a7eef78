#include "catch.hpp"
#include "loopback.hpp"

#include <mailports/net/net.hpp>

#include <sys/socket.h>

using namespace mailports::net;
using namespace std::chrono_literals;

using mailports_test::loopback_listener;

TEST_CASE("IP literals resolve to themselves, with or without brackets", "[net][net]")
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

TEST_CASE("IP literals in standard form, not names or old spellings", "[net][net]")
{
  CHECK(is_ip_literal("127.0.0.1"));
  CHECK(is_ip_literal("::1"));
  CHECK_FALSE(is_ip_literal("localhost"));
  CHECK_FALSE(is_ip_literal("127.1")); // resolved first, then matched as 127.0.0.1
  CHECK_FALSE(is_ip_literal("[::1]"));
}

TEST_CASE("connect_any reaches a listener and names the address", "[net][net]")
{
  auto [server, port] = loopback_listener();
  const auto addresses = *resolve("127.0.0.1");
  const auto connected = connect_any(addresses, port, nullptr, Clock::now() + 2s);
  REQUIRE(connected);
  CHECK(connected->address->text == "127.0.0.1");
  CHECK(local_address(connected->socket.fd())->text == "127.0.0.1");
}

TEST_CASE("connect_any from a chosen source address", "[net][net]")
{
  auto [server, port] = loopback_listener();
  const auto addresses = *resolve("127.0.0.1");
  const auto source = *parse_numeric_address("127.0.0.2");
  const auto connected = connect_any(addresses, port, &source, Clock::now() + 2s);
  REQUIRE(connected);
  CHECK(local_address(connected->socket.fd())->text == "127.0.0.2");
}

TEST_CASE("connect_any: refused, and no address of the source's family", "[net][net]")
{
  std::uint16_t closed_port = 0;
  {
    auto [server, port] = loopback_listener();
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

TEST_CASE("connect_any goes on to the next address: ::1 first, where nothing listens", "[net][net]")
{
  auto [server, port] = loopback_listener(); // IPv4 only, as "localhost" often is
  std::vector<Address> addresses = {*parse_numeric_address("::1"), *parse_numeric_address("127.0.0.1")};
  const auto connected = connect_any(addresses, port, nullptr, Clock::now() + 2s);
  REQUIRE(connected);
  CHECK(connected->address->text == "127.0.0.1");
}

TEST_CASE("a failed resolution says why, in a kind the CLI can put into words", "[net][net]")
{
  const auto missing = resolve("no-such-host.invalid");
  REQUIRE_FALSE(missing);
  // No DNS at all (a sandbox) reads as temporary; a resolver that answers, as not found.
  const auto kind = missing.error().kind;
  CHECK((kind == ResolveFailure::not_found || kind == ResolveFailure::temporary));
  CHECK_FALSE(missing.error().message.empty()); // gai_strerror's words, for English output
}
