#include "catch.hpp"

#include <mailports/net/openssl_api.hpp>

#include <string>

using namespace mailports::net;

TEST_CASE("libssl loads on demand with every function the probe uses", "[net][openssl]")
{
  std::string why;
  const auto* api = ossl::api(why);
  REQUIRE(api != nullptr);
  CHECK(why.empty());
  CHECK(api->SSL_CTX_new != nullptr);
  CHECK(api->X509_check_host != nullptr);
  CHECK(ossl::api(why) == api); // loaded once
  CHECK(ossl::last_error(*api).empty()); // nothing queued
}
