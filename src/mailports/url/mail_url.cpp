#include <mailports/url/mail_url.hpp>

#include <mailports/util/text.hpp>

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>

namespace mailports::url {

namespace {

struct Scheme {
  std::string_view name;
  core::Proto proto;
  std::string_view service; // the IANA service whose port is the default
  std::optional<core::TlsMode> tls;
};

constexpr auto k_implicit = core::TlsMode::implicit;
constexpr auto k_starttls = core::TlsMode::starttls;

// The "+" schemes are application settings, not IANA schemes:
// smtp+tls (STARTTLS) and smtp+ssl (implicit TLS) in django-environ's
// EMAIL_URL (joke2k/django-environ, environ.py: EMAIL_USE_TLS / EMAIL_USE_SSL)
// and K-9 Mail's account URIs; smtp+tls is "mandatory STARTTLS" in
// OpenSMTPD's smtpd.conf(5) relay URLs (OpenBSD 6.4 and later);
// smtp+starttls in many applications' SMTP_URL settings. Like smtp://, they
// name no port, so the default is SMTP's own (25).
constexpr std::array<Scheme, 11> k_schemes{{
  {"smtp", core::Proto::smtp, "smtp", std::nullopt},
  {"smtps", core::Proto::smtp, "submissions", k_implicit},
  {"submission", core::Proto::smtp, "submission", std::nullopt},
  {"submissions", core::Proto::smtp, "submissions", k_implicit},
  {"imap", core::Proto::imap, "imap", std::nullopt},
  {"imaps", core::Proto::imap, "imaps", k_implicit},
  {"pop3", core::Proto::pop3, "pop3", std::nullopt},
  {"pop3s", core::Proto::pop3, "pop3s", k_implicit},
  {"smtp+tls", core::Proto::smtp, "smtp", k_starttls},
  {"smtp+starttls", core::Proto::smtp, "smtp", k_starttls},
  {"smtp+ssl", core::Proto::smtp, "submissions", k_implicit},
}};

constexpr auto k_scheme_names = [] {
  std::array<std::string_view, k_schemes.size()> out{};
  for (std::size_t i = 0; i < k_schemes.size(); ++i) {
    out[i] = k_schemes[i].name;
  }
  return out;
}();

constexpr std::size_t k_max_host = 253;

// Query parameters whose values are never shown.
constexpr std::string_view k_secret_words[] = {"pass", "pwd", "secret", "token", "key", "auth"};

// rest.find_first_of("/?#"), without a memchr over the three for each byte
// (the batch reads a URL a line).
std::size_t find_delimiter(std::string_view rest) noexcept
{
  for (std::size_t i = 0; i < rest.size(); ++i) {
    if (rest[i] == '/' || rest[i] == '?' || rest[i] == '#') {
      return i;
    }
  }
  return std::string_view::npos;
}

bool valid_host_char(char c)
{
  const auto byte = static_cast<unsigned char>(c);
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-'
         || c == '.' || c == '_' || byte >= 0x80; // UTF-8 of an internationalized name
}

bool valid_ipv6_char(char c)
{
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || c == ':'
         || c == '.';
}

// "/x?user=a&password=b" -> "/x?user=a&password=***": the error about a
// path or query shows it, but never the value of a secret-looking parameter,
// nor anything that reads as "user:password@" (a mistyped authority).
std::string redact_query(std::string_view path_and_query)
{
  const auto unredacted = redact_userinfo(path_and_query);
  const std::string_view rest = unredacted;
  const auto question = rest.find('?');
  if (question == std::string_view::npos) {
    return std::string(rest);
  }
  std::string out(rest.substr(0, question + 1));
  auto query = rest.substr(question + 1);
  while (true) {
    const auto amp = query.find('&');
    const auto pair = query.substr(0, amp);
    const auto equals = pair.find('=');
    const auto key = util::to_lower(pair.substr(0, equals));
    const bool secret = equals != std::string_view::npos
                        && std::any_of(std::begin(k_secret_words), std::end(k_secret_words),
                                       [&key](std::string_view w) { return key.find(w) != std::string::npos; });
    out += secret ? std::string(pair.substr(0, equals + 1)) + "***" : std::string(pair);
    if (amp == std::string_view::npos) {
      break;
    }
    out += '&';
    query = query.substr(amp + 1);
  }
  return out;
}

} // namespace

std::string redact_userinfo(std::string_view text)
{
  const auto at = text.rfind('@');
  const auto colon = text.substr(0, at == std::string_view::npos ? 0 : at).find(':');
  if (at == std::string_view::npos || colon == std::string_view::npos) {
    return std::string(text);
  }
  return std::string(text.substr(0, colon)) + ":***" + std::string(text.substr(at));
}

std::span<const std::string_view> mail_url_schemes() noexcept
{
  return k_scheme_names;
}

core::Result<Authority, UrlError> parse_authority(std::string_view host_port)
{
  const auto error = [host_port](UrlError::Kind kind, std::string_view detail) {
    return UrlError{kind, util::quote_for_message(detail), util::quote_for_message(host_port)};
  };
  Authority out;
  std::string_view host = host_port;
  std::optional<std::string_view> port_text;
  if (!host_port.empty() && host_port.front() == '[') {
    const auto close = host_port.find(']');
    if (close == std::string_view::npos
        || !std::all_of(host_port.begin() + 1, host_port.begin() + static_cast<long>(close),
                        valid_ipv6_char)
        || close == 1) {
      return error(UrlError::Kind::bad_host, host_port);
    }
    host = host_port.substr(0, close + 1);
    const auto after = host_port.substr(close + 1);
    if (!after.empty()) {
      if (after.front() != ':') {
        return error(UrlError::Kind::bad_host, host_port);
      }
      port_text = after.substr(1);
    }
  } else if (const auto colon = host_port.find(':'); colon != std::string_view::npos) {
    host = host_port.substr(0, colon);
    port_text = host_port.substr(colon + 1);
  }

  if (host.empty()) {
    return error(UrlError::Kind::empty_host, {});
  }
  if (host.front() != '['
      && (host.size() > k_max_host || !std::all_of(host.begin(), host.end(), valid_host_char)
          || !util::is_valid_utf8(host))) {
    return error(UrlError::Kind::bad_host, host);
  }
  out.host = std::string(host);

  if (port_text) {
    unsigned value = 0;
    const auto* first = port_text->data();
    const auto* last = first + port_text->size();
    const auto [end, ec] = std::from_chars(first, last, value);
    if (port_text->empty() || ec != std::errc() || end != last || value < 1 || value > 65535) {
      return error(UrlError::Kind::bad_port, *port_text);
    }
    out.port = static_cast<std::uint16_t>(value);
  }
  return out;
}

std::optional<core::Result<Authority, UrlError>> as_host_port(std::string_view text)
{
  if (text.find("://") != std::string_view::npos || text.find('@') != std::string_view::npos) {
    return std::nullopt;
  }
  auto authority = parse_authority(text);
  if (authority ? authority->port.has_value() : authority.error().kind == UrlError::Kind::bad_port) {
    return authority;
  }
  return std::nullopt;
}

MailUrl from_host_port(std::string_view text, const Authority& authority, core::Proto proto)
{
  MailUrl url;
  url.proto = proto;
  url.host = authority.host;
  url.port = authority.port;
  url.redacted = std::string(text);
  return url;
}

core::Result<MailUrl, UrlError> parse_mail_url(std::string_view text)
{
  if (util::istarts_with(text, "mailto:")) { // RFC 6068: an address, perhaps with ?subject=
    // An address never holds an unquoted ':' before its '@'; one that does
    // is "user:password@host" behind a mailto: and is redacted like one.
    const auto shown = std::string(text.substr(0, 7)) + redact_userinfo(text.substr(7));
    const auto address = std::string_view(shown).substr(7, shown.find('?') - 7);
    return UrlError{UrlError::Kind::mailto, util::quote_for_message(address), util::quote_for_message(shown)};
  }
  MailUrl url;
  const auto separator = text.find("://");
  // What precedes "://" is a scheme only if it has a scheme's syntax
  // (RFC 3986: a letter, then letters, digits, '+', '-', '.'); otherwise the
  // "://" sits inside something else, perhaps "user:pa://ss@host".
  const auto scheme_syntax = [](std::string_view s) {
    return !s.empty() && std::isalpha(static_cast<unsigned char>(s.front())) != 0
           && std::all_of(s.begin(), s.end(), [](char c) {
                return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '+' || c == '-'
                       || c == '.';
              });
  };
  if (separator == std::string_view::npos || !scheme_syntax(text.substr(0, separator))) {
    return UrlError{UrlError::Kind::no_scheme, {}, util::quote_for_message(redact_userinfo(text))};
  }
  url.scheme = util::to_lower(text.substr(0, separator));
  auto rest = text.substr(separator + 3);

  // Redact first, so that no error below can echo the password. The user
  // part ends at the last '@': people paste passwords with '/', '?' or '#'
  // unencoded, and a host never holds an '@'. An '@' after a '/', '?' or '#'
  // with no ':' before it is a path's or query's ("smtp://h/?to=a@b").
  const auto delimiter = find_delimiter(rest);
  const auto last_at = rest.rfind('@');
  const bool password_like = last_at != std::string_view::npos
                             && rest.substr(0, std::min(delimiter, last_at)).find(':')
                                  != std::string_view::npos;
  const auto at = last_at != std::string_view::npos && (last_at < delimiter || password_like)
                    ? last_at
                    : std::string_view::npos;
  if (at != std::string_view::npos) {
    const auto userinfo = rest.substr(0, at);
    const auto colon = userinfo.find(':');
    url.user = std::string(userinfo.substr(0, colon));
    url.has_password = colon != std::string_view::npos;
    rest = rest.substr(at + 1);
  }
  const auto host_port = rest.substr(0, find_delimiter(rest));
  const auto remainder = rest.substr(host_port.size());
  url.redacted = url.scheme + "://";
  if (!url.user.empty() || url.has_password) {
    url.redacted += url.user + (url.has_password ? ":***@" : "@");
  }
  url.redacted += std::string(host_port);
  const auto error = [&url](UrlError::Kind kind, std::string_view detail) {
    return UrlError{kind, util::quote_for_message(detail), util::quote_for_message(url.redacted)};
  };

  const auto scheme = std::find_if(k_schemes.begin(), k_schemes.end(),
                                   [&url](const Scheme& s) { return s.name == url.scheme; });
  if (scheme == k_schemes.end()) {
    return error(UrlError::Kind::unknown_scheme, url.scheme);
  }
  url.proto = scheme->proto;
  url.service = scheme->service;
  url.tls = scheme->tls;
  if (!remainder.empty() && remainder != "/") {
    return error(UrlError::Kind::has_path, redact_query(remainder));
  }

  auto authority = parse_authority(host_port);
  if (!authority) {
    auto failure = authority.error();
    failure.redacted = util::quote_for_message(url.redacted);
    return failure;
  }
  url.host = std::move(authority->host);
  url.port = authority->port;
  return url;
}

} // namespace mailports::url
