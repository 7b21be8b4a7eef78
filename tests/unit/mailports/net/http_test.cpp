// net/http: what can be checked without a server. The GETs themselves run
// against real HTTP(S) servers in tests/net/http_test.py (ctest net/http).
#include "catch.hpp"

#include <mailports/net/http.hpp>

using mailports::net::get;
using mailports::net::HttpOptions;
using mailports::net::HttpStatus;

TEST_CASE("http: status names are stable (JSON, logs)", "[http]")
{
  CHECK(to_string(HttpStatus::ok) == "ok");
  CHECK(to_string(HttpStatus::http_error) == "http-error");
  CHECK(to_string(HttpStatus::too_large) == "too-large");
  CHECK(to_string(HttpStatus::tls_error) == "tls-error");
  CHECK(to_string(HttpStatus::connect_failed) == "connect-failed");
  CHECK(to_string(HttpStatus::redirect_loop) == "redirect-loop");
  CHECK(to_string(HttpStatus::insecure_redirect) == "insecure-redirect");
  CHECK(to_string(HttpStatus::unavailable) == "unavailable");
}

TEST_CASE("http: only http and https URLs are requested", "[http]")
{
  HttpOptions options;
  options.timeout = std::chrono::milliseconds(500);
  for (const char* url : {"file:///etc/passwd", "ftp://example.test/", "gopher://x/", "", "httpx://a/"}) {
    INFO(url);
    const auto r = get(url, options);
    CHECK((r.status == HttpStatus::error || r.status == HttpStatus::unavailable));
    CHECK(r.body.empty());
    CHECK(r.http_code == 0);
  }
}

TEST_CASE("http: libcurl loads on a machine with libcurl4", "[http]")
{
  // The build needs libcurl4-openssl-dev, which depends on libcurl4.
  CHECK(mailports::net::http_available());
}
