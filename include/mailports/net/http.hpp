// One bounded HTTP(S) GET, for discovery (autoconfig files). libcurl is
// loaded with dlopen on first use: linking it costs every start-up ~13 M
// instructions, against 0.39 M for a whole `check --json`.
//
// Certificates are always verified, only http and https are spoken, no
// cookies, credentials or netrc, and every wait and size is bounded. The
// proxy variables (https_proxy, no_proxy, ...) are honoured, as curl does.
#pragma once

#include <chrono>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace mailports::net {

struct HttpOptions {
  std::chrono::milliseconds timeout{5000}; // the whole GET, redirects included
  std::size_t max_body = std::size_t{1} << 20; // the transfer stops past this
  std::string ca_file;                    // the only trust anchors (PEM); empty: the system's
  // "HOST:PORT:CONNECT-TO-HOST:CONNECT-TO-PORT", as `curl --connect-to`: the
  // URL's host still names the certificate, SNI and Host header (tests).
  std::vector<std::string> connect_to;
  int max_redirects = 5;
};

enum class HttpStatus {
  ok,                // 2xx, body read whole
  http_error,        // the server answered with another code (http_code)
  timeout,           // the deadline passed, or the server sent too slowly
  too_large,         // the body passed max_body; the transfer was stopped
  tls_error,         // handshake or certificate verification failed (detail says why)
  connect_failed,    // name not resolved, or no connection
  redirect_loop,     // a URL came back, or more than max_redirects
  insecure_redirect, // https redirected to http; not followed (detail: the target)
  unavailable,       // libcurl (libcurl.so.4) could not be loaded
  error,             // anything else (detail: libcurl's words)
};

struct HttpResult {
  HttpStatus status = HttpStatus::error;
  long http_code = 0;       // of the last response, 0 when there was none
  std::string content_type; // of the last response, as sent
  std::string body;         // at most max_body bytes
  std::string final_url;    // the last URL requested
  std::vector<std::string> redirects; // each Location followed, in order
  std::string detail;       // why, when status is not ok
  std::chrono::milliseconds elapsed{0};
};

HttpResult get(const std::string& url, const HttpOptions& options);

// "ok", "http-error", "timeout", ... (kebab-case, for JSON and logs).
std::string_view to_string(HttpStatus status) noexcept;

// Whether libcurl can be loaded here (loads it on first call).
bool http_available();

} // namespace mailports::net
