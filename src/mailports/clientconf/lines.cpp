#include "lines.hpp"

#include <mailports/util/text.hpp>

#include <fmt/format.h>

namespace mailports::clientconf {

core::Result<std::vector<Line>, SyntaxError> split_lines(std::string_view content)
{
  if (content.size() > k_max_config_bytes) {
    return SyntaxError{SyntaxError::Kind::too_large, {}, std::to_string(content.size())};
  }
  if (content.find('\0') != std::string_view::npos) {
    return SyntaxError{SyntaxError::Kind::binary, {}, {}};
  }
  if (content.starts_with("\xEF\xBB\xBF")) {
    content.remove_prefix(3);
  }
  std::vector<Line> lines;
  unsigned number = 0;
  while (!content.empty()) {
    const auto end = content.find('\n');
    auto text = content.substr(0, end);
    content = end == std::string_view::npos ? std::string_view{} : content.substr(end + 1);
    ++number;
    if (text.ends_with('\r')) {
      text.remove_suffix(1);
    }
    if (!util::is_valid_utf8(text)) {
      return SyntaxError{SyntaxError::Kind::not_utf8, {number, 1}, {}};
    }
    lines.push_back(Line{text, number});
  }
  return lines;
}

core::Result<std::vector<std::string>, SyntaxError> split_words(const Line& line, std::vector<unsigned>* columns)
{
  std::vector<std::string> words;
  const auto text = line.text;
  std::size_t i = 0;
  const auto blank = [](char c) { return c == ' ' || c == '\t'; };
  while (i < text.size()) {
    while (i < text.size() && blank(text[i])) {
      ++i;
    }
    if (i >= text.size() || text[i] == '#') {
      break;
    }
    const auto start = i;
    std::string word;
    while (i < text.size() && !blank(text[i])) {
      const char c = text[i];
      if (c == '"' || c == '\'') {
        const auto open = i++;
        bool closed = false;
        while (i < text.size()) {
          if (text[i] == c) {
            closed = true;
            ++i;
            break;
          }
          if (c == '"' && text[i] == '\\' && i + 1 < text.size()) {
            ++i;
          }
          word += text[i++];
        }
        if (!closed) {
          return SyntaxError{SyntaxError::Kind::unterminated_quote,
                             {line.number, static_cast<unsigned>(open + 1)},
                             std::string(1, c)};
        }
        continue;
      }
      word += c;
      ++i;
    }
    words.push_back(std::move(word));
    if (columns != nullptr) {
      columns->push_back(static_cast<unsigned>(start + 1));
    }
  }
  return words;
}

namespace {

constexpr core::Text k_written_by{"Written by {generator}: mailports config {format}.",
                                  "{generator} が書き出しました: mailports config {format}"};
constexpr core::Text k_version_option{"Syntax for {client} {version} (--client-version).",
                                      "{client} {version} の書式です (--client-version で指定)。"};
constexpr core::Text k_version_installed{"Syntax for {client} {version}, the version installed on this machine.",
                                         "{client} {version} の書式です (このマシンにインストールされている版)。"};
constexpr core::Text k_version_newest{
  "Syntax for {client} {version}, the newest mailports knows ({client} is not installed here; "
  "--client-version picks another).",
  "{client} {version} の書式です (mailports が知る最新版。{client} はこのマシンにありません。"
  "別の版は --client-version で指定できます)。"};
constexpr core::Text k_no_password{"No password is written in this file.",
                                   "このファイルにパスワードは書いていません。"};

std::string_view origin_text(const WritePlan& plan)
{
  switch (plan.version.origin) {
  case VersionChoice::Origin::option:
    return k_version_option.in(plan.lang);
  case VersionChoice::Origin::installed:
    return k_version_installed.in(plan.lang);
  case VersionChoice::Origin::newest:
    break;
  }
  return k_version_newest.in(plan.lang);
}

} // namespace

std::string comment(std::string_view prefix, std::string_view text)
{
  std::string out;
  while (!text.empty()) {
    const auto end = text.find('\n');
    const auto line = text.substr(0, end);
    out += prefix;
    if (!line.empty()) {
      out += ' ';
      out += line;
    }
    out += '\n';
    text = end == std::string_view::npos ? std::string_view{} : text.substr(end + 1);
  }
  return out;
}

std::string comment(const WritePlan& plan, std::string_view prefix, const core::Text& text)
{
  return comment(prefix, text.in(plan.lang));
}

std::string header_comment(const WritePlan& plan, std::string_view prefix, const Format& format)
{
  std::string out = comment(prefix, fmt::format(fmt::runtime(k_written_by.in(plan.lang)),
                                                fmt::arg("generator", plan.generator),
                                                fmt::arg("format", format.name)));
  if (!format.client.empty()) {
    out += comment(prefix, fmt::format(fmt::runtime(origin_text(plan)), fmt::arg("client", format.client),
                                       fmt::arg("version", plan.version.version.text)));
  }
  out += comment(plan, prefix, k_no_password);
  return out;
}

} // namespace mailports::clientconf
