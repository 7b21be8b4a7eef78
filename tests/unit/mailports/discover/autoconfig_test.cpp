// discover/autoconfig: clientConfig files read the way Thunderbird reads
// them, real ISPDB files and crafted bad ones, every silent failure named.
#include "catch.hpp"
#include "mailports/support.hpp"

#include <mailports/discover/autoconfig.hpp>

#include <algorithm>
#include <string>

using mailports::core::Proto;
using mailports::core::TlsMode;
using mailports::discover::AddressParts;
using mailports::discover::AutoconfigProblem;
using mailports::discover::AutoconfigResult;
using mailports::discover::ProblemEffect;
using mailports::discover::read_autoconfig;

namespace {

const AddressParts k_taro{"taro", "example.test"};

AutoconfigResult read_file(const std::string& name, const AddressParts& who = k_taro,
                           std::string_view content_type = "text/xml")
{
  return read_autoconfig(mailports::test::slurp(mailports::test::test_data("autoconfig/" + name)), content_type,
                         who);
}

std::vector<std::string> codes(const AutoconfigResult& r)
{
  std::vector<std::string> out;
  for (const auto& p : r.problems) {
    out.push_back(p.code);
  }
  return out;
}

const AutoconfigProblem* find(const AutoconfigResult& r, std::string_view code)
{
  const auto it = std::find_if(r.problems.begin(), r.problems.end(), [&](const auto& p) { return p.code == code; });
  return it == r.problems.end() ? nullptr : &*it;
}

std::string wrap(const std::string& servers)
{
  return "<clientConfig version=\"1.1\"><emailProvider id=\"x\">" + servers + "</emailProvider></clientConfig>";
}

const std::string k_imap = "<incomingServer type=\"imap\"><hostname>imap.example.test</hostname><port>993</port>"
                           "<socketType>SSL</socketType><username>%EMAILADDRESS%</username>"
                           "<authentication>password-cleartext</authentication></incomingServer>";
const std::string k_smtp = "<outgoingServer type=\"smtp\"><hostname>smtp.example.test</hostname><port>465</port>"
                           "<socketType>SSL</socketType><username>%EMAILADDRESS%</username>"
                           "<authentication>password-cleartext</authentication></outgoingServer>";

} // namespace

TEST_CASE("autoconfig: Gmail's ISPDB file reads as three servers, no problems", "[autoconfig]")
{
  const auto r = read_file("googlemail.com.xml", {"taro", "gmail.com"});
  CHECK(r.accepted);
  CHECK(r.problems.empty());
  REQUIRE(r.incoming.size() == 2);
  REQUIRE(r.outgoing.size() == 1);
  CHECK(r.incoming[0].proto == Proto::imap);
  CHECK(r.incoming[0].hostname == "imap.gmail.com");
  CHECK(r.incoming[0].port == 993);
  CHECK(r.incoming[0].tls == TlsMode::implicit);
  CHECK(r.incoming[0].username == "taro@gmail.com");
  CHECK(r.incoming[0].username_template == "%EMAILADDRESS%");
  CHECK(r.incoming[0].authentication == std::vector<std::string>{"OAuth2", "password-cleartext"});
  CHECK(r.incoming[1].proto == Proto::pop3);
  CHECK(r.incoming[1].port == 995);
  CHECK(r.outgoing[0].proto == Proto::smtp);
  CHECK(r.outgoing[0].hostname == "smtp.gmail.com");
  CHECK(r.outgoing[0].port == 465);
}

TEST_CASE("autoconfig: placeholders in host names are filled for the address", "[autoconfig]")
{
  const auto r = read_file("inbox.lv.xml", {"anna", "inbox.lv"});
  CHECK(r.accepted);
  CHECK(r.problems.empty());
  REQUIRE_FALSE(r.incoming.empty());
  for (const auto& s : r.incoming) {
    CHECK(s.hostname == "mail.inbox.lv");
    CHECK(s.username == "anna@inbox.lv");
  }
  REQUIRE(r.outgoing.size() == 1);
  CHECK(r.outgoing[0].hostname == "mail.inbox.lv");
}

TEST_CASE("autoconfig: the local part alone, and two outgoing servers in order", "[autoconfig]")
{
  const auto jp = read_file("yahoo.co.jp.xml", {"hanako", "yahoo.co.jp"});
  CHECK(jp.accepted);
  REQUIRE(jp.incoming.size() == 1);
  CHECK(jp.incoming[0].username == "hanako");

  const auto de = read_file("t-online.de.xml", {"max", "t-online.de"});
  CHECK(de.accepted);
  REQUIRE(de.outgoing.size() == 2);
  CHECK(de.outgoing[0].port == 465);
  CHECK(de.outgoing[0].tls == TlsMode::implicit);
  CHECK(de.outgoing[1].port == 587);
  CHECK(de.outgoing[1].tls == TlsMode::starttls);
}

TEST_CASE("autoconfig: a domain without an address fills only %EMAILDOMAIN%", "[autoconfig]")
{
  const auto r = read_file("inbox.lv.xml", {"", "inbox.lv"});
  CHECK(r.accepted);
  REQUIRE_FALSE(r.incoming.empty());
  CHECK(r.incoming[0].hostname == "mail.inbox.lv");
  CHECK(r.incoming[0].username == "%EMAILADDRESS%");
  const auto* p = find(r, "placeholder");
  REQUIRE(p != nullptr);
  CHECK(p->effect == ProblemEffect::note);
}

TEST_CASE("autoconfig: Content-Type decides whether Thunderbird reads XML at all", "[autoconfig]")
{
  SECTION("text/xml and application/xml, with parameters")
  {
    CHECK(read_file("googlemail.com.xml", k_taro, "text/xml; charset=utf-8").problems.empty());
    CHECK(read_file("googlemail.com.xml", k_taro, "application/xml").problems.empty());
  }
  SECTION("text/plain: rejected, but the servers are still listed")
  {
    const auto r = read_file("googlemail.com.xml", k_taro, "text/plain");
    CHECK_FALSE(r.accepted);
    CHECK(codes(r) == std::vector<std::string>{"content-type"});
    CHECK(r.problems[0].effect == ProblemEffect::rejects_file);
    CHECK(r.problems[0].detail.find("text/plain") != std::string::npos);
    CHECK(r.incoming.size() == 2);
  }
  SECTION("no Content-Type")
  {
    const auto r = read_file("googlemail.com.xml", k_taro, "");
    CHECK_FALSE(r.accepted);
    CHECK(r.problems[0].detail.find("(none)") != std::string::npos);
  }
  SECTION("text/rdf: Thunderbird takes it; said as a note")
  {
    const auto r = read_file("googlemail.com.xml", k_taro, "text/rdf");
    CHECK(r.accepted);
    REQUIRE(codes(r) == std::vector<std::string>{"content-type"});
    CHECK(r.problems[0].effect == ProblemEffect::note);
    CHECK(r.problems[0].detail.find("Thunderbird") != std::string::npos);
  }
}

TEST_CASE("autoconfig: STARTSSL drops that server, as Thunderbird does", "[autoconfig]")
{
  const auto r = read_file("bad-startssl.xml");
  CHECK(r.accepted);
  REQUIRE(codes(r) == std::vector<std::string>{"socket-type"});
  CHECK(r.problems[0].effect == ProblemEffect::drops_server);
  CHECK(r.problems[0].detail.find("STARTSSL") != std::string::npos);
  CHECK(r.problems[0].detail.find("outgoingServer #1") != std::string::npos);
  REQUIRE(r.outgoing.size() == 1);
  CHECK(r.outgoing[0].port == 465);
}

TEST_CASE("autoconfig: the first socketType Thunderbird knows wins", "[autoconfig]")
{
  const auto r = read_autoconfig(
    wrap(k_imap +
         "<outgoingServer type=\"smtp\"><hostname>s.example.test</hostname><port>587</port>"
         "<socketType>starttls</socketType><socketType>STARTTLS</socketType>"
         "<authentication>password-cleartext</authentication></outgoingServer>"),
    "text/xml", k_taro);
  CHECK(r.accepted);
  REQUIRE(r.outgoing.size() == 1);
  CHECK(r.outgoing[0].tls == TlsMode::starttls);
  REQUIRE(codes(r) == std::vector<std::string>{"socket-type"});
  CHECK(r.problems[0].effect == ProblemEffect::note);
}

TEST_CASE("autoconfig: no outgoing server rejects the file", "[autoconfig]")
{
  const auto r = read_file("bad-no-outgoing.xml");
  CHECK_FALSE(r.accepted);
  CHECK(codes(r) == std::vector<std::string>{"no-outgoing"});
  CHECK(r.incoming.size() == 1);

  const auto none_in = read_autoconfig(wrap(k_smtp), "text/xml", k_taro);
  CHECK_FALSE(none_in.accepted);
  CHECK(codes(none_in) == std::vector<std::string>{"no-incoming"});
}

TEST_CASE("autoconfig: ports outside 1-65535 drop the server", "[autoconfig]")
{
  const auto r = read_file("bad-port-zero.xml");
  CHECK(r.accepted);
  REQUIRE(codes(r) == std::vector<std::string>{"bad-port"});
  CHECK(r.problems[0].effect == ProblemEffect::drops_server);
  REQUIRE(r.incoming.size() == 1);
  CHECK(r.incoming[0].proto == Proto::pop3);

  for (const std::string port : {"65536", "-1", "99999999999", "1e3", "", "0x10"}) {
    INFO("port " << port);
    const auto one = read_autoconfig(
      wrap("<incomingServer type=\"imap\"><hostname>h</hostname><port>" + port +
           "</port><socketType>SSL</socketType></incomingServer>" + k_smtp),
      "text/xml", k_taro);
    CHECK_FALSE(one.accepted);
    CHECK(codes(one).front() == "bad-port");
  }
  CHECK(read_autoconfig(wrap("<incomingServer type=\"imap\"><hostname>h</hostname><port> 65535 </port>"
                             "<socketType>plain</socketType><authentication>plain</authentication>"
                             "</incomingServer>" + k_smtp),
                        "text/xml", k_taro)
          .incoming.at(0)
          .port == 65535);
}

TEST_CASE("autoconfig: unknown placeholders are named; host names trimmed and lower-cased", "[autoconfig]")
{
  const auto r = read_file("bad-placeholder.xml");
  CHECK(r.accepted);
  REQUIRE(codes(r) == std::vector<std::string>{"placeholder"});
  CHECK(r.problems[0].detail.find("%DOMAIN%") != std::string::npos);
  REQUIRE(r.incoming.size() == 1);
  CHECK(r.incoming[0].hostname == "mail.%domain%");
  REQUIRE(r.outgoing.size() == 1);
  CHECK(r.outgoing[0].hostname == "smtp.example.test");

  const auto unclosed = read_autoconfig(
    wrap(k_imap + "<outgoingServer type=\"smtp\"><hostname>smtp.example.test</hostname><port>465</port>"
                  "<socketType>SSL</socketType><username>%EMAILADDRESS</username>"
                  "<authentication>password-cleartext</authentication></outgoingServer>"),
    "text/xml", k_taro);
  CHECK(codes(unclosed) == std::vector<std::string>{"placeholder"});
}

TEST_CASE("autoconfig: a '%' in the user's own address is not a placeholder", "[autoconfig]")
{
  const auto r = read_autoconfig(wrap(k_imap + k_smtp), "text/xml", {"a%EMAILDOMAIN%b", "example.test"});
  CHECK(r.problems.empty());
  CHECK(r.incoming.at(0).username == "a%EMAILDOMAIN%b@example.test");
}

TEST_CASE("autoconfig: server types Thunderbird does not know are dropped", "[autoconfig]")
{
  const auto r = read_autoconfig(
    wrap("<incomingServer type=\"IMAP\"><hostname>h</hostname><port>993</port><socketType>SSL</socketType>"
         "</incomingServer>"
         "<incomingServer type=\"exchange\"><hostname>ex.example.test</hostname><port>443</port>"
         "<socketType>SSL</socketType><authentication>OAuth2</authentication></incomingServer>" +
         k_smtp),
    "text/xml", k_taro);
  // exchange counts for Thunderbird, so the file stands, but mailports
  // reports only IMAP and POP3.
  CHECK(r.accepted);
  CHECK(r.incoming.empty());
  CHECK(codes(r) == std::vector<std::string>{"server-type"});
}

TEST_CASE("autoconfig: no hostname, no socketType, unknown authentication", "[autoconfig]")
{
  const auto r = read_autoconfig(
    wrap("<incomingServer type=\"imap\"><hostname>  </hostname><port>993</port><socketType>SSL</socketType>"
         "</incomingServer>"
         "<incomingServer type=\"imap\"><hostname>h</hostname><port>993</port></incomingServer>"
         "<incomingServer type=\"pop3\"><hostname>p</hostname><port>995</port><socketType>SSL</socketType>"
         "<authentication>password-magic</authentication></incomingServer>" +
         k_smtp),
    "text/xml", k_taro);
  CHECK(codes(r) == std::vector<std::string>{"no-hostname", "socket-type", "authentication"});
  CHECK(codes(read_autoconfig(wrap("<incomingServer type=\"imap\"><hostname>メール.example.test</hostname>"
                                   "<port>993</port><socketType>SSL</socketType></incomingServer>" + k_smtp),
                              "text/xml", k_taro))
          .front() == "bad-hostname");
  REQUIRE(r.incoming.size() == 1);
  CHECK(r.incoming[0].authentication == std::vector<std::string>{"password-magic"});
}

TEST_CASE("autoconfig: not XML, not a clientConfig, no emailProvider", "[autoconfig]")
{
  const auto broken = read_autoconfig("<clientConfig><emailProvider>", "text/xml", k_taro);
  CHECK_FALSE(broken.accepted);
  REQUIRE(codes(broken) == std::vector<std::string>{"not-xml"});
  CHECK(broken.problems[0].detail.find("at byte") != std::string::npos);

  CHECK(codes(read_autoconfig("", "text/xml", k_taro)) == std::vector<std::string>{"not-xml"});
  CHECK(codes(read_autoconfig("<html><body>hi</body></html>", "text/xml", k_taro)) ==
        std::vector<std::string>{"not-client-config"});
  CHECK(codes(read_autoconfig("<clientConfig/>", "text/xml", k_taro)) ==
        std::vector<std::string>{"no-email-provider"});
}

TEST_CASE("autoconfig: a DOCTYPE entity bomb is not expanded", "[autoconfig]")
{
  const auto r = read_file("bad-entity-bomb.xml");
  // The references stay as written: no 3 GB of "lol", no /etc/passwd; and
  // '&' in a host name drops that server, as in Thunderbird.
  REQUIRE(codes(r) == std::vector<std::string>{"bad-hostname", "no-incoming"});
  const auto& detail = r.problems[0].detail;
  CHECK(detail.find("imap.example.test&lol9;&xxe;") != std::string::npos);
  CHECK(detail.size() < 300);
  CHECK(detail.find("root:") == std::string::npos);
  REQUIRE(r.outgoing.size() == 1);

  // Where text is kept (a username), the reference is kept as written too.
  const auto kept = read_autoconfig(
    "<!DOCTYPE c [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">]>" +
      wrap(k_imap + "<outgoingServer type=\"smtp\"><hostname>s</hostname><port>465</port>"
                    "<socketType>SSL</socketType><username>&b;</username></outgoingServer>"),
    "text/xml", k_taro);
  REQUIRE(kept.outgoing.size() == 1);
  CHECK(kept.outgoing[0].username == "&b;");
}

TEST_CASE("autoconfig: a body over 1 MiB is not parsed", "[autoconfig]")
{
  std::string body = wrap(k_imap + k_smtp);
  body.insert(body.size() - std::string("</clientConfig>").size(),
              std::string(2U << 20, ' '));
  const auto r = read_autoconfig(body, "text/xml", k_taro);
  CHECK_FALSE(r.accepted);
  CHECK(codes(r) == std::vector<std::string>{"too-large"});
  CHECK(r.incoming.empty());
}
