#include <mailports/providers/address.hpp>

#include <mailports/util/text.hpp>

#include <idn2.h>

#include <algorithm>
#include <memory>

namespace mailports::providers {

namespace {

constexpr std::size_t k_max_domain = 253;
constexpr std::size_t k_max_label = 63;

bool has_control_or_space(std::string_view text)
{
  return std::any_of(text.begin(), text.end(), [](char c) {
    const auto byte = static_cast<unsigned char>(c);
    return byte <= 0x20 || byte == 0x7F;
  });
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

void replace_all(std::string& text, std::string_view from, std::string_view to)
{
  for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
}

} // namespace

core::Result<std::string, AddressError> normalize_domain(std::string_view text)
{
  using Kind = AddressError::Kind;
  if (has_control_or_space(text)) {
    return AddressError{Kind::control_char, {}};
  }
  if (!text.empty() && text.back() == '.') {
    text.remove_suffix(1);
  }
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
  // ("xn--zz--") is rejected rather than looked up.
  {
    char* converted = nullptr;
    const int rc = idn2_to_ascii_8z(ascii.c_str(), &converted, IDN2_NFC_INPUT | IDN2_NONTRANSITIONAL);
    const std::unique_ptr<char, void (*)(void*)> owner(converted, &idn2_free);
    if (rc != IDN2_OK) {
      return AddressError{Kind::bad_domain, idn2_strerror(rc)};
    }
    ascii = converted;
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
  std::string out(templ);
  replace_all(out, "%EMAILADDRESS%", address.local + "@" + address.domain);
  replace_all(out, "%EMAILLOCALPART%", address.local);
  replace_all(out, "%EMAILDOMAIN%", address.domain);
  return out;
}

} // namespace mailports::providers
