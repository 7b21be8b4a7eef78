// Field-by-field comparison of two provider catalogs (the model is views,
// so == is not defined on it), through each struct's `fields`: the unpacked
// built-in data and the run-time loader's reading of data/providers.json
// must agree on every field, new ones included.
#pragma once

#include "catch.hpp"

#include <mailports/providers/catalog.hpp>
#include <mailports/providers/packed.hpp>

#include <algorithm>
#include <cstddef>
#include <optional>
#include <span>
#include <tuple>

namespace mailports::test {

namespace detail {

template <typename T>
bool same(const T& a, const T& b);

template <typename T>
bool same_value(const T& a, const T& b)
{
  if constexpr (providers::packed::Record<T>) {
    return same(a, b);
  } else {
    return a == b;
  }
}

template <typename T>
bool same_value(std::span<const T> a, std::span<const T> b);

template <typename T>
bool same_value(const std::optional<T>& a, const std::optional<T>& b)
{
  return a.has_value() == b.has_value() && (!a || same_value(*a, *b));
}

template <typename T>
bool same_value(std::span<const T> a, std::span<const T> b)
{
  return std::equal(a.begin(), a.end(), b.begin(), b.end(),
                    [](const T& x, const T& y) { return same_value(x, y); });
}

template <typename T>
bool same(const T& a, const T& b)
{
  bool equal = true;
  T::fields(a, [&](const auto&... x) {
    T::fields(b, [&](const auto&... y) { equal = (same_value(x, y) && ...); });
  });
  return equal;
}

} // namespace detail

inline void check_same_catalog(const providers::Catalog& a, const providers::Catalog& b)
{
  CHECK(detail::same(a.source, b.source));
  REQUIRE(a.providers.size() == b.providers.size());
  for (std::size_t i = 0; i < a.providers.size(); ++i) {
    INFO("provider " << a.providers[i].id);
    CHECK(detail::same(a.providers[i], b.providers[i]));
  }
  REQUIRE(a.index.size() == b.index.size());
  for (std::size_t i = 0; i < a.index.size(); ++i) {
    CHECK(a.index[i].domain == b.index[i].domain);
    CHECK(a.index[i].provider == b.index[i].provider);
  }
}

} // namespace mailports::test
