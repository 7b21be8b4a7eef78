// discover/live: the connect-to hook's parser and the guessed host names.
// (Guessing and verifying run against real servers in tests/discover/.)
#include "catch.hpp"

#include <mailports/discover/live.hpp>

using namespace mailports::discover;

TEST_CASE("connect-to entries as curl writes them", "[discover][live]")
{
  const auto parsed = parse_connect_to("autoconfig.example.test:443:127.0.0.1:14443, ::[::1]:2525,");
  REQUIRE(parsed);
  REQUIRE(parsed->size() == 2);
  CHECK((*parsed)[0].host == "autoconfig.example.test");
  CHECK((*parsed)[0].port == 443);
  CHECK((*parsed)[0].to_host == "127.0.0.1");
  CHECK((*parsed)[0].to_port == 14443);
  CHECK((*parsed)[1].host.empty());
  CHECK((*parsed)[1].port == 0);
  CHECK((*parsed)[1].to_host == "::1");
  CHECK((*parsed)[1].to_port == 2525);
}

TEST_CASE("a bad connect-to entry is an error naming it", "[discover][live]")
{
  for (const auto* bad : {"a:443:b", "a:70000:b:1", "a:443:b:x", "a:443:b:1:2"}) {
    INFO(bad);
    const auto parsed = parse_connect_to(bad);
    REQUIRE_FALSE(parsed);
    CHECK(parsed.error().message.find(bad) != std::string::npos);
  }
}

TEST_CASE("the hosts a guess tries, in Thunderbird's order", "[discover][live]")
{
  CHECK(guess_hosts("example.test") ==
        std::vector<std::string>{"imap.example.test", "pop3.example.test", "pop.example.test", "mail.example.test",
                                 "smtp.example.test", "example.test"});
}
