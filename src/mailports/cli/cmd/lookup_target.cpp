#include <mailports/cli/cmd/lookup_target.hpp>

#include <mailports/cli/fatal.hpp>
#include <mailports/cli/messages.hpp>
#include <mailports/providers/address.hpp>
#include <mailports/util/text.hpp>
#include <mailports/util/unicode.hpp>

namespace mailports::cli::cmd {

namespace {

std::string why(const providers::AddressError& error, core::Lang lang)
{
  using Kind = providers::AddressError::Kind;
  switch (error.kind) {
  case Kind::no_at:
    return std::string(text(Msg::why_no_at, lang));
  case Kind::several_at:
    return std::string(text(Msg::why_several_at, lang));
  case Kind::several_addresses:
    return std::string(text(Msg::why_several_addresses, lang));
  case Kind::empty_local:
    return std::string(text(Msg::why_empty_local, lang));
  case Kind::empty_domain:
    return std::string(text(Msg::why_empty_domain, lang));
  case Kind::control_char:
    return std::string(text(Msg::why_control_char, lang));
  case Kind::too_long:
    return std::string(text(Msg::why_too_long, lang));
  case Kind::bad_domain:
    break;
  }
  return say(Msg::why_bad_domain, lang,
             fmt::arg("detail", error.detail.empty() ? std::string() : " (" + error.detail + ")"));
}

} // namespace

output::Lookup lookup_target(const std::string& email, const std::string& domain_text, core::Lang lang)
{
  output::Lookup lookup;
  if (!email.empty()) {
    auto address = providers::parse_email(email);
    if (!address) {
      auto message = say(Msg::bad_email, lang, fmt::arg("value", util::quote_for_message(email)),
                         fmt::arg("reason", why(address.error(), lang)));
      // `--email gmail.com`: a domain in the address's place.
      if (address.error().kind == providers::AddressError::Kind::no_at
          && providers::normalize_domain(email)) {
        message += say(Msg::hint_use_domain, lang, fmt::arg("value", util::quote_for_message(util::trim(email))));
      }
      throw Fatal(ExitCode::usage, message);
    }
    lookup.domain = address->domain;
    lookup.address = std::move(address).value();
    return lookup;
  }
  auto domain = providers::normalize_domain(domain_text);
  if (!domain) {
    auto message = say(Msg::bad_domain, lang, fmt::arg("value", util::quote_for_message(domain_text)),
                       fmt::arg("reason", why(domain.error(), lang)));
    // `--domain taro@gmail.com`: an address in the domain's place.
    if (providers::looks_like_address(domain_text) && providers::parse_email(domain_text)) {
      message += say(Msg::hint_use_email, lang,
                     fmt::arg("value", util::quote_for_message(providers::tidy_address(domain_text))));
    }
    throw Fatal(ExitCode::usage, message);
  }
  lookup.domain = std::move(domain).value();
  return lookup;
}

output::Lookup lookup_host(const std::string& host_text, core::Lang lang)
{
  auto host = providers::normalize_domain(host_text);
  if (!host) {
    throw Fatal(ExitCode::usage, say(Msg::probe_bad_host, lang,
                                     fmt::arg("value", util::quote_for_message(host_text)),
                                     fmt::arg("reason", why(host.error(), lang))));
  }
  output::Lookup lookup;
  lookup.host = std::move(host).value();
  return lookup;
}

} // namespace mailports::cli::cmd
