// Field-by-field comparison of two provider catalogs (the model is views,
// so == is not defined on it). The built-in constant data and the run-time
// loader's reading of data/providers.json must agree on every field; a
// field added to a struct without its line here fails to compile.
#pragma once

#include "catch.hpp"

#include <mailports/providers/catalog.hpp>

#include <algorithm>
#include <cstddef>

namespace mailports::test {

namespace detail {

struct AnyField {
  template <typename T>
  operator T() const; // NOLINT(google-explicit-constructor): only for requires
};

template <typename T, typename... Fields>
constexpr std::size_t field_count()
{
  if constexpr (requires { T{Fields{}..., AnyField{}}; }) {
    return field_count<T, Fields..., AnyField>();
  } else {
    return sizeof...(Fields);
  }
}

template <typename T>
bool same_list(std::span<const T> a, std::span<const T> b)
{
  return std::equal(a.begin(), a.end(), b.begin(), b.end());
}

inline bool same(const providers::Server& a, const providers::Server& b)
{
  static_assert(field_count<providers::Server>() == 9, "compare the new field of Server");
  return a.type == b.type && a.proto == b.proto && a.host == b.host && a.port == b.port
         && a.tls == b.tls && a.username == b.username && same_list(a.auth, b.auth)
         && a.leave_messages_on_server == b.leave_messages_on_server && a.source == b.source;
}

inline bool same_servers(std::span<const providers::Server> a, std::span<const providers::Server> b)
{
  return std::equal(a.begin(), a.end(), b.begin(), b.end(),
                    [](const auto& x, const auto& y) { return same(x, y); });
}

inline bool same(const providers::Provider& a, const providers::Provider& b)
{
  static_assert(field_count<providers::Provider>() == 9, "compare the new field of Provider");
  static_assert(field_count<providers::Note>() == 2, "compare the new field of Note");
  return a.id == b.id && a.file == b.file && a.name == b.name && same_list(a.domains, b.domains)
         && same_list(a.docs, b.docs) && a.oauth2 == b.oauth2
         && same_servers(a.incoming, b.incoming) && same_servers(a.outgoing, b.outgoing)
         && std::equal(a.notes.begin(), a.notes.end(), b.notes.begin(), b.notes.end(),
                       [](const auto& x, const auto& y) { return x.source == y.source && x.text == y.text; });
}

} // namespace detail

inline void check_same_catalog(const providers::Catalog& a, const providers::Catalog& b)
{
  static_assert(detail::field_count<providers::Source>() == 5, "compare the new field of Source");
  CHECK(a.source.name == b.source.name);
  CHECK(a.source.repository == b.source.repository);
  CHECK(a.source.commit == b.source.commit);
  CHECK(a.source.date == b.source.date);
  CHECK(a.source.license == b.source.license);
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
