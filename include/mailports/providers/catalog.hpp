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
#include <string_view>
#include <utility>

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

  // Every field, in order (packed.hpp).
  template <typename Self, typename Visit>
  static constexpr void fields(Self& self, Visit&& visit)
  {
    visit(self.type, self.proto, self.host, self.port, self.tls, self.username, self.auth,
          self.leave_messages_on_server, self.source);
  }
};

struct Note {
  std::string_view source;
  std::string_view text;

  // Every field, in order (packed.hpp).
  template <typename Self, typename Visit>
  static constexpr void fields(Self& self, Visit&& visit)
  {
    visit(self.source, self.text);
  }
};

struct Provider {
  std::string_view id;
  std::string_view file;
  std::string_view name;
  std::span<const std::string_view> domains;
  std::span<const std::string_view> docs;
  bool oauth2 = false;
  std::span<const Server> incoming;
  std::span<const Server> outgoing;
  std::span<const Note> notes;

  // Every field, in order (packed.hpp).
  template <typename Self, typename Visit>
  static constexpr void fields(Self& self, Visit&& visit)
  {
    visit(self.id, self.file, self.name, self.domains, self.docs, self.oauth2, self.incoming,
          self.outgoing, self.notes);
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
};

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
