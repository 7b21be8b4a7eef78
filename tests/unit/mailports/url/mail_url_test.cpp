// url/mail_url: mail server URLs as users paste them. Whatever the outcome,
// a password must never come back out in `redacted` or in an error.
#include "catch.hpp"

#include <mailports/url/mail_url.hpp>

#include <string>

using namespace mailports;
using url::parse_mail_url;
using url::UrlError;

namespace {

url::MailUrl parse_ok(const std::string& text)
{
  const auto result = parse_mail_url(text);
  if (!result) {
    FAIL("rejected " << text << ": kind " << static_cast<int>(result.error().kind));
  }
  return result.value();
}

UrlError parse_error(const std::string& text)
{
  const auto result = parse_mail_url(text);
  REQUIRE_FALSE(result.has_value());
  return result.error();
}

UrlError::Kind kind_of(const std::string& text)
{
  return parse_error(text).kind;
}

} // namespace

TEST_CASE("an s-scheme means implicit TLS, whatever the port", "[url]")
{
  const auto u = parse_ok("smtps://mail.example.com:587");
  CHECK(u.scheme == "smtps");
  CHECK(u.proto == core::Proto::smtp);
  CHECK(u.tls == core::TlsMode::implicit);
  CHECK(u.service == "submissions");
  CHECK(u.host == "mail.example.com");
  CHECK(u.port == std::uint16_t{587});
  CHECK(u.user.empty());
  CHECK_FALSE(u.has_password);
  CHECK(u.redacted == "smtps://mail.example.com:587");
}

TEST_CASE("a scheme without s leaves the TLS mode and port unstated", "[url]")
{
  const auto u = parse_ok("submission://h");
  CHECK(u.proto == core::Proto::smtp);
  CHECK(u.service == "submission");
  CHECK_FALSE(u.tls.has_value());
  CHECK_FALSE(u.port.has_value());
  CHECK(u.host == "h");

  CHECK(parse_ok("pop3://h").proto == core::Proto::pop3);
  CHECK(parse_ok("pop3s://h").service == "pop3s");
  CHECK(parse_ok("imap://h").service == "imap");
  CHECK(parse_ok("submissions://h").tls == core::TlsMode::implicit);
}

TEST_CASE("every listed scheme parses", "[url]")
{
  const auto schemes = url::mail_url_schemes();
  CHECK(schemes.size() == 11);
  for (const auto scheme : schemes) {
    INFO(std::string(scheme));
    CHECK(parse_mail_url(std::string(scheme) + "://mail.example.com").has_value());
  }
}

TEST_CASE("a password is redacted and only its presence kept", "[url]")
{
  const auto u = parse_ok("imaps://user:password@host:993");
  CHECK(u.user == "user");
  CHECK(u.has_password);
  CHECK(u.host == "host");
  CHECK(u.port == std::uint16_t{993});
  CHECK(u.redacted == "imaps://user:***@host:993");

  const auto no_password = parse_ok("smtp://user@host");
  CHECK(no_password.user == "user");
  CHECK_FALSE(no_password.has_password);
  CHECK(no_password.redacted == "smtp://user@host");

  // An '@' inside the password: the host starts after the last one.
  const auto at_sign = parse_ok("smtps://me@example.com:p@ss@mail.example.com:465");
  CHECK(at_sign.host == "mail.example.com");
  CHECK(at_sign.user == "me@example.com");
  CHECK(at_sign.redacted == "smtps://me@example.com:***@mail.example.com:465");

  const auto empty_password = parse_ok("smtp://user:@host");
  CHECK(empty_password.has_password);
  CHECK(empty_password.redacted == "smtp://user:***@host");
}

TEST_CASE("a password never appears in an error", "[url]")
{
  for (const char* text : {"smtps://u:hunter2@host:99999", "smtpx://u:hunter2@host",
                           "smtp://u:hunter2@", "smtp://u:hunter2@h st", "smtp://u:hunter2@h/path",
                           "smtp://u:hunter2@[::1", "smtp://u:hunter2@h:abc",
                           "u:hunter2@mail.example.com", "smtp:u:hunter2@h"}) {
    INFO(text);
    const auto error = parse_error(text);
    CHECK(error.detail.find("hunter2") == std::string::npos);
    CHECK(error.redacted.find("hunter2") == std::string::npos);
  }
  const auto port = parse_error("smtps://u:hunter2@host:99999");
  CHECK(port.kind == UrlError::Kind::bad_port);
  CHECK(port.detail == "99999");
  CHECK(port.redacted == "smtps://u:***@host:99999");
}

TEST_CASE("a password with a URL delimiter in it is still redacted", "[url]")
{
  // People paste passwords with '/', '?' or '#' unencoded. Regression test:
  // the authority was once cut at the first of those before looking for '@',
  // so redacted read "smtps://user:hunter2" (fixed in 01532a5).
  for (const char* text : {"smtps://user:hunter2/x@mail.example.com:465",
                           "smtps://user:hunter2?x@mail.example.com:465",
                           "smtps://user:hunter2#x@mail.example.com:465"}) {
    INFO(text);
    const auto result = parse_mail_url(text);
    if (result) {
      CHECK(result->redacted.find("hunter2") == std::string::npos);
    } else {
      CHECK(result.error().detail.find("hunter2") == std::string::npos);
      CHECK(result.error().redacted.find("hunter2") == std::string::npos);
    }
  }
}

TEST_CASE("the scheme is case-insensitive and stored in lower case", "[url]")
{
  const auto u = parse_ok("SMTPS://Mail.Example.com:465");
  CHECK(u.scheme == "smtps");
  CHECK(u.tls == core::TlsMode::implicit);
  CHECK(u.host == "Mail.Example.com");
  CHECK(u.redacted == "smtps://Mail.Example.com:465");
  CHECK(parse_ok("ImapS://h").proto == core::Proto::imap);
}

TEST_CASE("IPv6 literals and IDN hosts are accepted", "[url]")
{
  const auto v6 = parse_ok("smtps://[::1]:465");
  CHECK(v6.host == "[::1]");
  CHECK(v6.port == std::uint16_t{465});

  const auto v6_no_port = parse_ok("imaps://[2001:db8::1]");
  CHECK(v6_no_port.host == "[2001:db8::1]");
  CHECK_FALSE(v6_no_port.port.has_value());

  const auto idn = parse_ok("smtp://メール.example.jp");
  CHECK(idn.host == "メール.example.jp");
  CHECK(idn.redacted == "smtp://メール.example.jp");
}

TEST_CASE("a trailing slash is accepted, a path or query is not", "[url]")
{
  CHECK(parse_ok("smtp://h/").host == "h");
  CHECK(parse_ok("smtp://h:25/").port == std::uint16_t{25});
  CHECK(kind_of("smtp://h/path") == UrlError::Kind::has_path);
  CHECK(kind_of("smtp://h?x=1") == UrlError::Kind::has_path);
  CHECK(kind_of("smtp://h#frag") == UrlError::Kind::has_path);
  CHECK(kind_of("smtp://h//") == UrlError::Kind::has_path);
}

TEST_CASE("a URL without a known scheme is rejected", "[url]")
{
  CHECK(kind_of("mail.example.com") == UrlError::Kind::no_scheme);
  CHECK(kind_of("smtp:mail.example.com") == UrlError::Kind::no_scheme);
  CHECK(kind_of("") == UrlError::Kind::no_scheme);

  const auto unknown = parse_error("smtpx://h");
  CHECK(unknown.kind == UrlError::Kind::unknown_scheme);
  CHECK(unknown.detail == "smtpx");
  CHECK(unknown.redacted == "smtpx://h");
  CHECK(kind_of("https://mail.example.com") == UrlError::Kind::unknown_scheme);
  // An empty "scheme" has no scheme syntax: the text is not a URL at all.
  CHECK(kind_of("://h") == UrlError::Kind::no_scheme);
}

TEST_CASE("text before :// without scheme syntax is not a scheme, and its password is hidden",
          "[url]")
{
  const auto error = parse_error("taro:pa://ss@mail.example.com");
  CHECK(error.kind == UrlError::Kind::no_scheme);
  CHECK(error.redacted == "taro:***@mail.example.com");
}

TEST_CASE("a URL without a host is rejected", "[url]")
{
  CHECK(kind_of("smtp://") == UrlError::Kind::empty_host);
  CHECK(kind_of("smtp://:25") == UrlError::Kind::empty_host);
  CHECK(kind_of("smtp://user@") == UrlError::Kind::empty_host);
  CHECK(kind_of("smtp:///") == UrlError::Kind::empty_host);
}

TEST_CASE("a bad port is rejected and named", "[url]")
{
  for (const char* text : {"smtp://h:0", "smtp://h:65536", "smtp://h:abc", "smtp://h:",
                           "smtp://h:-1", "smtp://h:+25", "smtp://h:25x", "smtp://h:2 5",
                           "smtp://h:99999999999999999999", "smtp://[::1]:"}) {
    INFO(text);
    CHECK(kind_of(text) == UrlError::Kind::bad_port);
  }
  CHECK(parse_error("smtp://h:65536").detail == "65536");
  CHECK(parse_ok("smtp://h:1").port == std::uint16_t{1});
  CHECK(parse_ok("smtp://h:65535").port == std::uint16_t{65535});
}

TEST_CASE("a bad host is rejected, and shown safely", "[url]")
{
  CHECK(kind_of("smtp://h st") == UrlError::Kind::bad_host);
  const auto control = parse_error("smtp://ho\x1bst");
  CHECK(control.kind == UrlError::Kind::bad_host);
  CHECK(control.detail == "ho\\x1bst"); // escaped: no raw control byte
  CHECK(control.redacted == "smtp://ho\\x1bst");
  CHECK(kind_of("smtp://h\tst:25") == UrlError::Kind::bad_host);
  CHECK(kind_of("smtp://h,st") == UrlError::Kind::bad_host);

  CHECK(kind_of("smtp://[::1") == UrlError::Kind::bad_host);   // unclosed
  CHECK(kind_of("smtp://[]") == UrlError::Kind::bad_host);     // empty
  CHECK(kind_of("smtp://[::g]") == UrlError::Kind::bad_host);  // not hex
  CHECK(kind_of("smtp://[::1]x") == UrlError::Kind::bad_host); // junk after ]
}

TEST_CASE("a host name is at most 253 bytes", "[url]")
{
  const std::string longest(253, 'a');
  CHECK(parse_ok("smtp://" + longest).host == longest);
  const auto too_long = parse_error("smtp://" + std::string(254, 'a'));
  CHECK(too_long.kind == UrlError::Kind::bad_host);
  // The detail is shortened for the message.
  CHECK(too_long.detail.size() < 100);
  CHECK(too_long.detail.substr(too_long.detail.size() - 3) == "...");
}

TEST_CASE("an '@' in a query with no password before it is not taken for userinfo", "[url]")
{
  const auto result = parse_mail_url("smtp://mail.example.com/?to=a@b.example");
  REQUIRE_FALSE(result.has_value());
  CHECK(result.error().kind == UrlError::Kind::has_path);
  CHECK(result.error().redacted == "smtp://mail.example.com");
}

TEST_CASE("application schemes say their TLS mode", "[url]")
{
  CHECK(parse_ok("smtp+tls://h:587").tls == core::TlsMode::starttls);
  CHECK(parse_ok("smtp+starttls://h:587").tls == core::TlsMode::starttls);
  CHECK(parse_ok("SMTP+SSL://h").tls == core::TlsMode::implicit);
  CHECK(parse_ok("smtp+ssl://h").service == "submissions");
  CHECK(parse_ok("smtp+tls://h").service == "smtp"); // no port: SMTP's own, as smtp://
}

TEST_CASE("a path or query is named in the error, secrets redacted", "[url]")
{
  const auto error = url::parse_mail_url("smtp://u:pw@h/?user=a&password=b&apikey=c&x=1");
  REQUIRE_FALSE(error.has_value());
  CHECK(error.error().kind == url::UrlError::Kind::has_path);
  CHECK(error.error().detail == "/?user=a&password=***&apikey=***&x=1");
  CHECK(error.error().redacted == "smtp://u:***@h");
}

TEST_CASE("parse_authority reads HOST:PORT alone", "[url]")
{
  const auto plain = url::parse_authority("smtp.example.com:587");
  REQUIRE(plain.has_value());
  CHECK(plain->host == "smtp.example.com");
  CHECK(plain->port == 587);
  const auto v6 = url::parse_authority("[::1]:993");
  REQUIRE(v6.has_value());
  CHECK(v6->host == "[::1]");
  CHECK(v6->port == 993);
  CHECK_FALSE(url::parse_authority("h").value().port.has_value());
  for (const char* bad : {"h:0", "h:65536", "h:", ":25", "[::1", "[::1]x", "h h:25"}) {
    INFO(bad);
    CHECK_FALSE(url::parse_authority(bad).has_value());
  }
}

TEST_CASE("mailto: is an address, and a user:password inside one is still hidden", "[url]")
{
  const auto address = parse_error("mailto:taro@example.com?subject=hi");
  CHECK(address.kind == UrlError::Kind::mailto);
  CHECK(address.detail == "taro@example.com");
  CHECK(address.redacted == "mailto:taro@example.com?subject=hi");
  // An address holds no unquoted ':' before its '@' (found by fuzz_mail_url).
  const auto password = parse_error("MAILTO:taro:hunter2@mail.example.com");
  CHECK(password.kind == UrlError::Kind::mailto);
  CHECK(password.detail == "taro:***@mail.example.com");
  CHECK(password.redacted == "MAILTO:taro:***@mail.example.com");
}
