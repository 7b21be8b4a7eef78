#include "catch.hpp"

#include <mailports/net/tls.hpp>

#include <fstream>
#include <string>

using mailports::net::TlsContext;
using mailports::net::TlsSetupError;

TEST_CASE("a TLS context with the system trust store", "[net][tls]")
{
  const auto context = TlsContext::create(std::nullopt);
  REQUIRE(context);
  CHECK(context->native() != nullptr);
}

TEST_CASE("a CA file that is not PEM, or missing, is refused with OpenSSL's reason", "[net][tls]")
{
  const std::string path = "mailports_tls_test_not_pem.txt";
  std::ofstream(path) << "not a certificate\n";
  const auto bad = TlsContext::create(path);
  REQUIRE_FALSE(bad);
  CHECK(bad.error().kind == TlsSetupError::Kind::bad_ca_file);
  std::remove(path.c_str());

  const auto missing = TlsContext::create(std::string("/nonexistent/ca.pem"));
  REQUIRE_FALSE(missing);
  CHECK(missing.error().kind == TlsSetupError::Kind::bad_ca_file);
}
