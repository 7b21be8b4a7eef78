#include <mailports/cli/url_error.hpp>

#include <mailports/cli/fatal.hpp>
#include <mailports/util/text.hpp>

namespace mailports::cli {

std::string url_error_message(const url::UrlError& error, core::Lang lang, Msg has_path)
{
  using Kind = url::UrlError::Kind;
  const auto schemes = url::mail_url_schemes();
  std::string message;
  switch (error.kind) {
  case Kind::no_scheme:
    message = say(Msg::url_no_scheme, lang, fmt::arg("url", error.redacted));
    break;
  case Kind::unknown_scheme:
    message = say(Msg::url_unknown_scheme, lang, fmt::arg("value", error.detail),
                  fmt::arg("url", error.redacted),
                  fmt::arg("choices", util::join(schemes)));
    if (const auto hint = util::closest_match(error.detail, schemes)) {
      message += say(Msg::did_you_mean, lang, fmt::arg("hint", *hint));
    }
    break;
  case Kind::empty_host:
    message = say(Msg::url_empty_host, lang, fmt::arg("url", error.redacted));
    break;
  case Kind::bad_host:
    message = say(Msg::url_bad_host, lang, fmt::arg("value", error.detail),
                  fmt::arg("url", error.redacted));
    break;
  case Kind::bad_port:
    message = say(Msg::url_bad_port, lang, fmt::arg("value", error.detail),
                  fmt::arg("url", error.redacted));
    break;
  case Kind::has_path:
    message = say(has_path, lang, fmt::arg("url", error.redacted), fmt::arg("value", error.detail));
    break;
  case Kind::mailto:
    message = say(Msg::url_mailto, lang, fmt::arg("value", error.redacted), fmt::arg("address", error.detail));
    break;
  }
  return message;
}

[[noreturn]] void url_error(const url::UrlError& error, core::Lang lang, Msg has_path)
{
  throw Fatal(ExitCode::usage, url_error_message(error, lang, has_path));
}

} // namespace mailports::cli
