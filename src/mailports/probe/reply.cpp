#include <mailports/probe/reply.hpp>

#include <mailports/probe/report.hpp>
#include <mailports/util/text.hpp>

#include <algorithm>

namespace mailports::probe {

namespace {

bool is_space(char c)
{
  return c == ' ' || c == '\t';
}

// Whitespace-separated words.
std::vector<std::string_view> words(std::string_view text)
{
  std::vector<std::string_view> out;
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && is_space(text[i])) {
      ++i;
    }
    const auto start = i;
    while (i < text.size() && !is_space(text[i])) {
      ++i;
    }
    if (i > start) {
      out.push_back(text.substr(start, i - start));
    }
  }
  return out;
}

// A SASL mechanism name (RFC 4422 §3.1: 1-20 of A-Z 0-9 - _), upper-cased.
// Anything else a server sends there is dropped: it would be printed.
void add_mechanism(Capabilities& caps, std::string_view name)
{
  constexpr std::size_t k_max_mechanisms = 64;
  auto upper = util::to_upper(name);
  const bool valid = !upper.empty() && upper.size() <= 20
                     && std::all_of(upper.begin(), upper.end(), [](char c) {
                          return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
                        });
  if (valid && caps.auth.size() < k_max_mechanisms
      && std::find(caps.auth.begin(), caps.auth.end(), upper) == caps.auth.end()) {
    caps.auth.push_back(std::move(upper));
  }
}

} // namespace

std::optional<SmtpLine> parse_smtp_line(std::string_view line)
{
  if (line.size() < 3 || !std::all_of(line.begin(), line.begin() + 3,
                                      [](char c) { return c >= '0' && c <= '9'; })) {
    return std::nullopt;
  }
  SmtpLine out;
  out.code = (line[0] - '0') * 100 + (line[1] - '0') * 10 + (line[2] - '0');
  if (line.size() == 3) {
    return out;
  }
  if (line[3] != '-' && line[3] != ' ') {
    return std::nullopt;
  }
  out.last = line[3] == ' ';
  out.text = line.substr(4);
  return out;
}

Capabilities parse_ehlo(const std::vector<std::string>& lines)
{
  Capabilities caps;
  for (const auto& line : lines) {
    const auto parsed = parse_smtp_line(line);
    if (!parsed || parsed->code != 250) {
      continue;
    }
    const auto keywords = words(parsed->text);
    if (keywords.empty()) {
      continue;
    }
    const auto keyword = keywords.front();
    if (util::iequals(keyword, "STARTTLS")) {
      caps.starttls = true;
    } else if (util::iequals(keyword, "AUTH")) {
      std::for_each(keywords.begin() + 1, keywords.end(),
                    [&caps](std::string_view m) { add_mechanism(caps, m); });
    } else if (util::istarts_with(keyword, "AUTH=")) {
      // Pre-RFC 4954 form: "AUTH=PLAIN LOGIN".
      add_mechanism(caps, keyword.substr(5));
      std::for_each(keywords.begin() + 1, keywords.end(),
                    [&caps](std::string_view m) { add_mechanism(caps, m); });
    }
  }
  return caps;
}

Capabilities parse_imap_capability(std::string_view line)
{
  Capabilities caps;
  bool login_disabled = false;
  auto list = words(line);
  // "* CAPABILITY a b c": skip the untagged marker and the keyword.
  if (list.size() >= 2 && list[0] == "*" && util::iequals(list[1], "CAPABILITY")) {
    list.erase(list.begin(), list.begin() + 2);
  }
  for (const auto item : list) {
    if (util::iequals(item, "STARTTLS")) {
      caps.starttls = true;
    } else if (util::iequals(item, "LOGINDISABLED")) {
      login_disabled = true;
    } else if (util::istarts_with(item, "AUTH=")) {
      add_mechanism(caps, item.substr(5));
    }
  }
  if (!login_disabled) {
    caps.auth.emplace_back(k_imap_login_command);
  }
  return caps;
}

Capabilities parse_pop3_capa(const std::vector<std::string>& lines)
{
  Capabilities caps;
  bool user = false;
  for (const auto& line : lines) {
    const auto list = words(line);
    if (list.empty()) {
      continue;
    }
    if (util::iequals(list.front(), "STLS")) {
      caps.starttls = true;
    } else if (util::iequals(list.front(), "USER")) {
      user = true;
    } else if (util::iequals(list.front(), "SASL")) {
      std::for_each(list.begin() + 1, list.end(),
                    [&caps](std::string_view m) { add_mechanism(caps, m); });
    }
  }
  if (user) {
    caps.auth.emplace_back(k_pop3_user_pass);
  }
  return caps;
}

std::optional<std::string_view> imap_greeting_capability(std::string_view greeting)
{
  constexpr std::string_view k_open = "[CAPABILITY ";
  std::size_t open = std::string_view::npos;
  for (std::size_t i = 0; i + k_open.size() <= greeting.size(); ++i) {
    if (util::istarts_with(greeting.substr(i), k_open)) {
      open = i;
      break;
    }
  }
  if (open == std::string_view::npos) {
    return std::nullopt;
  }
  const auto start = open + k_open.size();
  const auto close = greeting.find(']', start);
  if (close == std::string_view::npos) {
    return std::nullopt;
  }
  return greeting.substr(start, close - start);
}

} // namespace mailports::probe
