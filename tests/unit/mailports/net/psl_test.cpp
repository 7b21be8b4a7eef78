#include "catch.hpp"

#include <mailports/net/psl.hpp>

#include <string>

using namespace mailports::net;

TEST_CASE("Registrable domains from the Public Suffix List", "[net][psl]")
{
  const auto google = registrable_domain("aspmx.l.google.com");
  if (!google) {
    FAIL("libpsl (libpsl5) is a dependency: " << google.error().message);
  }
  CHECK(public_suffix_list_source() != "unavailable");
  CHECK(google->value_or("") == "google.com");
  CHECK(registrable_domain("mx1.mail.bbc.co.uk")->value_or("") == "bbc.co.uk");
  CHECK(registrable_domain("example-com.mail.protection.outlook.com")->value_or("") == "outlook.com");
  CHECK(registrable_domain("ASPMX.L.Google.COM.")->value_or("") == "google.com");
  CHECK(registrable_domain("mx1.eu.hoster.test")->value_or("") == "hoster.test");
  CHECK(registrable_domain("google.com")->value_or("") == "google.com");

  CHECK_FALSE(registrable_domain("co.uk")->has_value());
  CHECK_FALSE(registrable_domain("com")->has_value());
  CHECK_FALSE(registrable_domain("")->has_value());
  CHECK_FALSE(registrable_domain(".")->has_value());
  CHECK_FALSE(registrable_domain(std::string("a\0b.com", 7))->has_value());
}
