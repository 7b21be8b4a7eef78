// Mail provider settings, from data/providers.json (generated from the
// Thunderbird ISPDB by data/tools/ispdb_import.py).
#pragma once

#include <mailports/core/result.hpp>
#include <mailports/core/types.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mailports::providers {

struct Server {
  std::string type;                 // "imap", "pop3", "smtp", or e.g. "ews"
  std::optional<core::Proto> proto; // set for the protocols mailports judges
  std::optional<std::string> host;
  std::optional<std::uint16_t> port;
  std::optional<core::TlsMode> tls;
  std::optional<std::string> username; // template: %EMAILADDRESS% ...
  std::vector<std::string> auth;
  std::optional<bool> leave_messages_on_server;
  std::optional<std::string> source; // set where we added or repaired it
};

struct Note {
  std::string source;
  std::string text;
};

struct Provider {
  std::string id;
  std::string file;
  std::string name;
  std::vector<std::string> domains;
  std::vector<std::string> docs;
  bool oauth2 = false;
  std::vector<Server> incoming;
  std::vector<Server> outgoing;
  std::vector<Note> notes;
};

struct Source {
  std::string name;
  std::string repository;
  std::string commit;
  std::string date;
  std::string license;
};

struct Catalog {
  Source source;
  std::vector<Provider> providers;

  // Exact match on a normalized (lower-case ASCII) domain. No parent-domain
  // fallback: ISPDB lists every domain a provider serves.
  [[nodiscard]] const Provider* find(std::string_view domain) const noexcept;
};

// Validated as it loads; errors name the origin and the JSON pointer.
core::Result<Catalog> load_providers(std::string_view json_text, std::string_view origin);

// data/providers.json as compiled into the binary (validated at build time).
std::string_view builtin_providers_json() noexcept;
// Its source commit, known without parsing it (for --version).
std::string_view builtin_providers_commit() noexcept;

} // namespace mailports::providers
