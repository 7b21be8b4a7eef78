#include "catch.hpp"

#include <mailports/probe/openssl_api.hpp>

#include <string>

using namespace mailports::probe;

TEST_CASE("libssl loads on demand with every function the probe uses", "[probe][openssl]")
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
