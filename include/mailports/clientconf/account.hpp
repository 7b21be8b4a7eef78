// The account model every client format reads into (lint) and writes from
// (config): what a client will really do, with its defaults applied, and
// where in the file each setting was said.
#pragma once

#include <mailports/core/result.hpp>
#include <mailports/core/types.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mailports::clientconf {

// 1-based; 0 means "not in the file" (a default, or the file as a whole).
struct Location {
  unsigned line = 0;
  unsigned column = 0;
  friend bool operator==(const Location&, const Location&) = default;
};

// A finding only a client gets wrong (msmtp's missing `port`, aerc's
// `+insecure`, a password stored in the file). `code` is a finding code of
// the rules table, so severity, message and references come from the data;
// `value` and `other` fill its {value} and {other}. Neither ever holds a
// password.
struct ClientFinding {
  std::string_view code;
  Location where;
  std::string setting; // the setting it is about, as the file spells it
  std::string value;
  std::string other;
  friend bool operator==(const ClientFinding&, const ClientFinding&) = default;
};

// One server an account talks to, as the client will behave: the port and
// TLS mode after the client's own defaults and rules. The engine judges
// (proto, port, tls) exactly as `check` does.
struct Endpoint {
  core::Proto proto = core::Proto::smtp;
  std::string host;
  std::uint16_t port = 0;   // what the client connects to
  bool port_stated = true;  // false: the client's default (msmtp: 25)
  core::TlsMode tls = core::TlsMode::starttls;
  bool tls_stated = true;   // false: the client's default mode
  std::string user;         // the login name, if the file gives one
  std::string setting;      // the setting that names the server ("host", "smtp_url")
  Location where;           // where that setting is
  std::vector<ClientFinding> findings; // about this server only
};

struct Account {
  std::string name; // "default" where the format has no account names
  Location where;
  std::vector<Endpoint> endpoints;
  std::vector<ClientFinding> findings; // about the account (a stored password)
};

struct Parsed {
  std::vector<Account> accounts;
  std::vector<ClientFinding> findings; // about the file (an include not followed)
};

// Why a file could not be read as its format. `detail` names the bad
// token and is safe to print (never a password).
struct SyntaxError {
  enum class Kind : std::uint8_t {
    binary,             // NUL bytes
    too_large,          // over k_max_config_bytes
    not_utf8,           // invalid UTF-8 where text is required
    unterminated_quote, // a quote opened and not closed on its line
    bad_syntax,         // a line the format cannot have
    not_xml,            // XML that does not parse
  };
  Kind kind = Kind::bad_syntax;
  Location where;
  std::string detail;
};

using ReadResult = core::Result<Parsed, SyntaxError>;

// A client config is a few KiB; 1 MiB is far past any real one, and keeps a
// 100 MB file from being read into memory.
inline constexpr std::size_t k_max_config_bytes = std::size_t{1} << 20;

// A client's version, as "1.4.4" or "0.15.2"; NeoMutt's "20220429" is one
// number. Compared part by part, missing parts as 0.
struct Version {
  std::vector<unsigned> parts;
  std::string text;
  friend auto operator<=>(const Version& a, const Version& b) { return a.parts <=> b.parts; }
  friend bool operator==(const Version& a, const Version& b) { return a.parts == b.parts; }
};

// "1.4", "v0.15.2", "1.8.23-1" -> parts; nullopt when it has no digit first.
std::optional<Version> parse_version(std::string_view text);
// The first version-like word in a program's --version output.
std::optional<Version> find_version(std::string_view output);

} // namespace mailports::clientconf
