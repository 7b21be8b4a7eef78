// What one discovery source said: the facts only (servers, status, notes).
// discover/merge.hpp joins the sources and judges the servers.
#pragma once

#include <mailports/core/types.hpp>
#include <mailports/probe/report.hpp>

#include <chrono>
#include <optional>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace mailports::discover {

// In Thunderbird's order of priority, SRV and guessing after it.
enum class SourceKind : std::uint8_t { autoconfig, ispdb, mx, srv, guess };
enum class SourceStatus : std::uint8_t { found, not_found, error, timeout };

// "autoconfig", "ispdb", ...; "found", "not-found", "error", "timeout".
std::string_view to_string(SourceKind kind) noexcept;
std::string_view to_string(SourceStatus status) noexcept;

// A finding about a source or a server, by its code in the rules table
// (rules::codes::discover_codes). `value` and `other` fill the message's
// {value} and {other}: a URL, a host, what two sources said; a TLS mode
// after them is written in the reader's language (the table's label).
struct Note {
  std::string_view code;
  std::string value;
  std::string other;
  std::optional<core::TlsMode> value_tls;
  std::optional<core::TlsMode> other_tls;
  friend bool operator==(const Note&, const Note&) = default;
};

struct FoundServer {
  core::Proto proto = core::Proto::imap;
  std::string host; // lower case, no final dot, placeholders filled
  std::uint16_t port = 0;
  core::TlsMode tls = core::TlsMode::implicit;
  std::string username;           // filled for the address; empty: not said
  std::vector<std::string> auth;  // as the source names them
  std::vector<Note> notes;        // about this server, from its source
  // --guess: what the probe found there (merge judges it like --verify).
  std::optional<probe::PortReport> probed;
};

struct SourceReport {
  SourceKind kind = SourceKind::autoconfig;
  std::string name;   // the URL asked, the DNS name, the domain looked up
  SourceStatus status = SourceStatus::not_found;
  std::chrono::milliseconds elapsed{0};
  std::string detail; // what happened, in English (HTTP 404, NXDOMAIN, ...)
  std::vector<Note> notes;
  std::vector<FoundServer> incoming; // IMAP, POP3
  std::vector<FoundServer> outgoing; // SMTP
  bool reached = false;   // some server answered (DNS or HTTP): exit 68 when none did
  bool over_http = false; // fetched over http:// (anyone on the path could write it)
};

} // namespace mailports::discover
