#include <mailports/probe/host_port.hpp>

#include <algorithm>
#include <charconv>

namespace mailports::probe {

namespace {

std::optional<std::uint16_t> port_number(std::string_view text)
{
  unsigned value = 0;
  const auto* last = text.data() + text.size();
  const auto [end, ec] = std::from_chars(text.data(), last, value);
  if (text.empty() || text.front() == '+' || ec != std::errc() || end != last || value < 1
      || value > 65535) {
    return std::nullopt;
  }
  return static_cast<std::uint16_t>(value);
}

core::Result<HostPort, HostPortError> with_port(std::string_view host, std::string_view port_text)
{
  const auto port = port_number(port_text);
  if (!port) {
    return HostPortError{HostPortError::Kind::bad_port, std::string(port_text)};
  }
  return HostPort{std::string(host), port};
}

} // namespace

core::Result<HostPort, HostPortError> parse_host_port(std::string_view text)
{
  if (!text.empty() && text.front() == '[') {
    const auto close = text.find(']');
    if (close == std::string_view::npos || close == 1) {
      return HostPortError{HostPortError::Kind::bad_brackets, {}};
    }
    const auto host = text.substr(0, close + 1);
    const auto after = text.substr(close + 1);
    if (after.empty()) {
      return HostPort{std::string(host), std::nullopt};
    }
    if (after.front() != ':') {
      return HostPortError{HostPortError::Kind::bad_brackets, {}};
    }
    return with_port(host, after.substr(1));
  }
  if (std::count(text.begin(), text.end(), ':') != 1) {
    return HostPort{std::string(text), std::nullopt}; // a name, or a bare IPv6 address
  }
  const auto colon = text.find(':');
  return with_port(text.substr(0, colon), text.substr(colon + 1));
}

} // namespace mailports::probe
