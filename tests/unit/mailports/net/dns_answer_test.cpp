#include "catch.hpp"

#include <mailports/net/dns.hpp>

#include <cstdint>
#include <initializer_list>
#include <string>
#include <vector>

using namespace mailports::net;

namespace {

using Bytes = std::vector<std::uint8_t>;

void append(Bytes& out, std::initializer_list<int> bytes)
{
  for (const int b : bytes) {
    out.push_back(static_cast<std::uint8_t>(b));
  }
}

void append16(Bytes& out, int value)
{
  append(out, {(value >> 8) & 0xFF, value & 0xFF});
}

void append_name(Bytes& out, const std::string& dotted)
{
  std::size_t start = 0;
  while (start < dotted.size()) {
    auto end = dotted.find('.', start);
    if (end == std::string::npos) {
      end = dotted.size();
    }
    out.push_back(static_cast<std::uint8_t>(end - start));
    out.insert(out.end(), dotted.begin() + static_cast<long>(start), dotted.begin() + static_cast<long>(end));
    start = end + 1;
  }
  out.push_back(0);
}

// A reply header, then one question for `qname` (at offset 12).
Bytes reply(int rcode, int answers, const std::string& qname, int qtype)
{
  Bytes m;
  append(m, {0x12, 0x34, 0x81, 0x80 | rcode});
  append16(m, 1);
  append16(m, answers);
  append16(m, 0);
  append16(m, 0);
  append_name(m, qname);
  append16(m, qtype);
  append16(m, 1);
  return m;
}

// An answer record owned by the question's name (pointer to offset 12).
void append_record(Bytes& m, int type, const Bytes& rdata)
{
  append(m, {0xC0, 12});
  append16(m, type);
  append16(m, 1);
  append(m, {0, 0, 0, 60});
  append16(m, static_cast<int>(rdata.size()));
  m.insert(m.end(), rdata.begin(), rdata.end());
}

Bytes srv_rdata(int priority, int weight, int port, const std::string& target)
{
  Bytes r;
  append16(r, priority);
  append16(r, weight);
  append16(r, port);
  append_name(r, target);
  return r;
}

} // namespace

TEST_CASE("SRV answers: fields, lower case, '.' as not offered", "[net][dns_answer]")
{
  auto m = reply(0, 2, "_imaps._tcp.example.test", dns_type_srv);
  append_record(m, dns_type_srv, srv_rdata(10, 20, 993, "IMAP.Example.TEST"));
  append_record(m, dns_type_srv, srv_rdata(0, 0, 1, ""));
  const auto parsed = parse_dns_answer(m);
  REQUIRE(parsed);
  CHECK(parsed->rcode == 0);
  CHECK(parsed->question == "_imaps._tcp.example.test");
  CHECK(parsed->question_type == dns_type_srv);
  REQUIRE(parsed->srv.size() == 2);
  CHECK(parsed->srv[0] == SrvRecord{10, 20, 993, "imap.example.test", false});
  CHECK(parsed->srv[1] == SrvRecord{0, 0, 1, "", true});
}

TEST_CASE("MX and address answers; other types are skipped", "[net][dns_answer]")
{
  auto m = reply(0, 4, "example.test", dns_type_mx);
  Bytes cname;
  append_name(cname, "other.example.test");
  append_record(m, 5, cname);
  Bytes mx;
  append16(mx, 10);
  append(mx, {3, 'm', 'x', '1', 0xC0, 12}); // mx1 + compressed example.test
  append_record(m, dns_type_mx, mx);
  append_record(m, dns_type_a, Bytes{192, 0, 2, 1});
  Bytes v6(16, 0);
  v6[15] = 1;
  append_record(m, dns_type_aaaa, v6);
  const auto parsed = parse_dns_answer(m);
  REQUIRE(parsed);
  CHECK(parsed->mx == std::vector<MxRecord>{{10, "mx1.example.test"}});
  CHECK(parsed->addresses == std::vector<std::string>{"192.0.2.1", "::1"});
}

TEST_CASE("Reply codes and the TC bit are read from the header", "[net][dns_answer]")
{
  auto nx = reply(3, 0, "nx.example.test", dns_type_srv);
  nx[2] |= 0x02;
  const auto parsed = parse_dns_answer(nx);
  REQUIRE(parsed);
  CHECK(parsed->rcode == 3);
  CHECK(parsed->truncated);
  CHECK(parsed->srv.empty());
}

TEST_CASE("Malformed answers are errors, never reads out of bounds", "[net][dns_answer]")
{
  CHECK_FALSE(parse_dns_answer(Bytes{}));
  CHECK_FALSE(parse_dns_answer(Bytes(11, 0)));

  auto query = reply(0, 0, "example.test", dns_type_srv);
  query[2] = 0x01; // QR clear: a query, not a reply
  CHECK_FALSE(parse_dns_answer(query));

  // An answer counted but missing.
  CHECK_FALSE(parse_dns_answer(reply(0, 1, "example.test", dns_type_srv)));

  // RDATA longer than the message.
  auto long_rdata = reply(0, 1, "example.test", dns_type_a);
  append(long_rdata, {0xC0, 12, 0, 1, 0, 1, 0, 0, 0, 0, 0, 200, 1, 2, 3, 4});
  CHECK_FALSE(parse_dns_answer(long_rdata));

  // A pointer to itself, a pointer forwards.
  auto loop = reply(0, 0, "example.test", dns_type_srv);
  loop.resize(12);
  append(loop, {0xC0, 12, 0, 33, 0, 1});
  loop[5] = 1;
  const auto looped = parse_dns_answer(loop);
  REQUIRE_FALSE(looped);
  CHECK(looped.error().message.find("backwards") != std::string::npos);

  // Labels longer than 255 bytes in all.
  Bytes huge = reply(0, 0, "a", dns_type_srv);
  huge.resize(12);
  for (int i = 0; i < 5; ++i) {
    huge.push_back(63);
    huge.insert(huge.end(), 63, 'a');
  }
  append(huge, {0, 0, 33, 0, 1});
  const auto too_long = parse_dns_answer(huge);
  REQUIRE_FALSE(too_long);
  CHECK(too_long.error().message.find("255") != std::string::npos);

  // An SRV target with a byte that is not a host name's.
  auto escape = reply(0, 1, "_imaps._tcp.example.test", dns_type_srv);
  append_record(escape, dns_type_srv, srv_rdata(0, 0, 993, "ev\x1bil.example.test"));
  CHECK_FALSE(parse_dns_answer(escape));

  // An SRV target that does not end with its record.
  auto short_rdata = reply(0, 1, "_imaps._tcp.example.test", dns_type_srv);
  auto rdata = srv_rdata(0, 0, 993, "imap.example.test");
  rdata.push_back(0);
  append_record(short_rdata, dns_type_srv, rdata);
  CHECK_FALSE(parse_dns_answer(short_rdata));

  // Wrong A and AAAA sizes.
  auto bad_a = reply(0, 1, "example.test", dns_type_a);
  append_record(bad_a, dns_type_a, Bytes{1, 2, 3});
  CHECK_FALSE(parse_dns_answer(bad_a));
}

TEST_CASE("TXT and TLSA answers, and the AD bit", "[net][dns_answer]")
{
  auto m = reply(0, 2, "_mta-sts.example.com", dns_type_txt);
  m[3] = static_cast<std::uint8_t>(m[3] | 0x20); // AD
  Bytes txt;
  append(txt, {7, 'v', '=', 'S', 'T', 'S', 'v', '1', 4, ';', 'i', 'd', '='});
  append(txt, {1, '1'});
  append_record(m, dns_type_txt, txt);
  append_record(m, dns_type_txt, Bytes{0}); // one empty string
  auto parsed = parse_dns_answer(m);
  REQUIRE(parsed);
  CHECK(parsed->authentic_data);
  CHECK(parsed->txt == std::vector<std::string>{"v=STSv1;id=1", ""});

  auto t = reply(0, 1, "_25._tcp.mx.example.com", dns_type_tlsa);
  Bytes rdata{3, 1, 1};
  rdata.resize(3 + 32, 0xAB);
  append_record(t, dns_type_tlsa, rdata);
  parsed = parse_dns_answer(t);
  REQUIRE(parsed);
  CHECK_FALSE(parsed->authentic_data);
  REQUIRE(parsed->tlsa.size() == 1);
  CHECK(parsed->tlsa[0].usage == 3);
  CHECK(parsed->tlsa[0].selector == 1);
  CHECK(parsed->tlsa[0].matching_type == 1);
  CHECK(parsed->tlsa[0].data == Bytes(32, 0xAB));
}

TEST_CASE("TLSA and TXT record data: bad lengths are errors", "[net][dns_answer]")
{
  CHECK(parse_tlsa_rdata(Bytes{3, 1, 1}).error().message == "TLSA record shorter than 4 bytes");
  CHECK(parse_tlsa_rdata(Bytes{3, 1, 1, 0xAB}).error().message == "TLSA data is 1 bytes, not the 32 of its digest");
  CHECK(parse_tlsa_rdata(Bytes{3, 2, 0, 0xAB}).error().message == "TLSA selector 2 is neither 0 nor 1");
  CHECK(parse_tlsa_rdata(Bytes{3, 0, 3, 0xAB}).error().message == "TLSA matching type 3 is not 0, 1 or 2");
  Bytes full{2, 0, 0};
  full.resize(3 + 500, 0x30);
  CHECK(parse_tlsa_rdata(full)->data.size() == 500);
  Bytes sha512{3, 0, 2};
  sha512.resize(3 + 64, 1);
  CHECK(parse_tlsa_rdata(sha512));
  CHECK(parse_txt_rdata(Bytes{5, 'a'}).error().message == "TXT string runs past the end of its record");
  CHECK(*parse_txt_rdata(Bytes{}) == "");

  // Inside an answer, a bad TLSA record is kept, marked unusable, and the
  // good one beside it still counts (RFC 7672 §2.2).
  auto t = reply(0, 3, "_25._tcp.mx.example.com", dns_type_tlsa);
  append_record(t, dns_type_tlsa, Bytes{3, 1, 1, 0});
  Bytes good{3, 1, 1};
  good.resize(3 + 32, 0xAB);
  append_record(t, dns_type_tlsa, good);
  append_record(t, dns_type_tlsa, Bytes{2});
  const auto parsed = parse_dns_answer(t);
  REQUIRE(parsed);
  REQUIRE(parsed->tlsa.size() == 3);
  CHECK(parsed->tlsa[0].unusable == "TLSA data is 1 bytes, not the 32 of its digest");
  CHECK(parsed->tlsa[0].data == Bytes{0});
  CHECK(parsed->tlsa[1].unusable.empty());
  CHECK(parsed->tlsa[1].data == Bytes(32, 0xAB));
  CHECK(parsed->tlsa[2].usage == 2);
  CHECK(parsed->tlsa[2].unusable == "TLSA record shorter than 4 bytes");
}
