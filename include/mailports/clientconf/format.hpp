// The client formats: one table that `config`, `lint`, `--help` and the
// completions all read. Each format is one unit in
// src/mailports/clientconf/formats/ with a reader (for lint; none for the
// formats only an admin publishes or a program holds) and a writer (for
// config). Adding a client means adding one unit, its line in k_formats
// (format.cpp) and its tests. Lint judges what a reader returns with the
// engine (clientconf/lint.hpp); config turns settings into a WritePlan
// (clientconf/plan.hpp).
#pragma once

#include <mailports/clientconf/account.hpp>
#include <mailports/core/types.hpp>

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace mailports::clientconf {

// What the client version decides, and which version was used.
struct VersionChoice {
  Version version;
  enum class Origin : std::uint8_t { option, installed, newest } origin = Origin::newest;
};

struct ReadOptions {
  VersionChoice version; // aerc's smtp:// means STARTTLS from 0.15, cleartext before
};

// One server to write, already judged and ordered (best first).
struct WriteServer {
  core::Proto proto = core::Proto::smtp;
  std::string host;
  std::uint16_t port = 0;
  core::TlsMode tls = core::TlsMode::implicit;
  // Warnings about this setting, rendered in the reader's language, each
  // written as a comment above it.
  std::vector<std::string> warnings;
};

struct WritePlan {
  std::string account;  // account name ("gmail", "work")
  std::string user;     // login name (may be empty: say so in a comment)
  std::string address;  // the From address (may be empty)
  std::string domain;   // the mail domain (thunderbird, srv)
  std::string provider; // display name ("Gmail"); may be empty
  std::vector<WriteServer> incoming; // IMAP and POP3, best first
  std::vector<WriteServer> outgoing; // SMTP, best first
  VersionChoice version;
  core::Lang lang = core::Lang::en; // comments in the generated file
  std::string generator;            // "mailports 1.2.0", for the header comment
};

struct WriteError {
  enum class Kind : std::uint8_t {
    needs_incoming, // the format has no use for the plan without IMAP/POP3
    needs_outgoing, // ... without SMTP
    needs_imap,     // mbsync syncs IMAP only
    needs_domain,   // thunderbird, srv: published for a domain
  };
  Kind kind = Kind::needs_outgoing;
};

using WriteResult = core::Result<std::string, WriteError>;

struct Format {
  std::string_view name;   // the FORMAT word: "msmtp"
  std::string_view client; // the program whose version picks the syntax; "" if none
  core::Text description;  // one line for --help
  // File names that mean this format (".msmtprc", "msmtprc", "config" for
  // aerc is too vague: aerc's is "accounts.conf"). Compared with the base
  // name; a leading '*' matches any prefix ("*.muttrc").
  std::span<const std::string_view> file_names;
  // How sure the content makes it this format: 0 not at all; a reader
  // without a file name picks the highest.
  int (*sniff)(std::string_view content) = nullptr;
  // nullptr: write-only (srv, nodemailer, python).
  ReadResult (*read)(std::string_view content, const ReadOptions& options) = nullptr;
  WriteResult (*write)(const WritePlan& plan) = nullptr;
  // The newest version this unit knows the syntax of; used when neither
  // --client-version nor an installed client says.
  std::string_view newest_version;
  // Arguments that make the client print its version ({"msmtp", "--version"}).
  std::span<const std::string_view> version_command;
  // The client-specific finding codes the reader raises (the rules table
  // must define each; a unit test checks).
  std::span<const std::string_view> codes;
};

// In the order --help lists them.
std::span<const Format* const> all_formats() noexcept;
const Format* find_format(std::string_view name) noexcept;

// Whether some format's reader raises `code` (its text is rendered by
// clientconf::render, with {value} and {other}).
bool is_client_code(std::string_view code) noexcept;

// The format a file is in, from its name and its content; nullptr when
// neither says (lint then asks for --format).
const Format* detect_format(std::string_view file_name, std::string_view content) noexcept;

} // namespace mailports::clientconf
