#include "url_and_shell.hpp"

#include <mailports/util/text.hpp>

#include <fmt/format.h>

namespace mailports::clientconf::formats {

namespace {

int hex(char c)
{
  if (c >= '0' && c <= '9') {
    return c - '0';
  }
  if (c >= 'a' && c <= 'f') {
    return c - 'a' + 10;
  }
  if (c >= 'A' && c <= 'F') {
    return c - 'A' + 10;
  }
  return -1;
}

} // namespace

std::string percent_decode(std::string_view text)
{
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size() && hex(text[i + 1]) >= 0 && hex(text[i + 2]) >= 0) {
      out += static_cast<char>(hex(text[i + 1]) * 16 + hex(text[i + 2]));
      i += 2;
    } else {
      out += text[i];
    }
  }
  return out;
}

std::string percent_encode(std::string_view text)
{
  std::string out;
  for (const char c : text) {
    const bool keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-'
                      || c == '.' || c == '_' || c == '~';
    if (keep) {
      out += c;
    } else {
      out += fmt::format("%{:02X}", static_cast<unsigned>(static_cast<unsigned char>(c)));
    }
  }
  return out;
}

std::string shell_word(std::string_view value)
{
  std::string out = "'";
  for (const char c : value) {
    if (c == '\'') {
      out += "'\\''";
    } else {
      out += c;
    }
  }
  return out + '\'';
}

std::optional<ServerUrl> parse_server_url(std::string_view text)
{
  const auto scheme_end = text.find("://");
  if (scheme_end == std::string_view::npos || scheme_end == 0) {
    return std::nullopt;
  }
  ServerUrl url;
  url.scheme = util::to_lower(text.substr(0, scheme_end));
  auto authority = text.substr(scheme_end + 3);
  authority = authority.substr(0, authority.find_first_of("/?#"));
  // The last '@': a password may hold one unencoded, a host never does.
  const auto at = authority.rfind('@');
  if (at != std::string_view::npos) {
    const auto userinfo = authority.substr(0, at);
    const auto colon = userinfo.find(':');
    url.user = percent_decode(userinfo.substr(0, colon));
    url.has_password = colon != std::string_view::npos;
    authority.remove_prefix(at + 1);
  }
  std::string_view port;
  bool has_port = false;
  if (authority.starts_with('[')) {
    const auto close = authority.find(']');
    url.host = std::string(authority.substr(0, close == std::string_view::npos ? authority.size() : close + 1));
    if (close != std::string_view::npos && close + 1 < authority.size() && authority[close + 1] == ':') {
      port = authority.substr(close + 2);
      has_port = true;
    }
  } else {
    const auto colon = authority.rfind(':');
    url.host = std::string(authority.substr(0, colon));
    if (colon != std::string_view::npos) {
      port = authority.substr(colon + 1);
      has_port = true;
    }
  }
  if (has_port) {
    unsigned value = 0;
    bool ok = !port.empty() && port.size() <= 5;
    for (const char c : port) {
      ok = ok && c >= '0' && c <= '9';
      value = ok ? value * 10 + static_cast<unsigned>(c - '0') : value;
    }
    if (ok && value >= 1 && value <= 65535) {
      url.port = static_cast<std::uint16_t>(value);
    } else {
      url.bad_port = true;
    }
  }
  return url;
}

} // namespace mailports::clientconf::formats
