// The built-in provider catalog in a packed form without pointers: a
// pointer in constant data is a relative relocation, which the dynamic
// loader applies at every start-up of every command (~15 k pointers here:
// +95 k instructions and +0.6 MiB RSS for `check`, which never looks at a
// provider). The bytes are written at build time from the catalog the
// run-time loader built (src/tools/gen_providers.cpp) and read back here,
// one provider at a time, with string_views into the bytes themselves.
//
// Layout (u32 in host order; the generator runs on the build host):
//   u32 magic, u32 providers, u32 index rows
//   index rows: u32 domain offset, u32 domain length, u32 provider (sorted)
//   u32 offset of each provider
//   Source, then each Provider, field by field through its `fields`:
//   string = u32 length + bytes; optional = u8 flag + value; enum, bool =
//   u8; integers = their width; list = u32 count + items; struct = fields.
#pragma once

#include <mailports/providers/catalog.hpp>
#include <mailports/providers/services.hpp>

#include <cstdint>
#include <cstring>
#include <deque>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <vector>

namespace mailports::providers::packed {

inline constexpr std::uint32_t k_magic = 0x4d505031; // "MPP1"
inline constexpr std::size_t k_header = 3 * 4;
inline constexpr std::size_t k_row = 3 * 4;

// Number of members of an aggregate, so a struct's `fields` that misses a
// member fails to compile (below) instead of dropping data silently.
struct AnyField {
  template <typename T>
  operator T() const; // NOLINT(google-explicit-constructor): only in requires
};

template <typename T, typename... Fields>
consteval std::size_t member_count()
{
  if constexpr (requires { T{Fields{}..., AnyField{}}; }) {
    return member_count<T, Fields..., AnyField>();
  } else {
    return sizeof...(Fields);
  }
}

template <typename T>
consteval std::size_t visited_count()
{
  std::size_t n = 0;
  T value{};
  T::fields(value, [&n](auto&... f) { n = sizeof...(f); });
  return n;
}

template <typename T>
concept Record = requires(T& t) { T::fields(t, [](auto&...) {}); };

template <Record T>
consteval bool lists_every_member()
{
  return visited_count<T>() == member_count<T>();
}

static_assert(lists_every_member<Server>(), "providers::Server::fields misses a member");
static_assert(lists_every_member<Note>(), "providers::Note::fields misses a member");
static_assert(lists_every_member<LangText>(), "providers::LangText::fields misses a member");
static_assert(lists_every_member<Documentation>(), "providers::Documentation::fields misses a member");
static_assert(lists_every_member<Enable>(), "providers::Enable::fields misses a member");
static_assert(lists_every_member<AuthFacts>(), "providers::AuthFacts::fields misses a member");
static_assert(lists_every_member<Provider>(), "providers::Provider::fields misses a member");
static_assert(lists_every_member<Source>(), "providers::Source::fields misses a member");
static_assert(lists_every_member<ServiceSource>(), "providers::ServiceSource::fields misses a member");
static_assert(lists_every_member<Service>(), "providers::Service::fields misses a member");

// Build time: the catalog to bytes.
class Writer {
public:
  void u32(std::uint32_t v) { bytes(&v, sizeof v); }

  void write(std::string_view s)
  {
    u32(static_cast<std::uint32_t>(s.size()));
    m_out.append(s);
  }
  void write(bool b) { m_out.push_back(b ? '\1' : '\0'); }
  void write(std::uint16_t v) { bytes(&v, sizeof v); }
  void write(std::uint32_t v) { u32(v); }
  template <typename E>
    requires std::is_enum_v<E>
  void write(E e)
  {
    m_out.push_back(static_cast<char>(e));
  }
  template <typename T>
  void write(const std::optional<T>& o)
  {
    write(o.has_value());
    if (o) {
      write(*o);
    }
  }
  template <typename T>
  void write(std::span<const T> list)
  {
    u32(static_cast<std::uint32_t>(list.size()));
    for (const auto& item : list) {
      write(item);
    }
  }
  template <Record T>
  void write(const T& record)
  {
    T::fields(record, [this](const auto&... f) { (this->write(f), ...); });
  }

  [[nodiscard]] std::size_t size() const noexcept { return m_out.size(); }
  std::string& out() noexcept { return m_out; }

private:
  void bytes(const void* p, std::size_t n) { m_out.append(static_cast<const char*>(p), n); }
  std::string m_out;
};

// The whole packed image of a catalog.
inline std::string pack(const Catalog& catalog)
{
  Writer body; // Source and providers, offsets relative to the image start
  const std::size_t fixed = k_header + (catalog.index.size() * k_row) + (catalog.providers.size() * 4);
  // Domains are written once, in the index rows' own string area.
  std::string domains;
  std::vector<std::uint32_t> domain_at;
  body.write(catalog.source);
  std::vector<std::uint32_t> provider_at;
  for (const auto& p : catalog.providers) {
    provider_at.push_back(static_cast<std::uint32_t>(fixed + body.size()));
    body.write(p);
  }
  const std::size_t strings_at = fixed + body.size();
  Writer head;
  head.u32(k_magic);
  head.u32(static_cast<std::uint32_t>(catalog.providers.size()));
  head.u32(static_cast<std::uint32_t>(catalog.index.size()));
  for (const auto& row : catalog.index) {
    head.u32(static_cast<std::uint32_t>(strings_at + domains.size()));
    head.u32(static_cast<std::uint32_t>(row.domain.size()));
    head.u32(row.provider);
    domains += row.domain;
  }
  for (const auto at : provider_at) {
    head.u32(at);
  }
  return head.out() + body.out() + domains;
}

// Run time: bytes to views. Lists go into `Lists`, one deque per item type
// (addresses stay put as they grow).
struct Lists {
  std::deque<std::vector<std::string_view>> strings;
  std::deque<std::vector<Server>> servers;
  std::deque<std::vector<Note>> notes;
  std::deque<std::vector<LangText>> lang_texts;
  std::deque<std::vector<Documentation>> documentation;
  std::deque<std::vector<ServiceSource>> service_sources;

  template <typename T>
  std::deque<std::vector<T>>& of()
  {
    if constexpr (std::is_same_v<T, std::string_view>) {
      return strings;
    } else if constexpr (std::is_same_v<T, Server>) {
      return servers;
    } else if constexpr (std::is_same_v<T, Note>) {
      return notes;
    } else if constexpr (std::is_same_v<T, LangText>) {
      return lang_texts;
    } else if constexpr (std::is_same_v<T, ServiceSource>) {
      return service_sources;
    } else {
      static_assert(std::is_same_v<T, Documentation>, "a new list type: give it a deque here");
      return documentation;
    }
  }
};

class Reader {
public:
  Reader(std::string_view image, std::size_t at, Lists& lists) : m_image(image), m_at(at), m_lists(lists) {}

  std::uint32_t u32()
  {
    std::uint32_t v = 0;
    bytes(&v, sizeof v);
    return v;
  }

  void read(std::string_view& s)
  {
    const auto n = u32();
    s = m_image.substr(m_at, n);
    m_at += n;
  }
  void read(bool& b) { b = byte() != 0; }
  void read(std::uint16_t& v) { bytes(&v, sizeof v); }
  void read(std::uint32_t& v) { v = u32(); }
  template <typename E>
    requires std::is_enum_v<E>
  void read(E& e)
  {
    e = static_cast<E>(byte());
  }
  template <typename T>
  void read(std::optional<T>& o)
  {
    if (byte() != 0) {
      T v{};
      read(v);
      o = v;
    } else {
      o.reset();
    }
  }
  template <typename T>
  void read(std::span<const T>& list)
  {
    const auto n = u32();
    if (n == 0) {
      list = {};
      return;
    }
    auto& items = m_lists.of<T>().emplace_back(n);
    for (auto& item : items) {
      read(item);
    }
    list = items;
  }
  template <Record T>
  void read(T& record)
  {
    T::fields(record, [this](auto&... f) { (this->read(f), ...); });
  }

private:
  unsigned char byte() { return static_cast<unsigned char>(m_image[m_at++]); }
  void bytes(void* p, std::size_t n)
  {
    std::memcpy(p, m_image.data() + m_at, n);
    m_at += n;
  }

  std::string_view m_image;
  std::size_t m_at;
  Lists& m_lists;
};

// Fixed-width reads of the header and index, without a Reader.
inline std::uint32_t u32_at(std::string_view image, std::size_t at) noexcept
{
  std::uint32_t v = 0;
  std::memcpy(&v, image.data() + at, sizeof v);
  return v;
}

} // namespace mailports::providers::packed
