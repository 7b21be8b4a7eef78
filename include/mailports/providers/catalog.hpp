// Mail provider settings, from data/providers.json (generated from the
// Thunderbird ISPDB by data/tools/ispdb_import.py).
//
// The model is views (string_view, span), like rules::Table: the built-in
// catalog is constant data compiled from data/providers.json at build time
// (src/tools/gen_providers.cpp, through load_providers below), and a
// catalog loaded at run time (--providers FILE) keeps its strings in an
// OwnedCatalog. The built-in data is packed without pointers (a pointer in
// constant data is a relocation every start-up pays, for every command):
// providers/packed.hpp writes and reads it field by field through each
// struct's `fields`, which lists its members in order.
//
// Adding a field to a struct takes two lines besides the member: its name
// in the struct's `fields` (a static_assert in packed.hpp fails the build
// until it is there), and its reading in src/mailports/providers/catalog.cpp
// (`Reader::*_of`). Strings, optionals, enums, integers, bools, lists and
// structs with `fields` are packed, read back and compared generically.
#pragma once

#include <mailports/core/result.hpp>
#include <mailports/core/types.hpp>

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace mailports::providers {

struct Server {
  std::string_view type;            // "imap", "pop3", "smtp", or e.g. "ews"
  std::optional<core::Proto> proto; // set for the protocols mailports judges
  std::optional<std::string_view> host;
  std::optional<std::uint16_t> port;
  std::optional<core::TlsMode> tls;
  std::optional<std::string_view> username; // template: %EMAILADDRESS% ...
  std::span<const std::string_view> auth;
  std::optional<bool> leave_messages_on_server;
  std::optional<std::string_view> source; // set where we added or repaired it
  // An added server no provider page could be cited for: advise ranks it
  // after the servers ISPDB publishes.
  bool unverified = false;

  // Every field, in order (packed.hpp).
  template <typename Self, typename Visit>
  static constexpr void fields(Self& self, Visit&& visit)
  {
    visit(self.type, self.proto, self.host, self.port, self.tls, self.username, self.auth,
          self.leave_messages_on_server, self.source, self.unverified);
  }
};

struct Note {
  std::string_view source;
  std::string_view text;
  std::string_view url;     // the source's address (empty in data before schema 2)
  std::string_view text_ja; // empty in data before schema 2

  // Every field, in order (packed.hpp).
  template <typename Self, typename Visit>
  static constexpr void fields(Self& self, Visit&& visit)
  {
    visit(self.source, self.text, self.url, self.text_ja);
  }
};

// One of ISPDB's texts in one language ("en" where ISPDB names none).
struct LangText {
  std::string_view lang;
  std::string_view text;

  // Every field, in order (packed.hpp).
  template <typename Self, typename Visit>
  static constexpr void fields(Self& self, Visit&& visit)
  {
    visit(self.lang, self.text);
  }
};

// ISPDB's <documentation url=...><descr lang=...>.
struct Documentation {
  std::string_view url;
  std::span<const LangText> descriptions;

  // Every field, in order (packed.hpp).
  template <typename Self, typename Visit>
  static constexpr void fields(Self& self, Visit&& visit)
  {
    visit(self.url, self.descriptions);
  }
};

// ISPDB's <enable visiturl=...><instruction>: a step the user takes before
// any client can connect (e.g. allow IMAP in the web mail's settings).
struct Enable {
  std::optional<std::string_view> url;
  std::span<const LangText> instructions;

  // Every field, in order (packed.hpp).
  template <typename Self, typename Visit>
  static constexpr void fields(Self& self, Visit&& visit)
  {
    visit(self.url, self.instructions);
  }
};

enum class AuthKind : std::uint8_t {
  oauth2_only,  // no password of any kind works
  app_password, // a password made for the app, not the account's
  password,     // the account's (or mailbox's) own password
};

// How a provider's users sign in, with where the setting lives, from
// data/tools/provider-overrides.json.
struct AuthFacts {
  AuthKind kind = AuthKind::password;
  std::string_view where_en;
  std::string_view where_ja;
  std::string_view url;     // the source
  std::string_view checked; // YYYY-MM-DD
  bool verified = false;    // read in the source, rather than known of it

  // Every field, in order (packed.hpp).
  template <typename Self, typename Visit>
  static constexpr void fields(Self& self, Visit&& visit)
  {
    visit(self.kind, self.where_en, self.where_ja, self.url, self.checked, self.verified);
  }
};

std::string_view to_string(AuthKind kind) noexcept;

struct Provider {
  std::string_view id;       // unique (schema 2); ISPDB's own id where no other file uses it
  std::string_view ispdb_id; // ISPDB's emailProvider id, shared by several files (zoho.com)
  std::string_view file;
  std::string_view name;
  std::span<const std::string_view> domains;
  std::span<const std::string_view> docs;
  bool oauth2 = false;
  std::span<const Server> incoming;
  std::span<const Server> outgoing;
  std::span<const Note> notes;
  std::span<const Documentation> documentation; // docs with their descriptions
  std::optional<Enable> enable;
  std::optional<AuthFacts> auth_facts;

  // Every field, in order (packed.hpp).
  template <typename Self, typename Visit>
  static constexpr void fields(Self& self, Visit&& visit)
  {
    visit(self.id, self.ispdb_id, self.file, self.name, self.domains, self.docs, self.oauth2,
          self.incoming, self.outgoing, self.notes, self.documentation, self.enable,
          self.auth_facts);
  }
};

struct Source {
  std::string_view name;
  std::string_view repository;
  std::string_view commit;
  std::string_view date;
  std::string_view license;

  // Every field, in order (packed.hpp).
  template <typename Self, typename Visit>
  static constexpr void fields(Self& self, Visit&& visit)
  {
    visit(self.name, self.repository, self.commit, self.date, self.license);
  }
};

// One row of the domain index: every domain of every provider, sorted by
// domain and then by the provider's place in the file.
struct DomainRow {
  std::string_view domain;
  std::uint32_t provider = 0; // index in Catalog::providers
};

struct Catalog {
  Source source;
  std::span<const Provider> providers;
  std::span<const DomainRow> index; // sorted; built by the loader

  // Exact match on a normalized (lower-case ASCII) domain, by binary search
  // in `index`; the first provider in the file that lists it. No
  // parent-domain fallback: ISPDB lists every domain a provider serves.
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

// A catalog loaded at run time, with the storage its views point into.
class OwnedCatalog {
public:
  struct Storage;
  OwnedCatalog(std::shared_ptr<const Storage> storage, Catalog catalog)
    : m_storage(std::move(storage)), m_catalog(catalog)
  {
  }
  [[nodiscard]] const Catalog& catalog() const noexcept { return m_catalog; }

private:
  std::shared_ptr<const Storage> m_storage;
  Catalog m_catalog;
};

// Validated as it loads; errors name the origin and the JSON pointer.
core::Result<OwnedCatalog> load_providers(std::string_view json_text, std::string_view origin);

// data/providers.json as compiled into the binary: packed constant data,
// checked at build time by load_providers; no JSON is parsed at run time.
// Every provider, unpacked on first use (the providers list, discover).
const Catalog& builtin_catalog();
// Where the data comes from, without unpacking the providers.
const Source& builtin_source();
// One provider by domain (as Catalog::find): a binary search of the packed
// index, then only that provider is unpacked. Thread-safe.
const Provider* find_builtin(std::string_view domain);
// Its source commit (for --version).
std::string_view builtin_providers_commit() noexcept;
// The packed bytes (generated by mailports-gen-providers).
std::string_view builtin_providers_packed() noexcept;

} // namespace mailports::providers
