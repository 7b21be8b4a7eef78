// One line of a batch audit (NDJSON): {"proto","port","tls"} or {"url"},
// with an optional "role" and an optional "id" that is echoed back.
#pragma once

#include <mailports/core/result.hpp>
#include <mailports/engine/check.hpp>
#include <mailports/url/mail_url.hpp>

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace mailports::batch {

struct LineQuery {
  engine::Query query;
  nlohmann::json id;                // null when the line has none
  std::optional<url::MailUrl> url;  // set for {"url"} lines
};

struct LineError {
  std::string code;    // "bad-json" or "bad-field"
  std::string message; // names the bad value; never holds a password
  nlohmann::json id;   // echoed when the line was JSON with an "id"
};

// Parses and validates one line against the rules table (for a URL's
// default port and a missing TLS mode, as `check URL` does).
core::Result<LineQuery, LineError> parse_line(std::string_view line, const rules::Table& table);

} // namespace mailports::batch
