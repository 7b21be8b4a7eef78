#pragma once

#include <string>
#include <string_view>

namespace mailports::diagnose {

// A log line as it may be shown (log mode's example line): the secrets a
// client or server log can hold replaced by ***: a URL's `user:password@`,
// what follows AUTH PLAIN/LOGIN/XOAUTH2/OAUTHBEARER/CRAM-MD5 (base64 of the
// credentials), and the value of a key naming a password, secret or token
// (`password=`, `pass: `, `api_key="..."`). Everything else is kept.
std::string redact_secrets(std::string_view line);

} // namespace mailports::diagnose
