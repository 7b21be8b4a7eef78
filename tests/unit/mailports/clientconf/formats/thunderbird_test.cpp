// clientconf/formats/thunderbird: the autoconfig file a domain publishes,
// written and read back; the reader is discover's, given the file as written.
#include "catch.hpp"
#include "corpus_support.hpp"

#include <string>

using namespace mailports;
using namespace mailports::clientconf;
using mailports::test::findings_of;

namespace {

const Format& tb = *find_format("thunderbird");

WritePlan plan_for(core::Lang lang = core::Lang::en)
{
  WritePlan plan;
  plan.account = "example";
  plan.domain = "example.test";
  plan.provider = "Example & Co";
  plan.incoming = {{core::Proto::imap, "imap.example.test", 993, core::TlsMode::implicit, {}},
                   {core::Proto::pop3, "pop.example.test", 995, core::TlsMode::implicit, {}}};
  plan.outgoing = {{core::Proto::smtp, "smtp.example.test", 465, core::TlsMode::implicit, {}},
                   {core::Proto::smtp, "smtp.example.test", 587, core::TlsMode::starttls,
                    {"a warning -- with dashes"}}};
  plan.lang = lang;
  plan.generator = "mailports 0.1.0";
  return plan;
}

std::string wrap(const std::string& servers)
{
  return "<?xml version=\"1.0\"?>\n<clientConfig version=\"1.1\">\n<emailProvider id=\"example.test\">\n" + servers +
         "</emailProvider>\n</clientConfig>\n";
}

const std::string k_imap = "<incomingServer type=\"imap\"><hostname>imap.example.test</hostname><port>993</port>"
                           "<socketType>SSL</socketType><username>%EMAILADDRESS%</username>"
                           "<authentication>password-cleartext</authentication></incomingServer>\n";
const std::string k_smtp = "<outgoingServer type=\"smtp\"><hostname>smtp.example.test</hostname><port>465</port>"
                           "<socketType>SSL</socketType><username>%EMAILADDRESS%</username>"
                           "<authentication>password-cleartext</authentication></outgoingServer>\n";

} // namespace

TEST_CASE("thunderbird writes a clientConfig 1.1 file for the domain", "[clientconf][thunderbird]")
{
  const auto text = tb.write(plan_for());
  REQUIRE(text.has_value());
  CHECK(text->starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!-- Written by mailports 0.1.0"));
  CHECK(text->find("<emailProvider id=\"example.test\">") != std::string::npos);
  CHECK(text->find("<displayName>Example &amp; Co</displayName>") != std::string::npos);
  CHECK(text->find("<socketType>SSL</socketType>") != std::string::npos);
  CHECK(text->find("<socketType>STARTTLS</socketType>") != std::string::npos);
  CHECK(text->find("<username>%EMAILADDRESS%</username>") != std::string::npos);
  CHECK(text->find("<authentication>password-cleartext</authentication>") != std::string::npos);
  CHECK(text->find("https://autoconfig.example.test/mail/config-v1.1.xml") != std::string::npos);
  // "--" may not appear inside an XML comment.
  CHECK(text->find("<!-- a warning - - with dashes -->") != std::string::npos);
  CHECK(text->find("<documentation") == std::string::npos);
  CHECK(text->find("<password") == std::string::npos);

  const auto ja = tb.write(plan_for(core::Lang::ja));
  REQUIRE(ja.has_value());
  CHECK(ja->find("公開してください") != std::string::npos);
  CHECK(ja->find("このファイルにパスワードは書いていません") != std::string::npos);

  auto with_user = plan_for();
  with_user.user = "taro@example.test";
  CHECK(tb.write(with_user)->find("<username>taro@example.test</username>") != std::string::npos);
}

TEST_CASE("thunderbird needs a domain, an incoming and an outgoing server", "[clientconf][thunderbird]")
{
  auto plan = plan_for();
  plan.domain.clear();
  CHECK(tb.write(plan).error().kind == WriteError::Kind::needs_domain);
  plan = plan_for();
  plan.incoming.clear();
  CHECK(tb.write(plan).error().kind == WriteError::Kind::needs_incoming);
  plan = plan_for();
  plan.outgoing.clear();
  CHECK(tb.write(plan).error().kind == WriteError::Kind::needs_outgoing);
}

TEST_CASE("thunderbird: what it writes reads back as the plan, with no error", "[clientconf][thunderbird]")
{
  for (const auto lang : {core::Lang::en, core::Lang::ja}) {
    const auto plan = plan_for(lang);
    const auto parsed = tb.read(*tb.write(plan), {});
    REQUIRE(parsed.has_value());
    REQUIRE(parsed->accounts.size() == 1);
    const auto& account = parsed->accounts.front();
    CHECK(account.name == "example.test");
    REQUIRE(account.endpoints.size() == 4);
    std::vector<WriteServer> all = plan.incoming;
    all.insert(all.end(), plan.outgoing.begin(), plan.outgoing.end());
    for (std::size_t i = 0; i < all.size(); ++i) {
      CHECK(account.endpoints[i].proto == all[i].proto);
      CHECK(account.endpoints[i].host == all[i].host);
      CHECK(account.endpoints[i].port == all[i].port);
      CHECK(account.endpoints[i].tls == all[i].tls);
      CHECK(account.endpoints[i].user == "%EMAILADDRESS%");
      CHECK(account.endpoints[i].where.line > 0);
    }
    CHECK(judge(rules::builtin_table(), *parsed).verdict != core::Verdict::error);
  }
}

TEST_CASE("thunderbird reads a misspelled socketType with its line", "[clientconf][thunderbird]")
{
  const auto text = wrap(k_imap + k_smtp +
                         "<outgoingServer type=\"smtp\">\n<hostname>smtp.example.test</hostname>\n<port>587</port>\n"
                         "  <socketType>STARTSSL</socketType>\n</outgoingServer>\n");
  const auto parsed = tb.read(text, {});
  REQUIRE(parsed.has_value());
  REQUIRE(parsed->accounts.size() == 1);
  const auto& findings = parsed->accounts[0].findings;
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].code == "autoconfig-socket-type");
  CHECK(findings[0].where == Location{9, 3});
  CHECK(findings[0].setting == "socketType");
  CHECK(findings[0].value == "STARTSSL");
  CHECK(parsed->accounts[0].endpoints.size() == 2); // the 587 server is skipped, as Thunderbird does
}

TEST_CASE("thunderbird: STARTTLS ahead of an implicit-TLS server is flagged", "[clientconf][thunderbird]")
{
  const std::string starttls = "<outgoingServer type=\"smtp\"><hostname>smtp.example.test</hostname><port>587</port>"
                               "<socketType>STARTTLS</socketType></outgoingServer>\n";
  const auto parsed = tb.read(wrap(k_imap + starttls + k_smtp), {});
  REQUIRE(parsed.has_value());
  const auto& e = parsed->accounts[0].endpoints;
  REQUIRE(e.size() == 3);
  REQUIRE(e[1].findings.size() == 1);
  CHECK(e[1].findings[0].code == "thunderbird-starttls-first");
  CHECK(e[1].findings[0].value == "smtp.example.test:587");
  CHECK(e[1].findings[0].other == "smtp.example.test:465");
  // The right order is fine.
  const auto right = tb.read(wrap(k_imap + k_smtp + starttls), {});
  CHECK(right->accounts[0].endpoints[2].findings.empty());
}

TEST_CASE("thunderbird: a file Thunderbird rejects says so", "[clientconf][thunderbird]")
{
  const auto parsed = tb.read(wrap(k_imap), {});
  REQUIRE(parsed.has_value());
  const auto codes = findings_of(*parsed);
  CHECK(codes.count({"autoconfig-no-outgoing", 3}) == 1);
  CHECK(codes.count({"thunderbird-file-rejected", 1}) == 1);
  CHECK(judge(rules::builtin_table(), *parsed).verdict == core::Verdict::error);

  const auto other_root = tb.read("<?xml version=\"1.0\"?>\n<html/>\n", {});
  REQUIRE(other_root.has_value());
  CHECK(findings_of(*other_root).count({"autoconfig-not-client-config", 2}) == 1);
}

TEST_CASE("thunderbird: XML that does not parse is a syntax error with line:column", "[clientconf][thunderbird]")
{
  const auto bad = tb.read("<?xml version=\"1.0\"?>\n<clientConfig>\n  <emailProvider id=\"x\">\n</clientConfig>\n", {});
  REQUIRE_FALSE(bad.has_value());
  CHECK(bad.error().kind == SyntaxError::Kind::not_xml);
  CHECK(bad.error().where.line == 4);
  CHECK(bad.error().where.column > 0);
  CHECK(!bad.error().detail.empty());
}

TEST_CASE("thunderbird: bad input", "[clientconf][thunderbird]")
{
  CHECK(tb.read(std::string("<clientConfig>\0</clientConfig>", 31), {}).error().kind == SyntaxError::Kind::binary);
  CHECK(tb.read(std::string(k_max_config_bytes + 1, ' '), {}).error().kind == SyntaxError::Kind::too_large);
  CHECK(tb.read("<clientConfig>\xff</clientConfig>", {}).error().kind == SyntaxError::Kind::not_utf8);

  // A BOM and CRLF: the same servers and lines as without.
  std::string crlf;
  for (const char c : wrap(k_imap + k_smtp)) {
    crlf += c == '\n' ? std::string("\r\n") : std::string(1, c);
  }
  const auto bom = tb.read("\xEF\xBB\xBF" + crlf, {});
  REQUIRE(bom.has_value());
  REQUIRE(bom->accounts.size() == 1);
  CHECK(bom->accounts[0].endpoints.size() == 2);
  CHECK(bom->accounts[0].endpoints[1].where.line == 5);
  CHECK(findings_of(*bom).empty());

  // Unknown elements are ignored; an entity is never expanded (no DTD).
  const auto unknown = tb.read(wrap("<futureThing>x</futureThing>\n" + k_imap + k_smtp), {});
  REQUIRE(unknown.has_value());
  CHECK(findings_of(*unknown).empty());
  const auto entity = tb.read("<?xml version=\"1.0\"?>\n<!DOCTYPE c [<!ENTITY h SYSTEM \"file:///etc/passwd\">]>\n" +
                                wrap(k_imap + k_smtp).substr(22),
                              {});
  REQUIRE(entity.has_value());
}

TEST_CASE("thunderbird: a password in the file is found, never shown", "[clientconf][thunderbird]")
{
  const auto text = mailports::test::slurp(mailports::test::test_data("lint/thunderbird/password.xml"));
  const auto parsed = tb.read(text, {});
  REQUIRE(parsed.has_value());
  CHECK(findings_of(*parsed).count({"config-password-stored", 11}) == 1);
  CHECK(mailports::test::everything_shown(*parsed).find("Sup3r-Secret-Lint") == std::string::npos);
}

TEST_CASE("thunderbird: names and content say the format", "[clientconf][thunderbird]")
{
  const auto text = *tb.write(plan_for());
  CHECK(tb.sniff(text) > 50);
  CHECK(tb.sniff("relayhost = [x]:587") == 0);
  CHECK(detect_format("/srv/www/mail/config-v1.1.xml", "") == &tb);
  CHECK(detect_format("example.xml", text) == &tb);
}

TEST_CASE("thunderbird: the lint corpus gives the expected findings", "[clientconf][thunderbird]")
{
  mailports::test::check_corpus(tb);
}

TEST_CASE("thunderbird: written for every built-in provider, it lints without an error", "[clientconf][thunderbird]")
{
  CHECK(mailports::test::lint_every_provider(tb) > 100);
}
