// discover/sources: the URLs asked, the query sent, the domain test, and
// the built-in ISPDB as a source. (The network sources run against dnsmasq
// and a real HTTPS server in tests/discover/.)
#include "catch.hpp"

#include <mailports/discover/sources.hpp>

using namespace mailports::discover;

TEST_CASE("autoconfig URLs in Thunderbird's order, with the address as its query", "[discover][sources]")
{
  Request request;
  request.who = {"taro+x", "example.test"};
  const auto urls = autoconfig_urls(request);
  REQUIRE(urls.size() == 4);
  CHECK(urls[0] == "https://autoconfig.example.test/mail/config-v1.1.xml?emailaddress=taro%2Bx%40example.test");
  CHECK(urls[1] == "https://example.test/.well-known/autoconfig/mail/config-v1.1.xml?emailaddress=taro%2Bx%40example.test");
  CHECK(urls[2].rfind("http://autoconfig.example.test/", 0) == 0);
  CHECK(urls[3].rfind("http://example.test/.well-known/", 0) == 0);

  request.try_http = false;
  request.send_address = false;
  const auto https_only = autoconfig_urls(request);
  REQUIRE(https_only.size() == 2);
  CHECK(https_only[0] == "https://autoconfig.example.test/mail/config-v1.1.xml");

  request.send_address = true;
  request.who.local.clear(); // a domain alone: no address to send
  CHECK(address_query(request).empty());
}

TEST_CASE("within_domain: the domain itself and names under it only", "[discover][sources]")
{
  CHECK(within_domain("example.test", "example.test"));
  CHECK(within_domain("mail.example.test", "example.test"));
  CHECK_FALSE(within_domain("badexample.test", "example.test"));
  CHECK_FALSE(within_domain("example.test.evil", "example.test"));
  CHECK_FALSE(within_domain("test", "example.test"));
}

TEST_CASE("the SRV services, in the order reported, with the mode each implies", "[discover][sources]")
{
  REQUIRE(std::size(k_srv_services) == 6);
  CHECK(k_srv_services[0].label == "_submissions._tcp");
  CHECK(k_srv_services[0].tls == mailports::core::TlsMode::implicit);
  CHECK(k_srv_services[1].label == "_submission._tcp");
  CHECK(k_srv_services[1].tls == mailports::core::TlsMode::starttls);
}
