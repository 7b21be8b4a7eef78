// Shared by the units whose clients keep servers as URLs (neomutt, aerc) or
// run a password command (mbsync, neomutt, aerc). Private to formats/.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace mailports::clientconf::formats {

// scheme://[user[:password]@]host[:port][/...]: the parts a client connects
// with. The password is only noted (`has_password`), never kept.
struct ServerUrl {
  std::string scheme;               // lower-case, suffixes kept ("imaps+insecure")
  std::string host;                 // "[v6]" kept in brackets
  std::optional<std::uint16_t> port;
  bool bad_port = false;            // a port that is no number 1-65535
  std::string user;                 // percent-decoded
  bool has_password = false;
};

// nullopt when `text` has no "://" after a non-empty scheme (a path).
std::optional<ServerUrl> parse_server_url(std::string_view text);

// RFC 3986 percent-encoding of everything but unreserved characters (so
// also ' and @), for a URL's userinfo.
std::string percent_encode(std::string_view text);
std::string percent_decode(std::string_view text);

// `value` as one word for sh: single-quoted, a ' as '\''.
std::string shell_word(std::string_view value);

} // namespace mailports::clientconf::formats
