#include <mailports/util/unicode.hpp>

#include <mailports/util/dynlib.hpp>
#include <mailports/util/text.hpp>

#include <uninorm.h>

#include <algorithm>
#include <cstdlib>
#include <memory>

namespace mailports::util {

namespace {

// libunistring (already on every machine with libidn2, which depends on it),
// loaded on first use: linking it costs every start-up ~0.5 M instructions
// of relocations (tests/bench/README.md), and most command lines are ASCII.
struct Normalizer {
  decltype(&u8_normalize) normalize = nullptr;
  uninorm_t nfkc = nullptr;
};

const Normalizer& normalizer()
{
  static const Normalizer n = [] {
    Normalizer out;
    const auto library = open_library("libunistring.so.2");
    auto* normalize = find_function<std::remove_pointer_t<decltype(out.normalize)>>(library, "u8_normalize");
    // UNINORM_NFKC is the address of this object in the library.
    auto* form = static_cast<uninorm_t>(find_symbol(library, "uninorm_nfkc"));
    if (normalize != nullptr && form != nullptr) {
      out.normalize = normalize;
      out.nfkc = form;
    }
    return out;
  }();
  return n;
}

} // namespace

bool is_ascii(std::string_view text) noexcept
{
  return std::all_of(text.begin(), text.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

std::string nfkc(std::string_view text)
{
  if (is_ascii(text) || !is_valid_utf8(text)) {
    return std::string(text);
  }
  const auto& n = normalizer();
  if (n.normalize == nullptr) {
    return std::string(text);
  }
  std::size_t length = 0;
  std::unique_ptr<std::uint8_t, decltype(&std::free)> folded(
    n.normalize(n.nfkc, reinterpret_cast<const std::uint8_t*>(text.data()), text.size(), nullptr, &length),
    &std::free);
  if (folded == nullptr) {
    return std::string(text);
  }
  return std::string(reinterpret_cast<const char*>(folded.get()), length);
}

std::string_view trim(std::string_view text) noexcept
{
  constexpr std::string_view k_space = " \t\r\n\v\f";
  const auto first = text.find_first_not_of(k_space);
  if (first == std::string_view::npos) {
    return {};
  }
  return text.substr(first, text.find_last_not_of(k_space) - first + 1);
}

} // namespace mailports::util
