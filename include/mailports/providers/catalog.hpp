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
  // An added server no provider page could be cited for: advise ranks it
  // after the servers ISPDB publishes.
  bool unverified = false;
};

struct Note {
  std::string source;
  std::string text;
  std::string url;     // the source's address (empty in data before schema 2)
  std::string text_ja; // empty in data before schema 2
};

// One of ISPDB's texts in one language ("en" where ISPDB names none).
struct LangText {
  std::string lang;
  std::string text;
};

// ISPDB's <documentation url=...><descr lang=...>.
struct Documentation {
  std::string url;
  std::vector<LangText> descriptions;
};

// ISPDB's <enable visiturl=...><instruction>: a step the user takes before
// any client can connect (e.g. allow IMAP in the web mail's settings).
struct Enable {
  std::optional<std::string> url;
  std::vector<LangText> instructions;
};

enum class AuthKind {
  oauth2_only,  // no password of any kind works
  app_password, // a password made for the app, not the account's
  password,     // the account's (or mailbox's) own password
};

// How a provider's users sign in, with where the setting lives, from
// data/tools/provider-overrides.json.
struct AuthFacts {
  AuthKind kind = AuthKind::password;
  std::string where_en;
  std::string where_ja;
  std::string url;     // the source
  std::string checked; // YYYY-MM-DD
  bool verified = false; // read in the source, rather than known of it
};

std::string_view to_string(AuthKind kind) noexcept;

struct Provider {
  std::string id;       // unique (schema 2); ISPDB's own id where no other file uses it
  std::string ispdb_id; // ISPDB's emailProvider id, shared by several files (zoho.com)
  std::string file;
  std::string name;
  std::vector<std::string> domains;
  std::vector<std::string> docs;
  bool oauth2 = false;
  std::vector<Server> incoming;
  std::vector<Server> outgoing;
  std::vector<Note> notes;
  std::vector<Documentation> documentation; // docs with their descriptions
  std::optional<Enable> enable;
  std::optional<AuthFacts> auth_facts;
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

  // Providers publishing a server of exactly this (normalized) host name;
  // a template host (pop.%EMAILDOMAIN%) matches with each of its domains.
  [[nodiscard]] std::vector<const Provider*> find_by_host(std::string_view host) const;

  // Providers whose published servers all live under this domain or one of
  // them does (imap.fastmail.com under fastmail.com): how a domain that is
  // not in ISPDB's list still reaches the provider running its servers.
  [[nodiscard]] std::vector<const Provider*> find_by_server_domain(std::string_view domain) const;
};

// A host name template filled with a domain (%EMAILDOMAIN%).
std::string host_for_domain(std::string_view templ, std::string_view domain);

// Validated as it loads; errors name the origin and the JSON pointer.
core::Result<Catalog> load_providers(std::string_view json_text, std::string_view origin);

// data/providers.json as compiled into the binary (validated at build time).
std::string_view builtin_providers_json() noexcept;
// Its source commit, known without parsing it (for --version).
std::string_view builtin_providers_commit() noexcept;

} // namespace mailports::providers
