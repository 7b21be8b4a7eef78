#include <mailports/providers/address.hpp>

#include <mailports/util/text.hpp>
#include <mailports/util/unicode.hpp>

#include "idna.hpp"

#include <algorithm>
#include <memory>

namespace mailports::providers {

namespace {

constexpr std::size_t k_max_domain = 253;
constexpr std::size_t k_max_label = 63;

bool has_control_or_space(std::string_view text)
{
  // C1 controls (U+0080-U+009F) and the ideographic space (U+3000) are
  // typed by accident as easily as their ASCII cousins.
  // Invisible ones too: a byte-order mark or a zero-width space pasted with
  // the address would otherwise become part of its local part.
  for (const std::string_view invisible : {"\u3000", "\uFEFF", "\u200B", "\u200C", "\u200D", "\u2060"}) {
    if (text.find(invisible) != std::string_view::npos) {
      return true;
    }
  }
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto byte = static_cast<unsigned char>(text[i]);
    const bool c1 = byte == 0xC2 && i + 1 < text.size()
                    && static_cast<unsigned char>(text[i + 1]) <= 0x9F;
    if (byte <= 0x20 || byte == 0x7F || c1) {
      return true;
    }
  }
  return false;
}

// Japanese input methods type the full stop as 。 or ．; a trailing one is the
// root dot all the same.
std::string_view drop_trailing_dot(std::string_view text)
{
  for (const std::string_view dot : {".", "\u3002", "\uFF0E", "\uFF61"}) {
    if (text.size() >= dot.size() && text.substr(text.size() - dot.size()) == dot) {
      return text.substr(0, text.size() - dot.size());
    }
  }
  return text;
}

bool labels_fit(std::string_view domain)
{
  std::size_t start = 0;
  while (start <= domain.size()) {
    const auto end = std::min(domain.find('.', start), domain.size());
    if (end - start > k_max_label || end == start) {
      return false;
    }
    start = end + 1;
  }
  return true;
}

} // namespace

std::string_view tidy_address(std::string_view text) noexcept
{
  text = util::trim(text);
  // "Name <addr>": the address is what the angle brackets hold (RFC 5322
  // name-addr); the display name may hold anything, even '@' and '<'.
  if (text.ends_with('>')) {
    const auto open = text.rfind('<');
    if (open != std::string_view::npos) {
      text = util::trim(text.substr(open + 1, text.size() - open - 2));
    }
  }
  if (util::istarts_with(text, "mailto:")) { // RFC 6068; hfields after '?'
    text = text.substr(7);
    text = text.substr(0, text.find('?'));
  }
  return text;
}

bool looks_like_address(std::string_view text) noexcept
{
  const auto tidy = tidy_address(text);
  return tidy.find('@') != std::string_view::npos || tidy != util::trim(text);
}

bool is_plain_ldh(std::string_view name) noexcept
{
  std::size_t start = 0;
  while (start <= name.size()) {
    auto end = name.find('.', start);
    if (end == std::string_view::npos) {
      end = name.size();
    }
    const auto label = name.substr(start, end - start);
    if (label.empty() || label.size() > 63 || label.front() == '-' || label.back() == '-'
        || (label.size() >= 4 && label[2] == '-' && label[3] == '-')) {
      return false;
    }
    for (const char c : label) {
      if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) {
        return false;
      }
    }
    start = end + 1;
  }
  return name.size() <= k_max_domain;
}

core::Result<std::string, AddressError> normalize_domain(std::string_view text)
{
  using Kind = AddressError::Kind;
  text = util::trim(text);
  if (has_control_or_space(text)) {
    return AddressError{Kind::control_char, {}};
  }
  text = drop_trailing_dot(text);
  if (text.empty()) {
    return AddressError{Kind::empty_domain, {}};
  }
  if (text.size() > k_max_domain * 4) { // no valid name is this long, even in UTF-8
    return AddressError{Kind::too_long, {}};
  }
  std::string ascii = util::to_lower(text);
  const bool is_ascii = std::all_of(ascii.begin(), ascii.end(),
                                    [](char c) { return static_cast<unsigned char>(c) < 0x80; });
  if (is_ascii && ascii.size() > k_max_domain) {
    return AddressError{Kind::too_long, {}};
  }
  // ASCII input goes through libidn2 too, so that a malformed A-label
  // ("xn--zz--") is rejected rather than looked up; a name of plain LDH
  // labels, which libidn2 returns unchanged, does not load it (0.5 M
  // instructions: most of `recommend --email`).
  if (is_plain_ldh(ascii)) {
    return ascii;
  }
  auto converted = idna::to_ascii(ascii);
  switch (converted.status) {
  case idna::Status::ok:
    ascii = std::move(converted.ascii);
    break;
  case idna::Status::too_long:
    return AddressError{Kind::too_long, {}};
  case idna::Status::invalid:
  case idna::Status::unavailable:
    return AddressError{Kind::bad_domain, std::move(converted.reason)};
  }
  if (ascii.size() > k_max_domain || !labels_fit(ascii)) {
    return AddressError{ascii.size() > k_max_domain ? Kind::too_long : Kind::bad_domain, {}};
  }
  const bool valid = std::all_of(ascii.begin(), ascii.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_';
  });
  if (!valid) {
    return AddressError{Kind::bad_domain, {}};
  }
  return ascii;
}

core::Result<Address, AddressError> parse_email(std::string_view text)
{
  using Kind = AddressError::Kind;
  const auto angles = std::count(text.begin(), text.end(), '<') + std::count(text.begin(), text.end(), '>');
  if (angles > 2) { // never guess which of several <...> was meant
    return AddressError{Kind::several_addresses, {}};
  }
  text = tidy_address(text);
  if (has_control_or_space(text)) {
    return AddressError{Kind::control_char, {}};
  }
  const auto at = text.find('@');
  if (at == std::string_view::npos) {
    return AddressError{Kind::no_at, {}};
  }
  if (text.find('@', at + 1) != std::string_view::npos) {
    return AddressError{Kind::several_at, {}};
  }
  if (at == 0) {
    return AddressError{Kind::empty_local, {}};
  }
  auto domain = normalize_domain(text.substr(at + 1));
  if (!domain) {
    return domain.error();
  }
  return Address{std::string(text.substr(0, at)), std::move(domain).value()};
}

std::string resolve_username(std::string_view templ, const Address& address)
{
  // One pass over the template: a '%' in the user's own address must not be
  // taken for a placeholder.
  const std::pair<std::string_view, std::string> values[] = {
    {"%EMAILADDRESS%", address.local + "@" + address.domain},
    {"%EMAILLOCALPART%", address.local},
    {"%EMAILDOMAIN%", address.domain}};
  std::string out;
  std::size_t i = 0;
  while (i < templ.size()) {
    const auto match = std::find_if(std::begin(values), std::end(values), [&](const auto& v) {
      return templ.substr(i, v.first.size()) == v.first;
    });
    if (match != std::end(values)) {
      out += match->second;
      i += match->first.size();
    } else {
      out += templ[i++];
    }
  }
  return out;
}

} // namespace mailports::providers
