// url::parse_mail_url on arbitrary text. Property: the password never shows.
//
// The password is the text the parser itself takes for it: after the first
// "://" (or from the start, when there is none), between the first ':' and
// the last '@'. Checks:
//
// 1. Differential: parsing the same text with the password replaced by "***"
//    must give exactly the same result (every field, value or error). The
//    password then cannot influence anything printed, whatever it contains.
// 2. Substring (what a reader of a log would notice): a password of 4 or more
//    bytes, other than "***", never appears in `redacted` or `detail` -
//    checked only when it does not also appear in the output of the "***"
//    text, where it would come from elsewhere (the same word in the host, a
//    password such as "*@ho" that the ":***@host" join spells out, a scheme
//    that lower-cases to it, an escape such as "\x01").
// 3. Text whose first "://" follows a ':' is not "scheme://...": a scheme
//    never holds a ':' (RFC 3986). It is "user:password@host" with a "://"
//    in the password, the reading parse_mail_url gives text without "://",
//    and check 2 applies to the text between that first ':' and the last '@'.
// 4. "mailto:" (RFC 6068) is followed by an address, not a user name: the
//    password is what follows a ':' inside the address, up to the last '@'.
#include "fuzz_support.hpp"

#include <mailports/url/mail_url.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

namespace {

using namespace mailports;
using mailports_fuzz::contains;

struct Span {
  std::size_t begin = 0; // password = text[begin, end)
  std::size_t end = 0;
};

bool is_mailto(std::string_view text)
{
  constexpr std::string_view prefix = "mailto:";
  return text.size() >= prefix.size()
         && std::equal(prefix.begin(), prefix.end(), text.begin(), [](char p, char t) {
              return p == (t >= 'A' && t <= 'Z' ? static_cast<char>(t - 'A' + 'a') : t);
            });
}

std::optional<Span> password_span(std::string_view text)
{
  const auto separator = text.find("://");
  // "mailto:" introduces an address, not a user name: the password, if any,
  // follows a ':' inside the address.
  const std::size_t base = is_mailto(text)                        ? 7
                           : separator == std::string_view::npos ? 0
                                                                 : separator + 3;
  const auto rest = text.substr(base);
  const auto at = rest.rfind('@');
  if (at == std::string_view::npos) {
    return std::nullopt;
  }
  const auto colon = rest.substr(0, at).find(':');
  if (colon == std::string_view::npos) {
    return std::nullopt;
  }
  return Span{base + colon + 1, base + at};
}

// Check 3's password: "user:pa://ss@host" -> "pa://ss".
std::optional<Span> password_span_before_separator(std::string_view text)
{
  const auto separator = text.find("://");
  if (separator == std::string_view::npos || is_mailto(text)) {
    return std::nullopt;
  }
  const auto colon = text.substr(0, separator).find(':');
  const auto at = text.rfind('@');
  if (colon == std::string_view::npos || at == std::string_view::npos || at < colon) {
    return std::nullopt;
  }
  return Span{colon + 1, at};
}

std::string starred(std::string_view text, Span span)
{
  return std::string(text.substr(0, span.begin)) + "***" + std::string(text.substr(span.end));
}

using Parsed = core::Result<url::MailUrl, url::UrlError>;

bool same(const Parsed& a, const Parsed& b)
{
  if (a.has_value() != b.has_value()) {
    return false;
  }
  if (!a) {
    return a.error().kind == b.error().kind && a.error().detail == b.error().detail
           && a.error().redacted == b.error().redacted;
  }
  return a->scheme == b->scheme && a->proto == b->proto && a->tls == b->tls
         && a->service == b->service && a->user == b->user && a->has_password == b->has_password
         && a->host == b->host && a->port == b->port && a->redacted == b->redacted;
}

bool shows(const Parsed& parsed, std::string_view text)
{
  if (parsed) {
    return contains(parsed->redacted, text);
  }
  return contains(parsed.error().redacted, text) || contains(parsed.error().detail, text);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
  const auto text = mailports_fuzz::as_text(data, size);
  const auto parsed = url::parse_mail_url(text);
  const auto span = password_span(text);

  if (parsed) {
    MAILPORTS_FUZZ_CHECK(!parsed->host.empty());
    MAILPORTS_FUZZ_CHECK(!parsed->port || *parsed->port >= 1);
    MAILPORTS_FUZZ_CHECK(parsed->has_password == span.has_value());
    // What may be shown parses back to the same URL.
    const auto again = url::parse_mail_url(parsed->redacted);
    MAILPORTS_FUZZ_CHECK(same(parsed, again));
  }
  const auto never_shown = [&parsed, text](Span where) {
    const auto password = text.substr(where.begin, where.end - where.begin);
    const auto clean = url::parse_mail_url(starred(text, where));
    if (password.size() >= 4 && password != "***" && !shows(clean, password)) {
      MAILPORTS_FUZZ_CHECK(!shows(parsed, password));
    }
    return clean;
  };
  if (span) {
    const auto clean = never_shown(*span);
    MAILPORTS_FUZZ_CHECK(same(parsed, clean));
  }
  if (const auto before = password_span_before_separator(text)) {
    (void)never_shown(*before);
  }
  return 0;
}
