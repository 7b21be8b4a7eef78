#include "catch.hpp"

#include <mailports/batch/line.hpp>
#include <mailports/rules/builtin.hpp>

#include <string>

using mailports::batch::parse_line;
using namespace mailports;

namespace {

const rules::Table& table()
{
  return rules::builtin_table();
}

std::string error_code(std::string_view line)
{
  const auto result = parse_line(line, table());
  REQUIRE_FALSE(result.has_value());
  return result.error().code;
}

std::string error_message(std::string_view line)
{
  const auto result = parse_line(line, table());
  REQUIRE_FALSE(result.has_value());
  return result.error().message;
}

} // namespace

TEST_CASE("a setting line becomes a query, with aliases and the id", "[batch]")
{
  const auto result = parse_line(R"({"proto":"imap","port":"993","tls":"SSL","id":[1,"x"]})", table());
  REQUIRE(result.has_value());
  CHECK(result->query.proto == core::Proto::imap);
  CHECK(result->query.port == 993);
  CHECK(result->query.tls == core::TlsMode::implicit);
  CHECK(result->query.role == core::Role::client);
  CHECK(result->query.tls_stated);
  CHECK(result->id.dump() == R"([1,"x"])");
  CHECK_FALSE(result->url.has_value());
}

TEST_CASE("a URL line takes the port from the scheme and the mode from the line", "[batch]")
{
  const auto result =
    parse_line(R"({"url":"submission://u:hunter2@mail.example.com","tls":"starttls","role":"client"})",
               table());
  REQUIRE(result.has_value());
  CHECK(result->query.port == 587);
  CHECK(result->query.tls == core::TlsMode::starttls);
  REQUIRE(result->url.has_value());
  CHECK(result->url->redacted == "submission://u:***@mail.example.com");
}

TEST_CASE("a URL line without a mode assumes the port's own and says so", "[batch]")
{
  const auto result = parse_line(R"({"url":"smtp://mail.example.com:465"})", table());
  REQUIRE(result.has_value());
  CHECK(result->query.tls == core::TlsMode::implicit);
  CHECK_FALSE(result->query.tls_stated);
}

TEST_CASE("bad lines are errors that name the problem", "[batch]")
{
  CHECK(error_code("") == "bad-json");
  CHECK(error_code("not json") == "bad-json");
  CHECK(error_code("[1,2]") == "bad-json");
  CHECK(error_code(std::string("{\"proto\":\"smtp\",\0\"port\":1}", 27)) == "bad-json");
  CHECK(error_message(R"({"proto":"smtp","port":587})").find("\"tls\"") != std::string::npos);
  CHECK(error_message(R"({"proto":"smtpx","port":587,"tls":"none"})").find("smtpx") != std::string::npos);
  CHECK(error_message(R"({"proto":"smtp","port":0,"tls":"none"})").find("invalid port 0") != std::string::npos);
  CHECK(error_message(R"({"proto":"smtp","port":65536,"tls":"none"})").find("65536") != std::string::npos);
  CHECK(error_message(R"({"proto":"smtp","port":18446744073709551615,"tls":"none"})").find("invalid port") != std::string::npos);
  CHECK(error_message(R"({"proto":"smtp","port":5.5,"tls":"none"})").find("must be a number") != std::string::npos);
  CHECK(error_message(R"({"proto":"smtp","port":587,"tls":"sttarttls"})").find("sttarttls") != std::string::npos);
  CHECK(error_message(R"({"proto":"smtp","port":587,"tls":"none","role":"boss"})").find("role") != std::string::npos);
  CHECK(error_message(R"({"url":"smtps://h","port":465})").find("not both") != std::string::npos);
  CHECK(error_message(R"({"url":"smtps://h","tls":"starttls"})").find("implicit") != std::string::npos);
}

TEST_CASE("an error keeps the line's id and never the password", "[batch]")
{
  const auto result = parse_line(R"({"id":"app-9","url":"smtps://u:hunter2@h:99999"})", table());
  REQUIRE_FALSE(result.has_value());
  CHECK(result.error().id == "app-9");
  CHECK(result.error().code == "bad-field");
  CHECK(result.error().message.find("hunter2") == std::string::npos);
  CHECK(result.error().message.find("***") != std::string::npos);
}
