// Sending services (SendGrid, Amazon SES, ...) and hosting templates for
// per-account hosts (Xserver's svNNNN.xserver.jp, ...), from
// data/services.json: every fact with the page it comes from and whether
// that page was read (`verified`).
//
// Their servers are providers::Server values, so engine::advise judges them
// exactly as a provider's. Host templates: %REGION% (SES) and %HOST% (the
// account's own server, matched by `host_pattern`). Built in like the
// providers: packed constant bytes (packed.hpp), unpacked only by the
// commands that ask for a service (recommend --service/--hosting/--host,
// providers --search); `check` never touches them.
#pragma once

#include <mailports/core/result.hpp>
#include <mailports/providers/catalog.hpp>

#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace mailports::providers {

enum class ServiceKind : std::uint8_t {
  service, // a sending service (API-key style credentials)
  hosting, // a hosting company whose mail server is per account
};

std::string_view to_string(ServiceKind kind) noexcept;

// A page a fact comes from; `verified` when it was read on `checked`.
struct ServiceSource {
  std::string_view name;
  std::string_view url;
  std::string_view checked; // YYYY-MM-DD
  bool verified = false;

  // Every field, in order (packed.hpp).
  template <typename Self, typename Visit>
  static constexpr void fields(Self& self, Visit&& visit)
  {
    visit(self.name, self.url, self.checked, self.verified);
  }
};

struct Service {
  std::string_view id; // unique, lower case; also what --service/--hosting take
  ServiceKind kind = ServiceKind::service;
  std::string_view name;
  std::span<const std::string_view> aliases; // other names --service/--hosting take
  // Hosting: the per-account host names, `*` standing for one run of
  // letters, digits and hyphens ("sv*.xserver.jp"); none for fixed hosts.
  std::optional<std::string_view> host_pattern;
  std::optional<std::string_view> host_example; // "sv1234.xserver.jp"
  std::span<const std::string_view> regions;    // the values %REGION% takes
  std::span<const Server> servers;              // hosts may hold %REGION% or %HOST%
  std::string_view username_en; // the user-name rule
  std::string_view username_ja;
  std::string_view auth_en; // how to sign in, and what else to know
  std::string_view auth_ja;
  std::span<const std::string_view> codes; // rules.json findings every user of it should read
  std::span<const ServiceSource> sources;
  bool verified = false; // the service's own pages were read for its servers

  // Every field, in order (packed.hpp).
  template <typename Self, typename Visit>
  static constexpr void fields(Self& self, Visit&& visit)
  {
    visit(self.id, self.kind, self.name, self.aliases, self.host_pattern, self.host_example,
          self.regions, self.servers, self.username_en, self.username_ja, self.auth_en,
          self.auth_ja, self.codes, self.sources, self.verified);
  }
};

struct Services {
  std::span<const Service> entries;

  // By id or alias (lower case), of the given kind.
  [[nodiscard]] const Service* find(std::string_view name, ServiceKind kind) const noexcept;
  // The hosting entries whose host_pattern matches this (normalized) host.
  [[nodiscard]] const Service* find_by_host(std::string_view host) const noexcept;
};

// Whether `host` matches a host pattern (`*`: one or more of [a-z0-9-]).
bool host_matches(std::string_view pattern, std::string_view host) noexcept;

// Owned strings for a run-time load (tests, the generator).
class OwnedServices {
public:
  struct Storage;
  OwnedServices(std::shared_ptr<const Storage> storage, Services services)
    : m_storage(std::move(storage)), m_services(services)
  {
  }
  [[nodiscard]] const Services& services() const noexcept { return m_services; }

private:
  std::shared_ptr<const Storage> m_storage;
  Services m_services;
};

// Validated as it loads (ids unique among ids and aliases, every text in en
// and ja, every entry with an http(s) source, hosts with placeholders only
// where the entry defines them, codes defined by `finding_defined`).
core::Result<OwnedServices> load_services(std::string_view json_text, std::string_view origin,
                                          const std::function<bool(std::string_view)>& finding_defined);

// data/services.json as compiled in, unpacked on first use.
const Services& builtin_services();
std::string_view builtin_services_packed() noexcept;

// The packed image: u32 magic, u32 count, u32 offset of each entry, entries.
std::string pack_services(const Services& services);

} // namespace mailports::providers
