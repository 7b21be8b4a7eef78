// diagnose/redact: what log mode shows of a line never holds its secrets.
#include "catch.hpp"

#include <mailports/diagnose/redact.hpp>

using mailports::diagnose::redact_secrets;

TEST_CASE("a URL's password is hidden, its user and host kept", "[diagnose][redact]")
{
  CHECK(redact_secrets("curl: (67) Login denied for smtps://alice:hunter2@smtp.example.com:465")
        == "curl: (67) Login denied for smtps://alice:***@smtp.example.com:465");
  CHECK(redact_secrets("imaps://a:b@h/INBOX and smtp://c:d@e") == "imaps://a:***@h/INBOX and smtp://c:***@e");
  CHECK(redact_secrets("smtp://host:587 no user") == "smtp://host:587 no user");
  CHECK(redact_secrets("smtps://alice@host") == "smtps://alice@host");
  // a password holding '@': the last one ends the userinfo
  CHECK(redact_secrets("smtps://u:p@ss@host") == "smtps://u:***@host");
}

TEST_CASE("the credentials after AUTH are hidden, words are not", "[diagnose][redact]")
{
  CHECK(redact_secrets("C: AUTH PLAIN AGFsaWNlAGh1bnRlcjI=") == "C: AUTH PLAIN ***");
  CHECK(redact_secrets("> auth login YWxpY2VAZXhhbXBsZS5jb20") == "> auth login ***");
  CHECK(redact_secrets("504 5.7.4 AUTH PLAIN not supported") == "504 5.7.4 AUTH PLAIN not supported");
  CHECK(redact_secrets("lost connection after AUTH from unknown[192.0.2.1]")
        == "lost connection after AUTH from unknown[192.0.2.1]");
}

TEST_CASE("a key naming a password or token has its value hidden", "[diagnose][redact]")
{
  CHECK(redact_secrets("password=hunter2 user=alice") == "password=*** user=alice");
  CHECK(redact_secrets("Pass: hunter2") == "Pass: ***");
  CHECK(redact_secrets(R"(api_key = "SG.abc def")") == R"(api_key = "***")");
  CHECK(redact_secrets("token='x y' next") == "token='***' next");
  // words, not keys: nothing hidden
  CHECK(redact_secrets("Please check your password and verify the method")
        == "Please check your password and verify the method");
  CHECK(redact_secrets("bypass=1 passed: yes") == "bypass=1 passed: yes");
  CHECK(redact_secrets("password=") == "password=");
}
