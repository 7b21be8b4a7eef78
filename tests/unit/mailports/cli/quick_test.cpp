#include "catch.hpp"

#include <mailports/cli/app.hpp>
#include <mailports/cli/quick.hpp>

#include <sstream>
#include <string>
#include <vector>

using namespace mailports;

namespace {

struct Run {
  int code = 0;
  std::string out;
  std::string err;
};

Run run(const std::vector<std::string>& args, bool quick)
{
  std::vector<const char*> argv = {"mailports"};
  for (const auto& arg : args) {
    argv.push_back(arg.c_str());
  }
  std::ostringstream out;
  std::ostringstream err;
  const int code = cli::run(static_cast<int>(argv.size()), argv.data(), out, err, false, quick);
  return Run{code, out.str(), err.str()};
}

std::optional<cli::QuickCheck> quick(const std::vector<std::string>& args)
{
  std::vector<const char*> argv = {"mailports"};
  for (const auto& arg : args) {
    argv.push_back(arg.c_str());
  }
  return cli::quick_check(static_cast<int>(argv.size()), argv.data());
}

// Command lines the quick path takes, and ones it must leave to CLI11.
const std::vector<std::vector<std::string>> k_taken = {
  {"check", "--proto", "smtp", "--port", "587", "--tls", "starttls", "--json"},
  {"check", "--json", "--tls=ssl", "--port=465", "--proto=SMTP"},
  {"check", "--proto", "imap", "--port", "0143", "--tls", "may", "--role", "client"},
  {"check", "--proto", "smtp", "--port", "25", "--tls", "starttls", "--role", "RELAY", "--lang", "ja"},
  {"check", "--proto", "pop3", "--port", "995", "--tls", "implicit", "--color", "always"},
  {"check", "--proto", "smtp", "--port", "2525", "--tls", "none", "--lang=JA", "--json"},
  {"check", "--proto", "smtp", "--port", "443", "--tls", "implicit"},
  {"check", "--proto", "imap", "--port", "65535", "--tls", "plain"},
};

const std::vector<std::vector<std::string>> k_left = {
  {"check", "--proto", "smtp", "--port", "587"},                                // incomplete
  {"check", "--proto", "smtp", "--proto", "imap", "--port", "1", "--tls", "none"}, // repeated
  {"check", "--proto", "smtp", "--port", "587", "--tls", "starttls", "--json", "--json"},
  {"check", "--proto", "smpt", "--port", "587", "--tls", "starttls"},           // typo
  {"check", "--proto", "smtp", "--port", "0", "--tls", "starttls"},
  {"check", "--proto", "smtp", "--port", "-1", "--tls", "starttls"},
  {"check", "--proto", "smtp", "--port", "99999999999999999999", "--tls", "starttls"},
  {"check", "--proto", "smtp", "--port", "587", "--tls", "sssl"},
  {"check", "--proto", "smtp", "--port", "587", "--tls", "none", "--role", "x"},
  {"check", "--proto", "smtp", "--port", "587", "--tls", "none", "--role", "relay", "--role", "relay"},
  {"check", "--proto", "smtp", "--port", "587", "--tls", "none", "--lang", "en", "--lang", "ja"},
  {"check", "--proto", "smtp", "--port", "587", "--tls", "none", "--color", "never", "--color", "never"},
  {"check", "--proto", "smtp", "--port", "587", "--tls", "none", "--colour", "never"},
  {"check", "--proto", "smtp", "--port", "587", "--tls", "none", "--help"},
  {"check", "--proto", "smtp", "--port", "587", "--tls", "none", "--rules", "x.json"},
  {"check", "--proto", "smtp", "--port", "587", "--tls", "none", "--batch"},
  {"check", "smtps://mail.example.com"},
  {"check", "--proto", "smtp", "--port", "587", "--tls", "none", "extra"},
  {"check", "--proto", "smtp", "--port", "587", "--tls", "none", "--"},
  {"check", "--proto", "smtp", "--port", "587", "--tls", "none", "--json=true"},
  {"check", "--proto", "smtp", "--port", "587", "--tls"},
  {"check", "--proto", "", "--port", "587", "--tls", "none"},
  {"--lang", "ja", "check", "--proto", "smtp", "--port", "587", "--tls", "none"},
  {"ports"},
  {"check"},
};

} // namespace

TEST_CASE("the quick path takes the common check command lines", "[cli][quick]")
{
  for (const auto& args : k_taken) {
    INFO(args.size());
    CHECK(quick(args));
  }
  const auto q = quick({"check", "--tls=ssl", "--port=465", "--proto=SMTP", "--role", "Relay"});
  REQUIRE(q);
  CHECK(q->check.proto == "smtp"); // canonical, as CLI11's transform leaves it
  CHECK(q->check.tls == "implicit");
  CHECK(q->check.port == "465");
  CHECK(q->check.role == "relay");
}

TEST_CASE("the quick path leaves everything else to CLI11", "[cli][quick]")
{
  for (const auto& args : k_left) {
    INFO(args.size());
    CHECK_FALSE(quick(args));
  }
}

TEST_CASE("with or without the quick path: the same output, errors and status", "[cli][quick]")
{
  auto all = k_taken;
  all.insert(all.end(), k_left.begin(), k_left.end());
  for (const auto& args : all) {
    std::string line;
    for (const auto& arg : args) {
      line += " " + arg;
    }
    INFO(line);
    const auto fast = run(args, true);
    const auto full = run(args, false);
    CHECK(fast.code == full.code);
    CHECK(fast.out == full.out);
    CHECK(fast.err == full.err);
  }
}
