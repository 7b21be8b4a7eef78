// The built-in catalog, read from its packed constant bytes (packed.hpp
// says why they hold no pointers). A lookup unpacks one provider; only the
// providers list and discover unpack them all.
#include <mailports/providers/catalog.hpp>
#include <mailports/providers/packed.hpp>

#include <algorithm>
#include <map>
#include <mutex>

namespace mailports::providers {

namespace {

using packed::u32_at;

std::size_t provider_count() noexcept
{
  return u32_at(builtin_providers_packed(), 4);
}

std::size_t row_count() noexcept
{
  return u32_at(builtin_providers_packed(), 8);
}

std::string_view row_domain(std::size_t row) noexcept
{
  const auto image = builtin_providers_packed();
  const auto at = packed::k_header + (row * packed::k_row);
  return image.substr(u32_at(image, at), u32_at(image, at + 4));
}

std::uint32_t row_provider(std::size_t row) noexcept
{
  return u32_at(builtin_providers_packed(), packed::k_header + (row * packed::k_row) + 8);
}

std::size_t provider_at(std::size_t index) noexcept
{
  return u32_at(builtin_providers_packed(),
                packed::k_header + (row_count() * packed::k_row) + (index * 4));
}

std::size_t source_at() noexcept
{
  return packed::k_header + (row_count() * packed::k_row) + (provider_count() * 4);
}

Provider unpack(std::size_t index, packed::Lists& lists)
{
  Provider p;
  packed::Reader(builtin_providers_packed(), provider_at(index), lists).read(p);
  return p;
}

// Unpacked on demand, kept for the life of the process; discover looks up
// from several threads.
struct Unpacked {
  std::mutex mutex;
  packed::Lists lists;
  std::map<std::size_t, Provider> providers;
};

} // namespace

const Source& builtin_source()
{
  static const Source source = [] {
    packed::Lists none;
    Source s;
    packed::Reader(builtin_providers_packed(), source_at(), none).read(s);
    return s;
  }();
  return source;
}

const Provider* find_builtin(std::string_view domain)
{
  // Lower bound over the sorted rows: the first provider listing `domain`.
  std::size_t low = 0;
  std::size_t high = row_count();
  while (low < high) {
    const auto mid = low + ((high - low) / 2);
    if (row_domain(mid) < domain) {
      low = mid + 1;
    } else {
      high = mid;
    }
  }
  if (low == row_count() || row_domain(low) != domain) {
    return nullptr;
  }
  const std::size_t index = row_provider(low);
  static Unpacked unpacked;
  const std::lock_guard lock(unpacked.mutex);
  auto it = unpacked.providers.find(index);
  if (it == unpacked.providers.end()) {
    it = unpacked.providers.emplace(index, unpack(index, unpacked.lists)).first;
  }
  return &it->second;
}

const Catalog& builtin_catalog()
{
  struct Full {
    packed::Lists lists;
    std::vector<Provider> providers;
    std::vector<DomainRow> index;
    Catalog catalog;
  };
  static const Full full = [] {
    Full f;
    for (std::size_t i = 0; i < provider_count(); ++i) {
      f.providers.push_back(unpack(i, f.lists));
    }
    for (std::size_t row = 0; row < row_count(); ++row) {
      f.index.push_back(DomainRow{row_domain(row), row_provider(row)});
    }
    f.catalog = Catalog{builtin_source(), f.providers, f.index};
    return f;
  }();
  return full.catalog;
}

} // namespace mailports::providers
