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

std::optional<cli::QuickCommand> quick(const std::vector<std::string>& args)
{
  std::vector<const char*> argv = {"mailports"};
  for (const auto& arg : args) {
    argv.push_back(arg.c_str());
  }
  return cli::quick_command(static_cast<int>(argv.size()), argv.data());
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
  {"recommend", "--proto", "smtp"},
  {"recommend", "--proto", "smtp", "--json"},
  {"recommend", "--json", "--proto=IMAP", "--lang", "ja"},
  {"recommend", "--proto", "pop", "--color", "always", "--lang=en"},
  {"recommend", "--proto", "Smtp", "--json", "--lang", "ja", "--color", "never"},
  {"recommend", "--email", "taro@gmail.com", "--json"},
  {"recommend", "--email", "taro@gmail.com"},
  {"recommend", "--email=Taro.Yamada@GMAIL.com", "--lang", "ja", "--json"},
  {"recommend", "--email", "taro@nowhere.invalid", "--json"},
  {"recommend", "--email", "taro@nowhere.invalid"},
  {"recommend", "--email", "no-at-sign"},
  {"recommend", "--email", "a@b@c", "--json"},
  {"recommend", "--email", "taro@gmail.com.", "--color", "always"},
  {"recommend", "--email", "\"Taro\" <taro@outlook.jp>", "--lang", "ja"},
  {"recommend", "--domain", "gmail.com", "--json"},
  {"recommend", "--domain", "outlook.jp", "--lang", "ja"},
  {"recommend", "--domain", "GMAIL.COM."},
  {"recommend", "--domain", "fastmail.com", "--json"},
  {"recommend", "--domain", "nowhere.invalid", "--json", "--lang", "ja"},
  {"recommend", "--domain", "bad..domain"},
  {"recommend", "--domain", "taro@gmail.com", "--json"},
  {"recommend", "--domain", "xn--zckzah.jp"},
  {"recommend", "--domain", "a_b.example"},
  {"explain", "465"},
  {"explain", "587", "--json"},
  {"explain", "--json", "25", "--lang", "ja"},
  {"explain", "0993", "--color", "always"},
  {"explain", "2525", "--lang=ja", "--json"},
  {"explain", "12345", "--json"},
  {"explain", "65535"},
  {"ports"},
  {"ports", "--json"},
  {"ports", "--proto", "imap"},
  {"ports", "--json", "--proto=POP", "--lang", "ja"},
  {"ports", "--color", "always", "--proto", "SMTP"},
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
  {"check"},
  {"recommend"},
  {"recommend", "gmail.com"},                                  // positional: CLI11's
  {"recommend", "--proto", "smpt"},
  {"recommend", "--proto", "smtp", "--proto", "imap"},
  {"recommend", "--proto", "smtp", "--email", "a@gmail.com"},  // two targets
  {"recommend", "--email", "a@gmail.com", "--domain", "gmail.com"},
  {"recommend", "--email", "", "--json"},
  {"recommend", "--email=", "--json"},
  {"recommend", "--domain", ""},
  {"recommend", "--email", "a@gmail.com", "--email", "b@gmail.com"},
  {"recommend", "--email", "-a@gmail.com"},
  {"recommend", "--email"},
  {"recommend", "--domain", "gmail.com", "--host", "smtp.gmail.com"},
  {"recommend", "--host", "smtp.gmail.com", "--json"},
  {"recommend", "--proto", "smtp", "--role", "relay"},
  {"recommend", "--proto", "smtp", "--prefer", "starttls", "--json"},
  {"recommend", "--proto", "smtp", "--json", "--json"},
  {"recommend", "--proto", "smtp", "--lang", "de"},
  {"recommend", "--proto", "smtp", "--lang", "en", "--lang", "en"},
  {"recommend", "--proto", "smtp", "--color", "sometimes"},
  {"recommend", "--proto", "smtp", "--help"},
  {"recommend", "--proto", "smtp", "-h"},
  {"recommend", "--proto", "smtp", "--jsn"},
  {"recommend", "--domain", "gmail.com", "extra"},
  {"recommend", "--domain", "gmail.com", "--providers", "x.json"},
  {"recommend", "--domain", "gmail.com", "--", "--json"},
  {"recommend", "--email", "taro@gmail.com", "--json=false"},
  {"explain"},
  {"explain", "0"},
  {"explain", "65536"},
  {"explain", "-1"},
  {"explain", "smtp"},
  {"explain", "465", "587"},
  {"explain", "465", "--json", "--json"},
  {"explain", "465", "--proto", "smtp"},
  {"explain", "465", "--lang"},
  {"explain", "465", "--lang", "fr"},
  {"explain", "465", "--help"},
  {"explain", "４６５"},
  {"explain", "465", "--rules", "x.json"},
  {"explain", "--", "465"},
  {"ports", "extra"},
  {"ports", "--proto", "smpt"},
  {"ports", "--proto", "imaps"},
  {"recommend", "--proto", "submission"},
  {"ports", "--proto", "smtp", "--proto", "imap"},
  {"ports", "--proto"},
  {"ports", "--json", "--json"},
  {"ports", "--port", "25"},
  {"ports", "--color", "always", "--color", "never"},
  {"ports", "--help"},
  {"ports", "-h", "--json"},
  {"--lang", "ja", "ports"},
  {"--json", "ports"},
  {"port"},
  {"explain", "465", "--color"},
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
  const auto r = quick({"recommend", "--proto", "Pop", "--lang", "JA", "--json"});
  REQUIRE(r);
  CHECK(r->kind == cli::QuickCommand::Kind::recommend);
  CHECK(r->recommend.proto == "pop3");
  CHECK(r->global.lang == "ja");
  CHECK(r->recommend.json);
  const auto e = quick({"explain", "--json", "0465"});
  REQUIRE(e);
  CHECK(e->kind == cli::QuickCommand::Kind::explain);
  CHECK(e->explain.port == "0465");
  const auto p = quick({"ports", "--proto", "IMAP"});
  REQUIRE(p);
  CHECK(p->kind == cli::QuickCommand::Kind::ports);
  CHECK(p->ports.proto == "imap");
  CHECK_FALSE(p->ports.json);
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
    CHECK((fast.out.size() + fast.err.size()) > 0); // every line says something
  }
}
