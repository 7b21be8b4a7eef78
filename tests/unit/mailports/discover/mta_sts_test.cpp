#include "catch.hpp"

#include <mailports/discover/mta_sts.hpp>

#include <string>
#include <vector>

using namespace mailports;
using namespace mailports::discover;

TEST_CASE("the _mta-sts TXT record: exactly one v=STSv1 with an id", "[discover][mta_sts]")
{
  auto one = parse_sts_records({"v=spf1 -all", "v=STSv1; id=20160831085700Z;"});
  REQUIRE(one);
  CHECK(one->id == "20160831085700Z");
  CHECK(parse_sts_records({"v=STSv1;id=abc"})->id == "abc");

  CHECK(parse_sts_records({}).error().message == "no _mta-sts TXT record starts with v=STSv1");
  CHECK(parse_sts_records({"v=STSv1; id=a;", "v=STSv1; id=b;"}).error().message
        == "2 _mta-sts TXT records start with v=STSv1: there must be exactly one");
  CHECK(parse_sts_records({"v=STSv1;"}).error().message == "_mta-sts record has no id");
  CHECK(parse_sts_records({"v=STSv1; id=not-alnum;"}).error().message
        == "_mta-sts id 'not-alnum' is not 1 to 32 letters and digits");
  CHECK_FALSE(parse_sts_records({"id=abc; v=STSv1"})); // v must come first
  CHECK_FALSE(parse_sts_records({"v=STSv2; id=abc"}));
}

TEST_CASE("an MTA-STS policy: version, mode, mx, max_age", "[discover][mta_sts]")
{
  const auto good = parse_sts_policy("version: STSv1\r\nmode: enforce\r\nmx: mail.example.com\r\n"
                                     "mx: *.Example.net\r\nmax_age: 604800\r\n");
  REQUIRE(good);
  CHECK(good->mode == StsMode::enforce);
  CHECK(good->mx == std::vector<std::string>{"mail.example.com", "*.example.net"});
  CHECK(good->max_age == 604800);

  // LF alone, spaces after the colon, unknown keys ignored, mode none without mx.
  const auto none = parse_sts_policy("version:STSv1\nmode:   none\nmax_age: 86400\nfuture_key: x\n");
  REQUIRE(none);
  CHECK(none->mode == StsMode::none);
  CHECK(parse_sts_policy("version: STSv1\nmode: testing\nmx: a.example\nmax_age: 0\n")->mode == StsMode::testing);

  CHECK(parse_sts_policy("mode: enforce\nmx: a\nmax_age: 1\n").error().message == "no 'version: STSv1' line");
  CHECK(parse_sts_policy("version: STSv1\nmode: enforce\nmax_age: 1\n").error().message
        == "no mx line, but mode enforce");
  CHECK(parse_sts_policy("version: STSv1\nmode: strict\n").error().message
        == "line 2: mode 'strict' is not enforce, testing or none");
  CHECK(parse_sts_policy("version: STSv1\nmode: none\nmax_age: 31557601\n").error().message
        == "line 3: max_age '31557601' is not a number of seconds up to 31557600");
  CHECK(parse_sts_policy("version: STSv1\nmode: none\nmode: enforce\n").error().message
        == "line 3: mode given twice");
  CHECK(parse_sts_policy("<html>not a policy</html>").error().message
        == "line 1: '<html>not a policy</html>' is not 'key: value'");
  CHECK_FALSE(parse_sts_policy("version: STSv1\nmode: enforce\nmx: a b\nmax_age: 1\n"));
  CHECK_FALSE(parse_sts_policy(std::string(k_max_sts_policy + 1, 'x')));
}

TEST_CASE("MX patterns: exact, or one label for the wildcard (RFC 8461 §4.1)", "[discover][mta_sts]")
{
  CHECK(mx_matches("mail.example.com", "MAIL.example.com."));
  CHECK_FALSE(mx_matches("mail.example.com", "mx.example.com"));
  CHECK(mx_matches("*.example.com", "mx1.example.com"));
  CHECK_FALSE(mx_matches("*.example.com", "a.b.example.com"));
  CHECK_FALSE(mx_matches("*.example.com", "example.com"));
  CHECK_FALSE(mx_matches("*.example.com", ".example.com"));
  CHECK_FALSE(mx_matches("", ""));
}

TEST_CASE("the _smtp._tls TXT record (TLS-RPT)", "[discover][mta_sts]")
{
  const auto good = parse_tlsrpt_records({"v=TLSRPTv1; rua=mailto:tls@example.com,https://r.example.com/v1"});
  REQUIRE(good);
  CHECK(good->rua == std::vector<std::string>{"mailto:tls@example.com", "https://r.example.com/v1"});
  CHECK(parse_tlsrpt_records({"v=TLSRPTv1;"}).error().message == "_smtp._tls record has no rua (where reports go)");
  CHECK(parse_tlsrpt_records({"v=TLSRPTv1; rua=ftp://x"}).error().message
        == "_smtp._tls rua 'ftp://x' is not a mailto: or https: address");
  CHECK_FALSE(parse_tlsrpt_records({"v=TLSRPTv1; rua=mailto:a", "v=TLSRPTv1; rua=mailto:b"}));
  CHECK_FALSE(parse_tlsrpt_records({"v=spf1 -all"}));
}
