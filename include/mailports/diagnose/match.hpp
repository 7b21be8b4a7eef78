// Which families a message or a log line belongs to, and what each cause
// means for the user's setting (the context).
#pragma once

#include <mailports/diagnose/catalog.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mailports::diagnose {

// Lines past this are matched on their first k_max_line bytes.
inline constexpr std::size_t k_max_line = 64 * 1024;

// What matching sees: ASCII letters lower-cased, every run of white space
// (and NUL) one space, no space at either end. Other bytes, UTF-8 or not,
// are kept as they are. Input past k_max_line bytes is cut.
std::string normalize(std::string_view text);

// The families whose patterns match `normalized` and no `unless` does, in
// catalogue order.
std::vector<const Family*> match(const Catalog& catalog, const std::string& normalized);

// What the user told of their setting; each part optional.
struct Context {
  std::optional<core::Proto> proto;
  std::optional<std::uint16_t> port;
  std::optional<core::TlsMode> tls;
  std::optional<core::Role> role;
  [[nodiscard]] bool empty() const noexcept { return !proto && !port && !tls && !role; }
};

struct CauseReading {
  const Cause* cause = nullptr;
  // The cause's setting with the context's parts put in, checked by the
  // engine: its suggestions are the fix. Unset for causes no setting shows.
  std::optional<engine::CheckResult> check;
  // False when the context rules the cause out: the engine does not raise
  // the cause's code for the user's setting.
  bool fits = true;
};

// The causes of `family`, in its order, read against `context`: with a
// protocol given, those shown on another protocol are left out (unless that
// leaves none); a cause that reads the same as an earlier one once the
// context is put in is said once.
std::vector<CauseReading> read_causes(const rules::Table& table, const Family& family, const Context& context);

} // namespace mailports::diagnose
