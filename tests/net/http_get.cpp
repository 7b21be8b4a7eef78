// Test driver for net::get (tests/net/http_test.py): one GET, printed as
// JSON, with the autoconfig reader's verdict on the body and the process's
// peak memory, so the test can see that a huge body was not kept.
#include <mailports/discover/autoconfig.hpp>
#include <mailports/net/http.hpp>

#include <nlohmann/json.hpp>

#include <sys/resource.h>

#include <cstdlib>
#include <iostream>
#include <string>
#include <string_view>

int main(int argc, char** argv)
{
  mailports::net::HttpOptions options;
  std::string url;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    const bool has_value = i + 1 < argc;
    if (arg == "--ca-file" && has_value) {
      options.ca_file = argv[++i];
    } else if (arg == "--connect-to" && has_value) {
      options.connect_to.emplace_back(argv[++i]);
    } else if (arg == "--timeout-ms" && has_value) {
      options.timeout = std::chrono::milliseconds(std::atol(argv[++i]));
    } else if (arg == "--max-body" && has_value) {
      options.max_body = static_cast<std::size_t>(std::atol(argv[++i]));
    } else if (url.empty() && !arg.starts_with("--")) {
      url = arg;
    } else {
      std::cerr << "usage: mailports_http_get URL [--ca-file F] [--connect-to H:P:H:P]... "
                   "[--timeout-ms N] [--max-body N]\n";
      return 64;
    }
  }
  const auto r = mailports::net::get(url, options);
  const auto read = mailports::discover::read_autoconfig(r.body, r.content_type, {"taro", "example.test"});
  nlohmann::json problems = nlohmann::json::array();
  for (const auto& p : read.problems) {
    problems.push_back(p.code);
  }
  nlohmann::json incoming = nlohmann::json::array();
  for (const auto& s : read.incoming) {
    incoming.push_back(s.hostname + ":" + std::to_string(s.port));
  }
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  const nlohmann::json out = {
    {"status", mailports::net::to_string(r.status)},
    {"http_code", r.http_code},
    {"content_type", r.content_type},
    {"body_size", r.body.size()},
    {"final_url", r.final_url},
    {"redirects", r.redirects},
    {"detail", r.detail},
    {"elapsed_ms", r.elapsed.count()},
    {"max_rss_kb", usage.ru_maxrss},
    {"autoconfig", {{"accepted", read.accepted}, {"problems", problems}, {"incoming", incoming}}},
  };
  std::cout << out.dump() << "\n";
  return 0;
}
