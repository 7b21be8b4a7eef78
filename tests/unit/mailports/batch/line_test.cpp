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

using Problem = batch::LineError::Problem;

batch::LineError error_of(std::string_view line)
{
  const auto result = parse_line(line, table());
  REQUIRE_FALSE(result.has_value());
  return result.error();
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
  CHECK(error_of("").problem == Problem::not_json);
  CHECK(error_of("not json").code() == "bad-json");
  CHECK(error_of("[1,2]").problem == Problem::not_object);
  CHECK(error_of("[1,2]").value == "array");
  CHECK(error_of(std::string("{\"proto\":\"smtp\",\0\"port\":1}", 27)).problem == Problem::not_json);

  const auto missing = error_of(R"({"proto":"smtp","port":587})");
  CHECK(missing.problem == Problem::missing);
  CHECK(missing.field == "tls");
  CHECK(missing.code() == "bad-field");

  const auto proto = error_of(R"({"proto":"smtpx","port":587,"tls":"none"})");
  CHECK(proto.problem == Problem::bad_value);
  CHECK(proto.field == "proto");
  CHECK(proto.value == "smtpx");

  CHECK(error_of(R"({"proto":"smtp","port":0,"tls":"none"})").value == "0");
  CHECK(error_of(R"({"proto":"smtp","port":65536,"tls":"none"})").problem == Problem::bad_port);
  CHECK(error_of(R"({"proto":"smtp","port":18446744073709551615,"tls":"none"})").problem
        == Problem::bad_port);
  const auto fraction = error_of(R"({"proto":"smtp","port":5.5,"tls":"none"})");
  CHECK(fraction.problem == Problem::wrong_type);
  CHECK(fraction.value == "number");
  CHECK(error_of(R"({"proto":"smtp","port":587,"tls":"sttarttls"})").value == "sttarttls");
  CHECK(error_of(R"({"proto":"smtp","port":587,"tls":"none","role":"boss"})").field == "role");
  CHECK(error_of(R"({"url":"smtps://h","port":465})").problem == Problem::url_and_setting);
  const auto conflict = error_of(R"({"url":"smtps://h","tls":"starttls"})");
  CHECK(conflict.problem == Problem::tls_conflict);
  CHECK(conflict.field == "smtps");
  CHECK(conflict.value == "starttls");
}

TEST_CASE("a protocol the table has no settings for in the role is an error, as in check",
          "[batch]")
{
  // check --proto imap --port 993 --tls implicit --role relay exits 64.
  for (const auto* line : {R"({"proto":"imap","port":993,"tls":"implicit","role":"relay"})",
                           R"({"id":"x","proto":"imap","port":993,"tls":"implicit","role":"relay"})",
                           R"({"url":"imaps://mail.example.com","role":"relay"})"}) {
    INFO(line);
    const auto error = error_of(line);
    CHECK(error.problem == Problem::no_choices);
    CHECK(error.field == "imap");
    CHECK(error.value == "relay");
    CHECK(error.code() == "bad-field");
  }
  const auto pop3 = error_of(R"({"proto":"pop3","port":995,"tls":"implicit","role":"relay"})");
  CHECK(pop3.problem == Problem::no_choices);
  CHECK(pop3.field == "pop3");
  CHECK(error_of(R"({"id":5,"proto":"pop3","port":995,"tls":"ssl","role":"relay"})").id == 5);
  // SMTP relay has settings; IMAP for a client too.
  CHECK(parse_line(R"({"proto":"smtp","port":25,"tls":"none","role":"relay"})", table()));
  CHECK(parse_line(R"({"proto":"imap","port":993,"tls":"implicit","role":"client"})", table()));
}

TEST_CASE("an error keeps the line's id and never the password", "[batch]")
{
  const auto result = parse_line(R"({"id":"app-9","url":"smtps://u:hunter2@h:99999"})", table());
  REQUIRE_FALSE(result.has_value());
  CHECK(result.error().id == "app-9");
  CHECK(result.error().problem == Problem::bad_url);
  CHECK(result.error().value.find("hunter2") == std::string::npos);
  CHECK(result.error().value.find("***") != std::string::npos);
}

namespace {

// parse_line (with its fast path) and parse_line_full give the same answer.
void same_both_ways(std::string_view line)
{
  INFO(line);
  const auto fast = parse_line(line, table());
  const auto full = batch::parse_line_full(line, table());
  REQUIRE(fast.has_value() == full.has_value());
  if (!fast) {
    CHECK(fast.error().problem == full.error().problem);
    CHECK(fast.error().field == full.error().field);
    CHECK(fast.error().value == full.error().value);
    CHECK(fast.error().id.dump() == full.error().id.dump());
    return;
  }
  CHECK(fast->query.proto == full->query.proto);
  CHECK(fast->query.port == full->query.port);
  CHECK(fast->query.tls == full->query.tls);
  CHECK(fast->query.role == full->query.role);
  CHECK(fast->query.tls_stated == full->query.tls_stated);
  CHECK(fast->query == full->query); // and every other field
  CHECK(fast->id.dump() == full->id.dump());
  CHECK(fast->id.type() == full->id.type());
  CHECK(fast->url.has_value() == full->url.has_value());
  if (fast->url && full->url) {
    CHECK(fast->url->redacted == full->url->redacted);
    CHECK(fast->url->host == full->url->host);
    CHECK(fast->url->user == full->url->user);
    CHECK(fast->url->scheme == full->url->scheme);
    CHECK(fast->url->port == full->url->port);
  }
}

} // namespace

TEST_CASE("the fast path and the full parser agree, line by line", "[batch]")
{
  for (const auto* line : {
         R"({"id":1,"proto":"smtp","port":587,"tls":"starttls"})",
         R"(  { "proto" : "imap" , "port" : 993 , "tls" : "implicit" , "role" : "client" }  )",
         R"({"proto":"smtp","port":25,"tls":"opportunistic","role":"relay","id":"web-01"})",
         R"({"id":-7,"proto":"pop3","port":110,"tls":"none"})",
         R"({"id":-0,"proto":"pop3","port":110,"tls":"ssl"})",
         R"({"id":123456789012345678,"proto":"pop3","port":995,"tls":"TLS"})",
         R"({"id":1234567890123456789012,"proto":"pop3","port":995,"tls":"implicit"})",
         R"({"proto":"smtp","port":"587","tls":"starttls"})",
         R"({"proto":"smtp","port":587.0,"tls":"starttls"})",
         R"({"proto":"smtp","port":5e2,"tls":"starttls"})",
         R"({"proto":"smtp","port":0587,"tls":"starttls"})",
         R"({"proto":"smtp","port":0,"tls":"starttls"})",
         R"({"proto":"smtp","port":65536,"tls":"starttls"})",
         R"({"proto":"smtp","port":-587,"tls":"starttls"})",
         R"({"proto":"SMTP","port":587,"tls":"starttls"})",
         R"({"proto":"pop","port":995,"tls":"Start TLS"})",
         R"({"port":587,"tls":"TLS"})",
         R"({"port":2526,"tls":"starttls"})",
         R"({"proto":"smtp","port":587,"tls":""})",
         R"({"proto":"smtp","port":587,"tls":"starttls","role":""})",
         R"({"proto":"smtp","port":587})",
         R"({"proto":"smtp","port":587,"tls":"starttls","proto":"imap"})",
         R"({"proto":"smtp","port":587,"tls":"starttls",})",
         R"({"proto":"smtp","port":587,"tls":"starttls"} x)",
         R"({"proto":"smtp","port":587,"tls":"starttls","extra":[1,2]})",
         R"({"proto":"sm\u0074p","port":587,"tls":"starttls"})",
         R"({"proto":"smtp","port":587,"tls":"starttls","id":{"a":1}})",
         R"({"proto":"smtp","port":587,"tls":"starttls","id":null})",
         R"({"proto":"smtp","port":587,"tls":"starttls","id":"ü"})",
         R"({"url":"smtps://user:secret@mail.example.com","id":3})",
         R"({"proto":"imap","port":993,"tls":"implicit","role":"relay"})",
         R"({"id":9,"proto":"pop3","port":995,"tls":"implicit","role":"relay"})",
         R"({"url":"pop3s://h","role":"relay"})",
         R"({})",
         R"([])",
         R"("smtp")",
         R"({"proto":"smtp" "port":587})",
         R"({"proto":smtp,"port":587,"tls":"none"})",
         "",
         "{\"proto\":\"smtp\",\"port\":587,\"tls\":\"none\"}\t\r",
         R"({"id":7,"url":"submission://user7@mail7.example.com:587"})",
         R"({"url":"imaps://u:p@mail.example.com","tls":"implicit","role":"client","id":"x"})",
         R"({"url":"imaps://u:p@mail.example.com","tls":"starttls"})",
         R"({"url":"mail.example.com:587","tls":"TLS"})",
         R"({"url":"mail.example.com:2526"})",
         R"({"url":"smtp://h:465","proto":"smtp"})",
         R"({"url":"smtp://h:465","port":465})",
         R"({"url":"smtps://h/x?password=p"})",
         R"({"url":"imap://h","role":"relay"})",
         R"({"url":"smtp+tls://h:2525/"})",
         R"({"url":"smtps://h","url":"imaps://h"})",
         R"({"url":"smtps://h\u0041"})",
         R"({"url":"smtps://héllo.example"})",
         R"({"url":"mailto:taro@example.com"})",
       }) {
    same_both_ways(line);
  }
  std::string nul = R"({"proto":"smtp","port":587,"tls":"none"})";
  nul.push_back('\0');
  same_both_ways(nul);
}

TEST_CASE("batch fields are read as the command line is: NFKC, POP, Japanese modes", "[batch]")
{
  const auto wide = parse_line(R"({"proto":"ＩＭＡＰ","port":"９９３","tls":"暗黙的 TLS"})", table());
  REQUIRE(wide.has_value());
  CHECK(wide->query.proto == core::Proto::imap);
  CHECK(wide->query.port == 993);
  CHECK(wide->query.tls == core::TlsMode::implicit);
  const auto pop = parse_line(R"({"proto":"POP","port":995,"tls":"SSL/TLS"})", table());
  REQUIRE(pop.has_value());
  CHECK(pop->query.proto == core::Proto::pop3);
  const auto outlook = parse_line(R"({"proto":"smtp","port":587,"tls":"自動"})", table());
  REQUIRE(outlook.has_value());
  CHECK(outlook->query.tls == core::TlsMode::opportunistic);
}

TEST_CASE("a batch line without a protocol takes it from the port, as check does", "[batch]")
{
  const auto inferred = parse_line(R"({"port":587,"tls":"starttls"})", table());
  REQUIRE(inferred.has_value());
  CHECK(inferred->query.proto == core::Proto::smtp);
  CHECK(inferred->query.proto_inferred);
  CHECK(error_of(R"({"port":2526,"tls":"starttls"})").field == "proto");
  CHECK_FALSE(parse_line(R"({"proto":"smtp","port":587,"tls":"starttls"})", table())->query.proto_inferred);
}

TEST_CASE("the word TLS is flagged on both paths", "[batch]")
{
  for (const char* line : {R"({"proto":"smtp","port":587,"tls":"TLS"})", R"({"proto":"smtp","port":"587","tls":"TLS"})"}) {
    INFO(line);
    const auto result = parse_line(line, table());
    REQUIRE(result.has_value());
    CHECK(result->query.tls_word_ambiguous);
  }
  CHECK_FALSE(parse_line(R"({"proto":"smtp","port":587,"tls":"SSL"})", table())->query.tls_word_ambiguous);
  // The scheme decides a URL's mode, so "TLS" beside it is not a reading.
  CHECK_FALSE(parse_line(R"({"url":"smtps://h","tls":"TLS"})", table())->query.tls_word_ambiguous);
}

TEST_CASE("the batch's parser takes flat and URL lines without nlohmann, as the full parser reads them", "[batch]")
{
  batch::LineParser parser(table());
  batch::FastLine fast;
  REQUIRE(parser.parse_fast(R"({"id":7,"url":"smtps://u:secret@mail.example.com:465"})", fast));
  CHECK(fast.has_url);
  CHECK(fast.id == "7");
  CHECK(fast.url.redacted == "smtps://u:***@mail.example.com:465");
  CHECK(fast.url.host == "mail.example.com");
  CHECK(fast.query.tls == core::TlsMode::implicit);

  REQUIRE(parser.parse_fast(R"({"id":"a b","proto":"imap","port":143,"tls":"starttls"})", fast));
  CHECK_FALSE(fast.has_url);
  CHECK(fast.id == R"("a b")"); // the raw text, which is nlohmann's dump of it
  CHECK(fast.query.proto == core::Proto::imap);

  // nlohmann dumps -0 as 0: such an id, escapes and errors go the full way.
  CHECK_FALSE(parser.parse_fast(R"({"id":-0,"proto":"imap","port":143,"tls":"starttls"})", fast));
  CHECK_FALSE(parser.parse_fast(R"({"proto":"im\u0061p","port":143,"tls":"starttls"})", fast));
  CHECK_FALSE(parser.parse_fast(R"({"url":"smtps://h:0"})", fast));
  CHECK_FALSE(parser.parse_fast(R"({"url":"smtps://h","tls":"starttls"})", fast));
}

TEST_CASE("the batch's parser remembers words by their bytes, not by their reading", "[batch]")
{
  batch::LineParser parser(table());
  batch::FastLine fast;
  // "TLS" and "tls" read the same (implicit TLS, ambiguous); "SSL" too but is
  // not ambiguous; more words than the parser keeps are read all the same.
  for (int round = 0; round < 2; ++round) {
    for (const char* word : {"TLS", "tls", "SSL", "ssl", "STARTTLS", "Start TLS", "none", "may", "encrypt",
                             "Implicit", "implicit", "starttls", "opportunistic", "plain", "tls ", " TLS",
                             "T L S", "SSL/TLS", "a-word-longer-than-the-twenty-four-kept"}) {
      const std::string line = std::string(R"({"proto":"smtp","port":587,"tls":")") + word + "\"}";
      INFO(line);
      const auto full = batch::parse_line_full(line, table());
      const bool taken = parser.parse_fast(line, fast);
      REQUIRE(taken == full.has_value());
      if (taken) {
        CHECK(fast.query == full->query);
      }
    }
  }
}
