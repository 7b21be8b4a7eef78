// A mail URL that does not parse, as a usage error (exit 64) naming the
// bad part; shared by the commands that take a URL (check, probe).
#pragma once

#include <mailports/cli/messages.hpp>
#include <mailports/url/mail_url.hpp>

namespace mailports::cli {

// `has_path` says what the command reads of a URL, so it differs per command.
[[noreturn]] void url_error(const url::UrlError& error, core::Lang lang,
                            Msg has_path = Msg::url_has_path);

// The same words, for `check --batch`'s per-line errors.
std::string url_error_message(const url::UrlError& error, core::Lang lang, Msg has_path = Msg::url_has_path);

} // namespace mailports::cli
