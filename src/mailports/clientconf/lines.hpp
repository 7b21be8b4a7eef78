// Shared by the format units (private): reading a config file's text into
// lines, and the comments every generated file starts with.
#pragma once

#include <mailports/clientconf/account.hpp>
#include <mailports/clientconf/format.hpp>
#include <mailports/core/result.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace mailports::clientconf {

struct Line {
  std::string_view text; // without the line break and a trailing '\r'
  unsigned number = 0;   // 1-based
};

// The file's lines, after refusing what is not a text config: more than
// k_max_config_bytes, NUL bytes, invalid UTF-8. A UTF-8 BOM is skipped, CRLF
// read as LF.
core::Result<std::vector<Line>, SyntaxError> split_lines(std::string_view content);

// The words of a line the way msmtp, mutt and fetchmail read theirs: split
// at blanks, '...' and "..." quoted (backslash escapes inside "..."), a '#'
// outside quotes starts a comment. `columns` gets each word's 1-based column.
core::Result<std::vector<std::string>, SyntaxError> split_words(const Line& line,
                                                                std::vector<unsigned>* columns = nullptr);

// The comment lines a generated file starts with: what wrote it, for which
// client version and why that one, that no password is in it. `prefix` is
// the format's comment marker ("#", "//").
std::string header_comment(const WritePlan& plan, std::string_view prefix, const Format& format);

// `text` in the plan's language as comment lines, each started by `prefix`.
std::string comment(const WritePlan& plan, std::string_view prefix, const core::Text& text);
std::string comment(std::string_view prefix, std::string_view text);

} // namespace mailports::clientconf
