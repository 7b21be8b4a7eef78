// The DNS answer parser, by hand per RFC 1035 4.1 rather than with
// libresolv's ns_initparse/ns_parserr/dn_expand: those live in the library
// we load with dlopen, so the parser (and its fuzz target) would need it
// loaded; by hand it is a pure function with every bound visible here, and
// a compression pointer may only point backwards, so no loop of pointers
// can make a name take unbounded time.
#include <mailports/net/dns.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>

#include <string>

namespace mailports::net {

namespace {

using Bytes = std::span<const std::uint8_t>;

constexpr std::size_t header_size = 12;
constexpr std::uint16_t class_in = 1;

struct Name {
  std::size_t end = 0; // offset just past the name where it started
  std::string text;    // labels joined by '.', no final dot; empty for the root
  bool printable = true; // every label byte a letter, digit, '-' or '_'
};

std::uint16_t read16(Bytes m, std::size_t at)
{
  return static_cast<std::uint16_t>((m[at] << 8) | m[at + 1]);
}

bool host_byte(std::uint8_t c)
{
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
}

char lower(std::uint8_t c)
{
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : static_cast<char>(c);
}

core::Result<Name> read_name(Bytes m, std::size_t at)
{
  Name name;
  bool jumped = false;
  std::size_t wire = 0;     // bytes the name takes uncompressed, RFC 1035's 255 limit
  std::size_t floor = at;   // a pointer must point before this: strictly backwards
  for (;;) {
    if (at >= m.size()) {
      return core::Error{"name runs past the end of the message"};
    }
    const std::uint8_t length = m[at];
    if ((length & 0xC0) == 0xC0) {
      if (at + 1 >= m.size()) {
        return core::Error{"compression pointer runs past the end of the message"};
      }
      const std::size_t target = read16(m, at) & 0x3FFF;
      if (target >= floor) {
        return core::Error{"compression pointer does not point backwards"};
      }
      if (!jumped) {
        name.end = at + 2;
        jumped = true;
      }
      floor = target;
      at = target;
      continue;
    }
    if ((length & 0xC0) != 0) {
      return core::Error{"unknown label type"};
    }
    wire += 1U + length;
    if (wire > dns_max_name_wire) {
      return core::Error{"name longer than 255 bytes"};
    }
    if (length == 0) {
      if (!jumped) {
        name.end = at + 1;
      }
      return name;
    }
    if (at + 1 + length > m.size()) {
      return core::Error{"label runs past the end of the message"};
    }
    if (!name.text.empty()) {
      name.text += '.';
    }
    for (std::size_t i = at + 1; i <= at + length; ++i) {
      name.printable = name.printable && host_byte(m[i]);
      name.text += lower(m[i]);
    }
    at += 1U + length;
  }
}

// A name that ends exactly at `end` (RDATA's end) and can be printed.
core::Result<std::string> read_rdata_name(Bytes m, std::size_t at, std::size_t end, const char* what)
{
  auto name = read_name(m, at);
  if (!name) {
    return core::Error{std::string(what) + ": " + name.error().message};
  }
  if (name->end != end) {
    return core::Error{std::string(what) + ": name does not end with the record"};
  }
  if (!name->printable) {
    return core::Error{std::string(what) + ": name holds a byte other than a letter, digit, '-' or '_'"};
  }
  return std::move(name->text);
}

std::string address_text(int family, const std::uint8_t* bytes)
{
  char text[INET6_ADDRSTRLEN] = {};
  if (::inet_ntop(family, bytes, text, sizeof text) == nullptr) {
    return {};
  }
  return text;
}

// One answer record's RDATA, kept in `out` when its type is one we read.
core::Result<bool> read_rdata(Bytes m, std::uint16_t type, std::size_t at, std::size_t length, DnsAnswer& out)
{
  const std::size_t end = at + length;
  switch (type) {
  case dns_type_srv: {
    if (length < 7) {
      return core::Error{"SRV record shorter than 7 bytes"};
    }
    auto target = read_rdata_name(m, at + 6, end, "SRV target");
    if (!target) {
      return target.error();
    }
    SrvRecord srv{read16(m, at), read16(m, at + 2), read16(m, at + 4), std::move(*target), false};
    srv.not_offered = srv.target.empty();
    out.srv.push_back(std::move(srv));
    return true;
  }
  case dns_type_mx: {
    if (length < 3) {
      return core::Error{"MX record shorter than 3 bytes"};
    }
    auto host = read_rdata_name(m, at + 2, end, "MX host");
    if (!host) {
      return host.error();
    }
    out.mx.push_back(MxRecord{read16(m, at), std::move(*host)});
    return true;
  }
  case dns_type_a:
  case dns_type_aaaa: {
    const bool v4 = type == dns_type_a;
    if (length != (v4 ? 4U : 16U)) {
      return core::Error{v4 ? "A record not 4 bytes" : "AAAA record not 16 bytes"};
    }
    out.addresses.push_back(address_text(v4 ? AF_INET : AF_INET6, m.data() + at));
    return true;
  }
  case dns_type_txt: {
    auto text = parse_txt_rdata(m.subspan(at, length));
    if (!text) {
      return text.error();
    }
    out.txt.push_back(std::move(*text));
    return true;
  }
  case dns_type_tlsa: {
    auto record = parse_tlsa_rdata(m.subspan(at, length));
    if (!record) { // kept, marked: one bad record does not hide the others
      const auto rdata = m.subspan(at, std::min(length, std::size_t{3} + dns_max_tlsa_data));
      TlsaRecord bad;
      bad.usage = rdata.size() > 0 ? rdata[0] : 0;
      bad.selector = rdata.size() > 1 ? rdata[1] : 0;
      bad.matching_type = rdata.size() > 2 ? rdata[2] : 0;
      bad.data.assign(rdata.begin() + static_cast<std::ptrdiff_t>(std::min<std::size_t>(rdata.size(), 3)), rdata.end());
      bad.unusable = record.error().message;
      out.tlsa.push_back(std::move(bad));
      return true;
    }
    out.tlsa.push_back(std::move(*record));
    return true;
  }
  default:
    return false;
  }
}

} // namespace

core::Result<TlsaRecord> parse_tlsa_rdata(Bytes rdata)
{
  if (rdata.size() < 4) {
    return core::Error{"TLSA record shorter than 4 bytes"};
  }
  TlsaRecord record{rdata[0], rdata[1], rdata[2], {rdata.begin() + 3, rdata.end()}};
  if (record.selector > 1) {
    return core::Error{"TLSA selector " + std::to_string(record.selector) + " is neither 0 nor 1"};
  }
  const std::size_t want = record.matching_type == 1 ? 32 : record.matching_type == 2 ? 64 : 0;
  if (record.matching_type > 2) {
    return core::Error{"TLSA matching type " + std::to_string(record.matching_type) + " is not 0, 1 or 2"};
  }
  if (want != 0 && record.data.size() != want) {
    return core::Error{"TLSA data is " + std::to_string(record.data.size()) + " bytes, not the " +
                       std::to_string(want) + " of its digest"};
  }
  if (record.data.size() > dns_max_tlsa_data) {
    return core::Error{"TLSA data longer than " + std::to_string(dns_max_tlsa_data) + " bytes"};
  }
  return record;
}

core::Result<std::string> parse_txt_rdata(Bytes rdata)
{
  std::string out;
  std::size_t at = 0;
  while (at < rdata.size()) {
    const std::size_t length = rdata[at];
    if (at + 1 + length > rdata.size()) {
      return core::Error{"TXT string runs past the end of its record"};
    }
    out.append(reinterpret_cast<const char*>(rdata.data() + at + 1), length);
    at += 1 + length;
  }
  return out;
}

core::Result<DnsAnswer> parse_dns_answer(Bytes message)
{
  if (message.size() > dns_max_message) {
    return core::Error{"message longer than 65535 bytes"};
  }
  if (message.size() < header_size) {
    return core::Error{"message shorter than its 12-byte header"};
  }
  if ((message[2] & 0x80) == 0) {
    return core::Error{"message is not a reply"};
  }
  DnsAnswer answer;
  answer.truncated = (message[2] & 0x02) != 0;
  answer.rcode = static_cast<std::uint8_t>(message[3] & 0x0F);
  answer.authentic_data = (message[3] & 0x20) != 0;
  const std::uint16_t questions = read16(message, 4);
  const std::uint16_t answers = read16(message, 6);

  std::size_t at = header_size;
  for (std::uint16_t i = 0; i < questions; ++i) {
    auto name = read_name(message, at);
    if (!name) {
      return core::Error{"question: " + name.error().message};
    }
    at = name->end + 4; // QTYPE, QCLASS
    if (at > message.size()) {
      return core::Error{"question runs past the end of the message"};
    }
    if (i == 0) {
      answer.question = std::move(name->text);
      answer.question_type = read16(message, name->end);
    }
  }
  for (std::uint16_t i = 0; i < answers; ++i) {
    auto owner = read_name(message, at);
    if (!owner) {
      return core::Error{"answer: " + owner.error().message};
    }
    at = owner->end;
    if (at + 10 > message.size()) {
      return core::Error{"answer record header runs past the end of the message"};
    }
    const std::uint16_t type = read16(message, at);
    const std::uint16_t klass = read16(message, at + 2);
    const std::size_t length = read16(message, at + 8);
    at += 10;
    if (at + length > message.size()) {
      return core::Error{"answer record data runs past the end of the message"};
    }
    if (klass == class_in) {
      auto kept = read_rdata(message, type, at, length, answer);
      if (!kept) {
        return kept.error();
      }
    }
    at += length;
  }
  // The authority and additional sections are not read: nothing here uses them.
  return answer;
}

} // namespace mailports::net
