// Recoverable errors are values: a Result holds either a T or an error whose
// message names the bad value. Fatal errors use cli::Fatal instead.
#pragma once

#include <string>
#include <utility>
#include <variant>

namespace mailports::core {

struct Error {
  std::string message;
};

template <typename T, typename E = Error>
class [[nodiscard]] Result {
public:
  Result(T value) : m_value(std::in_place_index<0>, std::move(value)) {} // NOLINT: implicit by design
  Result(E error) : m_value(std::in_place_index<1>, std::move(error)) {} // NOLINT: implicit by design

  [[nodiscard]] bool has_value() const noexcept { return m_value.index() == 0; }
  explicit operator bool() const noexcept { return has_value(); }

  T& value() & { return std::get<0>(m_value); }
  const T& value() const& { return std::get<0>(m_value); }
  T&& value() && { return std::get<0>(std::move(m_value)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

  const E& error() const& { return std::get<1>(m_value); }

private:
  std::variant<T, E> m_value;
};

} // namespace mailports::core
