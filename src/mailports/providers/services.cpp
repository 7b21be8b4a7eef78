#include <mailports/providers/services.hpp>

#include <mailports/providers/packed.hpp>
#include <mailports/rules/json_parse.hpp>
#include <mailports/util/json_check.hpp>
#include <mailports/util/text.hpp>

#include <algorithm>
#include <deque>
#include <unordered_map>

namespace mailports::providers {

struct OwnedServices::Storage {
  std::deque<std::string> strings;
  std::deque<std::vector<std::string_view>> string_lists;
  std::deque<std::vector<Server>> server_lists;
  std::deque<std::vector<ServiceSource>> source_lists;
  std::vector<Service> entries;
};

namespace {

using nlohmann::json;
using util::expect_array;
using util::expect_fields;
using util::json_child;
using util::json_fail;

constexpr std::uint32_t k_services_magic = 0x4d505331; // "MPS1"

bool is_host_char(char c) noexcept
{
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
}

class Reader {
public:
  Reader(OwnedServices::Storage& storage, const std::function<bool(std::string_view)>& defined)
    : m_storage(storage), m_defined(defined)
  {
  }

  std::string_view string_of(const json& value, const std::string& pointer)
  {
    const auto& text = util::expect_string(value, pointer);
    if (text.empty()) {
      json_fail(pointer, "expected a non-empty string");
    }
    return m_storage.strings.emplace_back(text);
  }

  std::optional<std::string_view> optional_string(const json& value, const std::string& pointer)
  {
    return value.is_null() ? std::nullopt : std::optional(string_of(value, pointer));
  }

  std::span<const std::string_view> string_list(const json& value, const std::string& pointer)
  {
    std::vector<std::string_view> out;
    for (std::size_t i = 0; i < expect_array(value, pointer).size(); ++i) {
      out.push_back(string_of(value[i], json_child(pointer, i)));
    }
    return m_storage.string_lists.emplace_back(std::move(out));
  }

  std::string_view url_of(const json& value, const std::string& pointer)
  {
    const auto url = string_of(value, pointer);
    if (!url.starts_with("https://") && !url.starts_with("http://")) {
      json_fail(pointer, "expected an http(s):// URL, got " + util::json_quoted(std::string(url)));
    }
    return url;
  }

  // {"en": ..., "ja": ...}: both, and nothing else.
  std::pair<std::string_view, std::string_view> texts_of(const json& value, const std::string& pointer)
  {
    expect_fields(value, pointer, {"en", "ja"});
    return {string_of(value["en"], json_child(pointer, "en")), string_of(value["ja"], json_child(pointer, "ja"))};
  }

  Server server_of(const json& def, const std::string& here, const Service& service)
  {
    expect_fields(def, here, {"proto", "host", "port", "tls"}, {"unverified"});
    Server s;
    s.type = string_of(def["proto"], json_child(here, "proto"));
    s.proto = core::parse_proto(s.type);
    if (!s.proto) {
      json_fail(json_child(here, "proto"), "expected smtp, imap or pop3");
    }
    s.host = string_of(def["host"], json_child(here, "host"));
    const bool region = s.host->find("%REGION%") != std::string_view::npos;
    const bool account = *s.host == "%HOST%";
    if (region != !service.regions.empty() || account != service.host_pattern.has_value()
        || (!region && !account && s.host->find('%') != std::string_view::npos)) {
      json_fail(json_child(here, "host"), "%REGION% needs regions and %HOST% a host_pattern (and each the other)");
    }
    s.port = static_cast<std::uint16_t>(util::expect_integer(def["port"], json_child(here, "port"), 1, 65535));
    const auto& tls = util::expect_string(def["tls"], json_child(here, "tls"));
    const auto mode = core::parse_tls_mode(tls);
    if (!mode || core::to_string(*mode) != tls || *mode == core::TlsMode::opportunistic) {
      json_fail(json_child(here, "tls"), "expected none, starttls or implicit");
    }
    s.tls = mode;
    if (def.contains("unverified")) {
      if (def["unverified"] != true) {
        json_fail(json_child(here, "unverified"), "expected true (or no key)");
      }
      s.unverified = true;
    }
    return s;
  }

  ServiceSource source_of(const json& def, const std::string& here)
  {
    expect_fields(def, here, {"name", "url", "checked", "verified"});
    ServiceSource s{string_of(def["name"], json_child(here, "name")), url_of(def["url"], json_child(here, "url")),
                    string_of(def["checked"], json_child(here, "checked")), false};
    if (!def["verified"].is_boolean()) {
      json_fail(json_child(here, "verified"), "expected true or false");
    }
    s.verified = def["verified"].get<bool>();
    return s;
  }

  Service service_of(const json& def, const std::string& here)
  {
    expect_fields(def, here,
                  {"id", "kind", "name", "aliases", "host_pattern", "host_example", "regions", "servers",
                   "username", "username_rule", "auth", "codes", "sources", "verified"});
    Service s;
    s.id = string_of(def["id"], json_child(here, "id"));
    const auto& kind = util::expect_string(def["kind"], json_child(here, "kind"));
    if (kind != "service" && kind != "hosting") {
      json_fail(json_child(here, "kind"), "expected service or hosting");
    }
    s.kind = kind == "service" ? ServiceKind::service : ServiceKind::hosting;
    s.name = string_of(def["name"], json_child(here, "name"));
    s.aliases = string_list(def["aliases"], json_child(here, "aliases"));
    s.host_pattern = optional_string(def["host_pattern"], json_child(here, "host_pattern"));
    s.host_example = optional_string(def["host_example"], json_child(here, "host_example"));
    if (s.host_pattern.has_value() != s.host_example.has_value()
        || (s.host_pattern && !host_matches(*s.host_pattern, *s.host_example))) {
      json_fail(json_child(here, "host_example"), "a host_pattern needs an example it matches");
    }
    s.regions = string_list(def["regions"], json_child(here, "regions"));
    const auto username = optional_string(def["username"], json_child(here, "username"));
    std::vector<Server> servers;
    const auto servers_at = json_child(here, "servers");
    for (std::size_t i = 0; i < expect_array(def["servers"], servers_at).size(); ++i) {
      servers.push_back(server_of(def["servers"][i], json_child(servers_at, i), s));
      servers.back().username = username;
    }
    if (servers.empty()) {
      json_fail(servers_at, "expected at least one server");
    }
    s.servers = m_storage.server_lists.emplace_back(std::move(servers));
    std::tie(s.username_en, s.username_ja) = texts_of(def["username_rule"], json_child(here, "username_rule"));
    std::tie(s.auth_en, s.auth_ja) = texts_of(def["auth"], json_child(here, "auth"));
    s.codes = string_list(def["codes"], json_child(here, "codes"));
    for (std::size_t i = 0; i < s.codes.size(); ++i) {
      if (!m_defined(s.codes[i])) {
        json_fail(json_child(json_child(here, "codes"), i),
                  "no finding " + util::json_quoted(std::string(s.codes[i])) + " in the rules table");
      }
    }
    std::vector<ServiceSource> sources;
    const auto sources_at = json_child(here, "sources");
    for (std::size_t i = 0; i < expect_array(def["sources"], sources_at).size(); ++i) {
      sources.push_back(source_of(def["sources"][i], json_child(sources_at, i)));
    }
    if (sources.empty()) {
      json_fail(sources_at, "every entry needs a source");
    }
    s.sources = m_storage.source_lists.emplace_back(std::move(sources));
    if (!def["verified"].is_boolean()) {
      json_fail(json_child(here, "verified"), "expected true or false");
    }
    s.verified = def["verified"].get<bool>();
    return s;
  }

private:
  OwnedServices::Storage& m_storage;
  const std::function<bool(std::string_view)>& m_defined;
};

// Names --service/--hosting take: ids and aliases, lower case, unique.
void check_names(const std::vector<Service>& entries)
{
  std::unordered_map<std::string, std::size_t> first;
  for (std::size_t i = 0; i < entries.size(); ++i) {
    std::vector<std::string_view> names{entries[i].id};
    names.insert(names.end(), entries[i].aliases.begin(), entries[i].aliases.end());
    for (const auto name : names) {
      if (util::to_lower(name) != name) {
        json_fail(json_child(json_child("/entries", i), "id"), "names are lower case: " + util::json_quoted(std::string(name)));
      }
      const auto [at, fresh] = first.emplace(std::string(name), i);
      if (!fresh) {
        json_fail(json_child(json_child("/entries", i), "id"),
                  "name " + util::json_quoted(std::string(name)) + " is also used by " + json_child("/entries", at->second));
      }
    }
  }
}

} // namespace

std::string_view to_string(ServiceKind kind) noexcept
{
  return kind == ServiceKind::service ? "service" : "hosting";
}

bool host_matches(std::string_view pattern, std::string_view host) noexcept
{
  // `*` takes one or more host characters; the rest must match exactly.
  const auto star = pattern.find('*');
  if (star == std::string_view::npos) {
    return pattern == host;
  }
  const auto head = pattern.substr(0, star);
  const auto tail = pattern.substr(star + 1);
  if (host.size() <= head.size() + tail.size() || !host.starts_with(head) || !host.ends_with(tail)) {
    return false;
  }
  const auto middle = host.substr(head.size(), host.size() - head.size() - tail.size());
  return std::all_of(middle.begin(), middle.end(), is_host_char);
}

const Service* Services::find(std::string_view name, ServiceKind kind) const noexcept
{
  for (const auto& s : entries) {
    if (s.kind == kind
        && (s.id == name || std::find(s.aliases.begin(), s.aliases.end(), name) != s.aliases.end())) {
      return &s;
    }
  }
  return nullptr;
}

const Service* Services::find_by_host(std::string_view host) const noexcept
{
  for (const auto& s : entries) {
    if (s.host_pattern && host_matches(*s.host_pattern, host)) {
      return &s;
    }
  }
  return nullptr;
}

core::Result<OwnedServices> load_services(std::string_view json_text, std::string_view origin,
                                          const std::function<bool(std::string_view)>& finding_defined)
{
  auto document = rules::parse_json_strict(json_text);
  if (!document) {
    return core::Error{std::string(origin) + ":" + document.error().message};
  }
  try {
    const json& doc = *document;
    expect_fields(doc, "", {"schema_version", "entries"}, {"$schema", "note"});
    if (doc["schema_version"] != 1) {
      json_fail("/schema_version", "expected 1, got " + doc["schema_version"].dump());
    }
    auto storage = std::make_shared<OwnedServices::Storage>();
    Reader reader(*storage, finding_defined);
    const auto& list = expect_array(doc["entries"], "/entries");
    for (std::size_t i = 0; i < list.size(); ++i) {
      storage->entries.push_back(reader.service_of(list[i], json_child("/entries", i)));
    }
    check_names(storage->entries);
    Services services{storage->entries};
    return OwnedServices(std::move(storage), services);
  } catch (const util::JsonInvalid& invalid) {
    return core::Error{std::string(origin) + ": " + invalid.message};
  }
}

std::string pack_services(const Services& services)
{
  packed::Writer body;
  const std::size_t fixed = 8 + (services.entries.size() * 4);
  std::vector<std::uint32_t> at;
  for (const auto& s : services.entries) {
    at.push_back(static_cast<std::uint32_t>(fixed + body.size()));
    body.write(s);
  }
  packed::Writer head;
  head.u32(k_services_magic);
  head.u32(static_cast<std::uint32_t>(services.entries.size()));
  for (const auto offset : at) {
    head.u32(offset);
  }
  return head.out() + body.out();
}

} // namespace mailports::providers
