#include "catch.hpp"

#include <mailports/probe/host_port.hpp>

using namespace mailports;
using probe::HostPortError;
using probe::parse_host_port;

namespace {

probe::HostPort ok(std::string_view text)
{
  auto parsed = parse_host_port(text);
  INFO(text);
  REQUIRE(parsed);
  return std::move(parsed).value();
}

HostPortError failure(std::string_view text)
{
  auto parsed = parse_host_port(text);
  INFO(text);
  REQUIRE_FALSE(parsed);
  return parsed.error();
}

} // namespace

TEST_CASE("a host alone has no port", "[probe][host_port]")
{
  CHECK(ok("mail.example.com").host == "mail.example.com");
  CHECK_FALSE(ok("mail.example.com").port);
  CHECK(ok("[::1]").host == "[::1]");
  CHECK_FALSE(ok("[::1]").port);
}

TEST_CASE("a bare IPv6 address stays a host", "[probe][host_port]")
{
  for (const auto* text : {"::1", "2001:db8::25", "::1:25", "fe80::1%lo"}) {
    const auto parsed = ok(text);
    CHECK(parsed.host == text);
    CHECK_FALSE(parsed.port);
  }
}

TEST_CASE("HOST:PORT and [IPv6]:PORT give the port", "[probe][host_port]")
{
  const auto named = ok("smtp.gmail.com:587");
  CHECK(named.host == "smtp.gmail.com");
  CHECK(named.port == 587);
  const auto v6 = ok("[::1]:993");
  CHECK(v6.host == "[::1]");
  CHECK(v6.port == 993);
  CHECK(ok("127.0.0.1:65535").port == 65535);
  CHECK(ok(":25").host.empty()); // the caller rejects the empty host
}

TEST_CASE("a bad port is named", "[probe][host_port]")
{
  for (const auto* port : {"", "0", "65536", "99999", "x", "25x", "-1", "+25", " 25", "99999999999999999999"}) {
    const auto text = std::string("host:") + port;
    const auto error = failure(text);
    CHECK(error.kind == HostPortError::Kind::bad_port);
    CHECK(error.detail == port);
    CHECK(failure(std::string("[::1]:") + port).detail == port);
  }
}

TEST_CASE("brackets must close, and only :PORT may follow them", "[probe][host_port]")
{
  for (const auto* text : {"[::1", "[", "[]", "[]:25", "[::1]x", "[::1]25", "[::1]]:25"}) {
    CHECK(failure(text).kind == HostPortError::Kind::bad_brackets);
  }
}
