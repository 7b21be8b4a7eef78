#include <mailports/cli/messages.hpp>

#include <mailports/cli/messages/batch.hpp>
#include <mailports/cli/messages/cli11.hpp>
#include <mailports/cli/messages/clientconf.hpp>
#include <mailports/cli/messages/diagnose.hpp>
#include <mailports/cli/messages/diagnostics.hpp>
#include <mailports/cli/messages/discover.hpp>
#include <mailports/cli/messages/help.hpp>
#include <mailports/cli/messages/output.hpp>
#include <mailports/cli/messages/probe_depth.hpp>
#include <mailports/cli/messages/provider.hpp>
#include <mailports/cli/messages/relay.hpp>
#include <mailports/cli/messages/service.hpp>

#include <algorithm>
#include <array>

namespace mailports::cli {

namespace {

using core::Text;
using messages::Entry;

template <std::size_t... N>
constexpr auto join_tables(const std::array<Entry, N>&... tables)
{
  std::array<Entry, (N + ...)> out{};
  std::size_t i = 0;
  ((std::copy(tables.begin(), tables.end(), out.begin() + static_cast<std::ptrdiff_t>(i)), i += N), ...);
  return out;
}

// In Msg order: the sections follow the enum's.
constexpr auto k_messages = join_tables(messages::k_diagnostics, messages::k_output, messages::k_help,
                                        messages::k_batch, messages::k_cli11, messages::k_discover,
                                        messages::k_diagnose, messages::k_clientconf, messages::k_probe_depth,
                                        messages::k_provider, messages::k_relay, messages::k_service);
static_assert(k_messages.size() == static_cast<std::size_t>(Msg::count_),
              "every Msg needs a message, and every message a Msg");

// Each entry names its id, so a message added in the wrong place, or
// forgotten, stops the build instead of shifting every text after it.
constexpr bool in_order()
{
  for (std::size_t i = 0; i < k_messages.size(); ++i) {
    if (static_cast<std::size_t>(k_messages[i].id) != i) {
      return false;
    }
  }
  return true;
}
static_assert(in_order(), "k_messages must list every Msg, in enum order");

constexpr auto k_texts = [] {
  std::array<Text, k_messages.size()> out{};
  for (std::size_t i = 0; i < k_messages.size(); ++i) {
    out[i] = k_messages[i].text;
  }
  return out;
}();

} // namespace

std::string_view text(Msg id, core::Lang lang) noexcept
{
  return k_texts[static_cast<std::size_t>(id)].in(lang);
}

std::span<const core::Text> all_messages() noexcept
{
  return k_texts;
}

std::string_view status_label(core::Status status, core::Lang lang) noexcept
{
  return text(static_cast<Msg>(static_cast<int>(Msg::status_recommended) + static_cast<int>(status)),
              lang);
}

std::string_view severity_label(core::Severity severity, core::Lang lang) noexcept
{
  return text(static_cast<Msg>(static_cast<int>(Msg::severity_info) + static_cast<int>(severity)),
              lang);
}

std::string_view verdict_label(core::Verdict verdict, core::Lang lang) noexcept
{
  switch (verdict) {
  case core::Verdict::ok:
    return text(Msg::verdict_ok, lang);
  case core::Verdict::warning:
    return text(Msg::severity_warning, lang);
  case core::Verdict::error:
    return text(Msg::severity_error, lang);
  }
  return text(Msg::severity_error, lang);
}

std::string auth_label(std::string_view kind, core::Lang lang)
{
  if (kind == "password-cleartext") {
    return std::string(text(Msg::auth_password_cleartext, lang));
  }
  if (kind == "password-encrypted") {
    return std::string(text(Msg::auth_password_encrypted, lang));
  }
  return std::string(kind);
}

std::string_view role_label(core::Role role, core::Lang lang) noexcept
{
  return text(role == core::Role::client ? Msg::role_client : Msg::role_relay, lang);
}

} // namespace mailports::cli
