#include <mailports/net/http.hpp>

#include <mailports/util/dynlib.hpp>

// The checked setopt/getinfo macros would call the real functions; every
// call here goes through the pointers loaded below.
#define CURL_DISABLE_TYPECHECK 1
#include <curl/curl.h>

#include <algorithm>
#include <array>
#include <memory>
#include <type_traits>

namespace mailports::net {

namespace {

using Clock = std::chrono::steady_clock;

template <typename F>
using Fn = std::remove_pointer_t<F>;

// libcurl, loaded on first use (header comment says why).
struct Curl {
  decltype(&curl_global_init) global_init = nullptr;
  decltype(&curl_easy_init) easy_init = nullptr;
  decltype(&curl_easy_setopt) setopt = nullptr;
  decltype(&curl_easy_perform) perform = nullptr;
  decltype(&curl_easy_getinfo) getinfo = nullptr;
  decltype(&curl_easy_cleanup) cleanup = nullptr;
  decltype(&curl_easy_strerror) strerror = nullptr;
  decltype(&curl_slist_append) slist_append = nullptr;
  decltype(&curl_slist_free_all) slist_free_all = nullptr;
  std::string error; // why it is not usable, when easy_init is null
};

const Curl& curl()
{
  static const Curl c = [] {
    Curl out;
    const auto library = util::open_library("libcurl.so.4");
    if (library.handle == nullptr) {
      out.error = library.error;
      return out;
    }
    Curl f;
    f.global_init = util::find_function<Fn<decltype(f.global_init)>>(library, "curl_global_init");
    f.easy_init = util::find_function<Fn<decltype(f.easy_init)>>(library, "curl_easy_init");
    f.setopt = util::find_function<Fn<decltype(f.setopt)>>(library, "curl_easy_setopt");
    f.perform = util::find_function<Fn<decltype(f.perform)>>(library, "curl_easy_perform");
    f.getinfo = util::find_function<Fn<decltype(f.getinfo)>>(library, "curl_easy_getinfo");
    f.cleanup = util::find_function<Fn<decltype(f.cleanup)>>(library, "curl_easy_cleanup");
    f.strerror = util::find_function<Fn<decltype(f.strerror)>>(library, "curl_easy_strerror");
    f.slist_append = util::find_function<Fn<decltype(f.slist_append)>>(library, "curl_slist_append");
    f.slist_free_all = util::find_function<Fn<decltype(f.slist_free_all)>>(library, "curl_slist_free_all");
    if (f.global_init == nullptr || f.easy_init == nullptr || f.setopt == nullptr || f.perform == nullptr ||
        f.getinfo == nullptr || f.cleanup == nullptr || f.strerror == nullptr || f.slist_append == nullptr ||
        f.slist_free_all == nullptr) {
      out.error = "libcurl.so.4 lacks a function mailports needs";
      return out;
    }
    // Once, before any thread makes a handle: curl_easy_init would otherwise
    // do it itself, which is not thread-safe.
    if (f.global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
      out.error = "curl_global_init failed";
      return out;
    }
    return f;
  }();
  return c;
}

// The body, stopped at max_body: the write callback refuses the rest, which
// aborts the transfer, so no more than max_body is ever kept.
struct Sink {
  std::string* body = nullptr;
  std::size_t max_body = 0;
  bool overflow = false;
};

std::size_t write_body(char* data, std::size_t size, std::size_t count, void* user)
{
  auto* sink = static_cast<Sink*>(user);
  const std::size_t n = size * count;
  const std::size_t room = sink->max_body - sink->body->size();
  if (n > room) {
    sink->body->append(data, room);
    sink->overflow = true;
    return 0; // CURLE_WRITE_ERROR
  }
  sink->body->append(data, n);
  return n;
}

struct SlistDeleter {
  void operator()(curl_slist* list) const noexcept { curl().slist_free_all(list); }
};
struct EasyDeleter {
  void operator()(CURL* handle) const noexcept { curl().cleanup(handle); }
};

bool starts_with_scheme(std::string_view url, std::string_view scheme)
{
  if (url.size() <= scheme.size() || url[scheme.size()] != ':') {
    return false;
  }
  return std::equal(scheme.begin(), scheme.end(), url.begin(), [](char a, char b) {
    return a == (b >= 'A' && b <= 'Z' ? static_cast<char>(b - 'A' + 'a') : b);
  });
}

HttpStatus status_of(CURLcode code)
{
  switch (code) {
  case CURLE_OPERATION_TIMEDOUT:
    return HttpStatus::timeout;
  case CURLE_COULDNT_RESOLVE_HOST:
  case CURLE_COULDNT_CONNECT:
    return HttpStatus::connect_failed;
  case CURLE_PEER_FAILED_VERIFICATION:
  case CURLE_SSL_CONNECT_ERROR:
  case CURLE_SSL_CACERT_BADFILE:
  case CURLE_SSL_CERTPROBLEM:
  case CURLE_SSL_CIPHER:
  case CURLE_SSL_ISSUER_ERROR:
  case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
  case CURLE_SSL_INVALIDCERTSTATUS:
  case CURLE_SSL_CRL_BADFILE:
    return HttpStatus::tls_error;
  default:
    return HttpStatus::error;
  }
}

// The options every request gets; false with `detail` set when libcurl
// refuses one (e.g. a libcurl too old for CURLOPT_PROTOCOLS_STR).
bool configure(const Curl& c, CURL* h, const HttpOptions& options, curl_slist* connect_to, Sink& sink,
               char* error_buffer, std::string& detail)
{
  const long timeout_ms = std::max<long>(1, static_cast<long>(options.timeout.count()));
  // One hard bound for the whole GET (CURLOPT_TIMEOUT_MS) ends a server that
  // drips. No low-speed limit: a server that thinks for most of the deadline
  // before it answers is slow, not broken, and its answer is still read.
  struct Setting {
    CURLoption option;
    const char* name;
    bool ok;
  };
  const std::array settings{
    Setting{CURLOPT_ERRORBUFFER, "ERRORBUFFER", c.setopt(h, CURLOPT_ERRORBUFFER, error_buffer) == CURLE_OK},
    Setting{CURLOPT_NOSIGNAL, "NOSIGNAL", c.setopt(h, CURLOPT_NOSIGNAL, 1L) == CURLE_OK},
    Setting{CURLOPT_PROTOCOLS_STR, "PROTOCOLS_STR", c.setopt(h, CURLOPT_PROTOCOLS_STR, "http,https") == CURLE_OK},
    Setting{CURLOPT_REDIR_PROTOCOLS_STR, "REDIR_PROTOCOLS_STR",
            c.setopt(h, CURLOPT_REDIR_PROTOCOLS_STR, "http,https") == CURLE_OK},
    // Redirects are followed here, one request each, so https -> http is seen.
    Setting{CURLOPT_FOLLOWLOCATION, "FOLLOWLOCATION", c.setopt(h, CURLOPT_FOLLOWLOCATION, 0L) == CURLE_OK},
    Setting{CURLOPT_SSL_VERIFYPEER, "SSL_VERIFYPEER", c.setopt(h, CURLOPT_SSL_VERIFYPEER, 1L) == CURLE_OK},
    Setting{CURLOPT_SSL_VERIFYHOST, "SSL_VERIFYHOST", c.setopt(h, CURLOPT_SSL_VERIFYHOST, 2L) == CURLE_OK},
    // Never a credential: no ~/.netrc, no user:password@ in a URL (ours or a
    // Location's), no cookie engine (left off: no COOKIEFILE/COOKIEJAR).
    Setting{CURLOPT_NETRC, "NETRC", c.setopt(h, CURLOPT_NETRC, static_cast<long>(CURL_NETRC_IGNORED)) == CURLE_OK},
    Setting{CURLOPT_DISALLOW_USERNAME_IN_URL, "DISALLOW_USERNAME_IN_URL",
            c.setopt(h, CURLOPT_DISALLOW_USERNAME_IN_URL, 1L) == CURLE_OK},
    Setting{CURLOPT_TIMEOUT_MS, "TIMEOUT_MS", c.setopt(h, CURLOPT_TIMEOUT_MS, timeout_ms) == CURLE_OK},
    Setting{CURLOPT_CONNECTTIMEOUT_MS, "CONNECTTIMEOUT_MS",
            c.setopt(h, CURLOPT_CONNECTTIMEOUT_MS, timeout_ms) == CURLE_OK},
    // A raw body, so max_body bounds what was sent, not what it inflates to.
    Setting{CURLOPT_HTTP_CONTENT_DECODING, "HTTP_CONTENT_DECODING",
            c.setopt(h, CURLOPT_HTTP_CONTENT_DECODING, 0L) == CURLE_OK},
    Setting{CURLOPT_USERAGENT, "USERAGENT", c.setopt(h, CURLOPT_USERAGENT, "mailports") == CURLE_OK},
    Setting{CURLOPT_WRITEFUNCTION, "WRITEFUNCTION", c.setopt(h, CURLOPT_WRITEFUNCTION, &write_body) == CURLE_OK},
    Setting{CURLOPT_WRITEDATA, "WRITEDATA", c.setopt(h, CURLOPT_WRITEDATA, &sink) == CURLE_OK},
    Setting{CURLOPT_CONNECT_TO, "CONNECT_TO", c.setopt(h, CURLOPT_CONNECT_TO, connect_to) == CURLE_OK},
    Setting{CURLOPT_CAINFO, "CAINFO",
            options.ca_file.empty() || c.setopt(h, CURLOPT_CAINFO, options.ca_file.c_str()) == CURLE_OK},
    // Only the given CAs, as the probe's --ca-file: Debian's libcurl would
    // also search its built-in CA directory (/etc/ssl/certs).
    Setting{CURLOPT_CAPATH, "CAPATH",
            options.ca_file.empty() || c.setopt(h, CURLOPT_CAPATH, static_cast<char*>(nullptr)) == CURLE_OK},
  };
  for (const auto& s : settings) {
    if (!s.ok) {
      detail = std::string("libcurl refused CURLOPT_") + s.name;
      return false;
    }
  }
  return true;
}

} // namespace

bool http_available()
{
  return curl().easy_init != nullptr;
}

HttpResult get(const std::string& url, const HttpOptions& options)
{
  const auto start = Clock::now();
  const auto deadline = start + options.timeout;
  HttpResult result;
  result.final_url = url;
  const auto finish = [&](HttpStatus status, std::string detail) {
    result.status = status;
    if (!detail.empty()) {
      result.detail = std::move(detail);
    }
    result.elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start);
    return result;
  };

  const Curl& c = curl();
  if (c.easy_init == nullptr) {
    return finish(HttpStatus::unavailable, c.error);
  }
  if (!starts_with_scheme(url, "https") && !starts_with_scheme(url, "http")) {
    return finish(HttpStatus::error, "not an http or https URL");
  }
  std::unique_ptr<curl_slist, SlistDeleter> connect_to;
  for (const auto& entry : options.connect_to) {
    curl_slist* grown = c.slist_append(connect_to.get(), entry.c_str());
    if (grown == nullptr) {
      return finish(HttpStatus::error, "out of memory");
    }
    static_cast<void>(connect_to.release());
    connect_to.reset(grown);
  }

  std::vector<std::string> visited{url};
  std::string current = url;
  for (;;) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
    if (left.count() <= 0) {
      return finish(HttpStatus::timeout, "the deadline passed between redirects");
    }
    std::unique_ptr<CURL, EasyDeleter> handle(c.easy_init());
    if (handle == nullptr) {
      return finish(HttpStatus::error, "curl_easy_init failed");
    }
    result.body.clear();
    result.content_type.clear();
    result.http_code = 0;
    result.final_url = current;
    Sink sink{&result.body, options.max_body, false};
    std::array<char, CURL_ERROR_SIZE + 1> error_buffer{};
    HttpOptions step = options;
    step.timeout = left;
    std::string detail;
    if (!configure(c, handle.get(), step, connect_to.get(), sink, error_buffer.data(), detail) ||
        c.setopt(handle.get(), CURLOPT_URL, current.c_str()) != CURLE_OK) {
      return finish(HttpStatus::error, detail.empty() ? "libcurl refused the URL" : detail);
    }

    const CURLcode code = c.perform(handle.get());
    long http_code = 0;
    static_cast<void>(c.getinfo(handle.get(), CURLINFO_RESPONSE_CODE, &http_code));
    result.http_code = http_code;
    char* content_type = nullptr;
    if (c.getinfo(handle.get(), CURLINFO_CONTENT_TYPE, &content_type) == CURLE_OK && content_type != nullptr) {
      result.content_type = content_type;
    }
    if (sink.overflow) {
      return finish(HttpStatus::too_large, "the body is larger than " + std::to_string(options.max_body) + " bytes");
    }
    if (code != CURLE_OK) {
      std::string words = error_buffer[0] != '\0' ? std::string(error_buffer.data()) : c.strerror(code);
      return finish(status_of(code), std::move(words));
    }
    if (http_code >= 300 && http_code < 400) {
      char* location = nullptr;
      if (c.getinfo(handle.get(), CURLINFO_REDIRECT_URL, &location) == CURLE_OK && location != nullptr) {
        const std::string next = location;
        if (starts_with_scheme(current, "https") && !starts_with_scheme(next, "https")) {
          return finish(HttpStatus::insecure_redirect, next);
        }
        if (std::find(visited.begin(), visited.end(), next) != visited.end()) {
          result.redirects.push_back(next);
          return finish(HttpStatus::redirect_loop, "back to " + next);
        }
        if (static_cast<int>(result.redirects.size()) >= options.max_redirects) {
          return finish(HttpStatus::redirect_loop,
                        "more than " + std::to_string(options.max_redirects) + " redirects");
        }
        result.redirects.push_back(next);
        visited.push_back(next);
        current = next;
        continue;
      }
    }
    if (http_code < 200 || http_code >= 300) {
      return finish(HttpStatus::http_error, "HTTP " + std::to_string(http_code));
    }
    return finish(HttpStatus::ok, {});
  }
}

std::string_view to_string(HttpStatus status) noexcept
{
  switch (status) {
  case HttpStatus::ok:
    return "ok";
  case HttpStatus::http_error:
    return "http-error";
  case HttpStatus::timeout:
    return "timeout";
  case HttpStatus::too_large:
    return "too-large";
  case HttpStatus::tls_error:
    return "tls-error";
  case HttpStatus::connect_failed:
    return "connect-failed";
  case HttpStatus::redirect_loop:
    return "redirect-loop";
  case HttpStatus::insecure_redirect:
    return "insecure-redirect";
  case HttpStatus::unavailable:
    return "unavailable";
  case HttpStatus::error:
    return "error";
  }
  return "error";
}

} // namespace mailports::net
