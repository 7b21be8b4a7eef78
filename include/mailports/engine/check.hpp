// Judge one setting (protocol, port, TLS mode, role) by the rules table.
#pragma once

#include <mailports/core/types.hpp>
#include <mailports/rules/table.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace mailports::engine {

struct Query {
  core::Proto proto = core::Proto::smtp;
  std::uint16_t port = 0;
  core::TlsMode tls = core::TlsMode::starttls;
  core::Role role = core::Role::client;
  bool tls_stated = true; // false: the mode was assumed, e.g. from a URL without one
  // How the user's words were read, so that the answer can say so.
  bool proto_inferred = false;     // the protocol came from the port (sole_proto_of_port)
  bool tls_word_ambiguous = false; // the mode was given as "TLS" (core::is_ambiguous_tls_word)

  bool operator==(const Query&) const = default;
};

struct Finding {
  const rules::FindingDef* def = nullptr;
  // Context some messages name: the protocol that owns the port, and the
  // modes the port is used with.
  std::optional<core::Proto> other_proto;
  std::optional<std::string_view> other_service;
  std::vector<core::TlsMode> modes;
  std::optional<std::uint16_t> likely_port; // port-typo: the port probably meant
};

struct Suggestion {
  std::uint16_t port = 0;
  core::TlsMode tls = core::TlsMode::starttls;

  bool operator==(const Suggestion&) const = default;
};

struct CheckResult {
  Query query;
  const rules::Entry* entry = nullptr; // the entry that matched, if any
  std::vector<Finding> findings;       // worst first
  core::Verdict verdict = core::Verdict::ok;
  std::vector<Suggestion> suggestions; // settings to try instead, best first
  std::optional<std::uint16_t> best_port;
};

CheckResult check(const rules::Table& table, const Query& query);

// The finding's message in `lang`, with its placeholders filled in.
std::string render_message(const CheckResult& result, const Finding& finding, core::Lang lang,
                           const rules::Table& table);

} // namespace mailports::engine
