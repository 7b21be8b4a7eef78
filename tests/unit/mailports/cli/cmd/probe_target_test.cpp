#include "catch.hpp"

#include <mailports/cli/cmd/probe_target.hpp>
#include <mailports/cli/fatal.hpp>
#include <mailports/rules/builtin.hpp>

#include <string>
#include <vector>

using namespace mailports;
using namespace mailports::cli;
using namespace mailports::cli::cmd;

namespace {

constexpr auto en = core::Lang::en;

// The usage error `fn` throws, as printed.
template <typename F>
std::string usage_error(F&& fn)
{
  try {
    fn();
  } catch (const Fatal& e) {
    CHECK(e.code() == ExitCode::usage);
    return e.what();
  }
  FAIL("no error");
  return {};
}

std::vector<std::uint16_t> ports(const std::string& argument, std::vector<std::string> options = {})
{
  return wanted_ports(parse_wanted(argument, en), options, rules::builtin_table(), en);
}

} // namespace

TEST_CASE("the argument: host, HOST:PORT, [IPv6]:PORT, URL", "[cli][probe]")
{
  CHECK(parse_wanted("mail.example.com", en).host == "mail.example.com");
  CHECK_FALSE(parse_wanted("::1", en).port);
  const auto v6 = parse_wanted("[::1]:2525", en);
  CHECK(v6.host == "[::1]");
  CHECK(v6.port == 2525);
  const auto url = parse_wanted("smtps://taro:secret@mail.example.com", en);
  CHECK(url.host == "mail.example.com");
  CHECK(url.shown == "smtps://taro:***@mail.example.com");
  REQUIRE(url.url);
  CHECK(url.url->tls == core::TlsMode::implicit);
}

TEST_CASE("ports: the argument's, --port's, or the URL scheme's own", "[cli][probe]")
{
  CHECK(ports("h:587") == std::vector<std::uint16_t>{587});
  CHECK(ports("h:587", {"587"}) == std::vector<std::uint16_t>{587}); // the same port: no conflict
  CHECK(ports("h", {"25", "2525"}) == std::vector<std::uint16_t>{25, 2525});
  CHECK(ports("h").empty()); // a sweep
  CHECK(ports("smtps://h") == std::vector<std::uint16_t>{465});
  CHECK(ports("imap://h") == std::vector<std::uint16_t>{143});
  CHECK(ports("pop3s://h", {"1995"}) == std::vector<std::uint16_t>{1995});
}

TEST_CASE("the protocol: --proto, else the scheme; never both disagreeing", "[cli][probe]")
{
  CHECK_FALSE(wanted_proto(parse_wanted("h:587", en), "", en));
  CHECK(wanted_proto(parse_wanted("h:587", en), "imap", en) == core::Proto::imap);
  CHECK(wanted_proto(parse_wanted("pop3://h", en), "", en) == core::Proto::pop3);
  CHECK(wanted_proto(parse_wanted("pop3://h", en), "pop3", en) == core::Proto::pop3);
  CHECK(usage_error([] { wanted_proto(parse_wanted("imaps://h", en), "smtp", en); })
        == "URL scheme 'imaps' means imap, but --proto says smtp");
}

TEST_CASE("contradictions and bad forms are usage errors naming the values", "[cli][probe]")
{
  CHECK(usage_error([] { ports("h:587", {"587", "465"}); }) == "'h:587' names port 587, but --port says 465");
  CHECK(usage_error([] { ports("smtps://u:pw@h:465", {"25"}); })
        == "'smtps://u:***@h:465' names port 465, but --port says 25");
  CHECK(usage_error([] { parse_wanted("h:0", en); })
        == "invalid port '0' in 'h:0': expected a number from 1 to 65535");
  CHECK(usage_error([] { parse_wanted("[::1", en); }).starts_with("invalid host '[::1': "));
  CHECK(usage_error([] { parse_wanted("imap://u:pw@h/INBOX", en); }).find("pw") == std::string::npos);
  CHECK(usage_error([] { canonical_host("", ":25", en); }) == "invalid host ':25': not a valid domain name");
}
