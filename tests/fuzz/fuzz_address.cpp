// providers::parse_email and normalize_domain on arbitrary text (libidn2
// underneath). Property: a domain that comes out is what the catalog is
// keyed by - non-empty, at most 253 characters, lower-case ASCII, no
// trailing dot - normalizing it again changes nothing, and an ASCII name is
// only lower-cased. A name normalize_domain reads without libidn2 (plain
// LDH labels) is one libidn2 returns unchanged.
#include "fuzz_support.hpp"

#include <mailports/providers/address.hpp>
#include "../../src/mailports/providers/idna.hpp" // private: the libidn2 call the fast path skips
#include <mailports/util/unicode.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>

namespace {

using namespace mailports;

void check_domain(std::string_view domain)
{
  MAILPORTS_FUZZ_CHECK(!domain.empty());
  MAILPORTS_FUZZ_CHECK(domain.size() <= 253);
  MAILPORTS_FUZZ_CHECK(std::all_of(domain.begin(), domain.end(), [](char c) {
    const auto byte = static_cast<unsigned char>(c);
    return byte > 0x20 && byte < 0x7F && !(c >= 'A' && c <= 'Z');
  }));
  MAILPORTS_FUZZ_CHECK(domain.back() != '.');
  // Normalizing is idempotent: what we print can be looked up again.
  const auto again = providers::normalize_domain(domain);
  MAILPORTS_FUZZ_CHECK(again.has_value());
  MAILPORTS_FUZZ_CHECK(*again == domain);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
  const auto text = mailports_fuzz::as_text(data, size);

  // A plain LDH name skips libidn2 in normalize_domain; libidn2 must agree
  // that it is valid and unchanged.
  if (providers::is_plain_ldh(text)) {
    const auto converted = providers::idna::to_ascii(std::string(text));
    MAILPORTS_FUZZ_CHECK(converted.status == providers::idna::Status::ok);
    MAILPORTS_FUZZ_CHECK(converted.ascii == text);
  }

  const auto domain = providers::normalize_domain(text);
  if (domain) {
    check_domain(*domain);
    // An ASCII name is only trimmed and lower-cased (and loses one trailing dot).
    if (std::all_of(text.begin(), text.end(),
                    [](char c) { return static_cast<unsigned char>(c) < 0x80; })) {
      const auto name = util::trim(text);
      auto expected = std::string(name.ends_with('.') ? name.substr(0, name.size() - 1) : name);
      std::transform(expected.begin(), expected.end(), expected.begin(), [](char c) {
        return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
      });
      MAILPORTS_FUZZ_CHECK(*domain == expected);
    }
  }

  const auto address = providers::parse_email(text);
  if (address) {
    MAILPORTS_FUZZ_CHECK(!address->local.empty());
    check_domain(address->domain);
    // The address's domain is the domain part of the tidied address
    // ("Name <a@b>", "mailto:a@b", spaces), normalized on its own.
    const auto tidy = providers::tidy_address(text);
    const auto part = providers::normalize_domain(tidy.substr(tidy.find('@') + 1));
    MAILPORTS_FUZZ_CHECK(part.has_value() && *part == address->domain);
    (void)providers::resolve_username("%EMAILLOCALPART%@%EMAILDOMAIN% %EMAILADDRESS%", *address);
  }
  return 0;
}
