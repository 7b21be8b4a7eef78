// libidn2, loaded on first use.
//
// Why not link it: its dependency libunistring costs every start-up ~0.5 M
// instructions of symbol relocation (tests/bench/README.md), more than all
// the rest of `mailports check`, and only provider lookups need IDNA.
#pragma once

#include <string>
#include <string_view>

namespace mailports::providers::idna {

enum class Status { ok, too_long, invalid, unavailable };

struct Outcome {
  Status status = Status::invalid;
  std::string ascii;  // with ok: the name in A-labels
  std::string reason; // libidn2's words, or why it could not be loaded
};

// IDNA2008 with UTS #46 mapping (libidn2's IDN2_NONTRANSITIONAL).
Outcome to_ascii(const std::string& name);

} // namespace mailports::providers::idna
