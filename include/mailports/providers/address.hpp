// E-mail addresses and domains as users type them, normalized for lookup.
#pragma once

#include <mailports/core/result.hpp>

#include <string>
#include <string_view>

namespace mailports::providers {

struct Address {
  std::string local;  // as typed
  std::string domain; // lower-case ASCII (A-labels), no trailing dot
};

struct AddressError {
  enum class Kind {
    no_at,          // "foo"
    several_at,     // "a@b@c"
    several_addresses, // "A <a@b> <c@d>": which one is meant cannot be told
    empty_local,    // "@x"
    empty_domain,   // "a@"
    control_char,   // a control character or a space anywhere
    too_long,       // a domain over 253 characters, or a label over 63
    bad_domain,     // not a valid (internationalized) domain name
  };
  Kind kind = Kind::bad_domain;
  std::string detail; // what libidn2 said, for bad_domain
};

// An address as people paste it, tidied first: surrounding white space,
// "Taro Yamada <taro@example.com>" and "mailto:taro@example.com?subject=x"
// all read as taro@example.com.
core::Result<Address, AddressError> parse_email(std::string_view text);

// The tidying parse_email does, alone.
std::string_view tidy_address(std::string_view text) noexcept;

// Whether a lookup argument names an address (it has an '@', or is a
// "Name <...>" or "mailto:" form) rather than a domain.
bool looks_like_address(std::string_view text) noexcept;

// Lower-case, drop one trailing dot, convert an internationalized name to
// its ASCII form (IDNA2008 via libidn2).
// Surrounding white space is ignored.
core::Result<std::string, AddressError> normalize_domain(std::string_view text);

// %EMAILADDRESS%, %EMAILLOCALPART% and %EMAILDOMAIN% filled in.
// Lower-case letters, digits and inner hyphens in labels of 1 to 63 bytes,
// no "??--" label (A-labels and reserved forms): what IDNA2008 returns
// unchanged, so normalize_domain need not ask libidn2 (fuzz_address checks
// that libidn2 agrees).
bool is_plain_ldh(std::string_view name) noexcept;

std::string resolve_username(std::string_view templ, const Address& address);

} // namespace mailports::providers
