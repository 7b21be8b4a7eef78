#include <mailports/discover/mta_sts.hpp>

#include <mailports/util/text.hpp>

#include <algorithm>
#include <charconv>

namespace mailports::discover {

namespace {

bool is_wsp(char c) noexcept
{
  return c == ' ' || c == '\t';
}

std::string_view trim(std::string_view text) noexcept
{
  while (!text.empty() && is_wsp(text.front())) {
    text.remove_prefix(1);
  }
  while (!text.empty() && is_wsp(text.back())) {
    text.remove_suffix(1);
  }
  return text;
}

bool is_alnum(char c) noexcept
{
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

// Text from a server, safe to put in a message.
std::string shown(std::string_view text)
{
  return util::quote_for_message(text, 80);
}

// "k1=v1; k2=v2;" as (key, value) pairs, in order; the record's own
// grammar (RFC 8461 §3.1, RFC 8460 §3) with optional spaces around ';'.
std::vector<std::pair<std::string_view, std::string_view>> tag_list(std::string_view record)
{
  std::vector<std::pair<std::string_view, std::string_view>> out;
  while (!record.empty()) {
    const auto semi = record.find(';');
    const auto field = trim(record.substr(0, semi));
    record = semi == std::string_view::npos ? std::string_view() : record.substr(semi + 1);
    if (field.empty()) {
      continue;
    }
    const auto eq = field.find('=');
    if (eq == std::string_view::npos) {
      out.emplace_back(field, std::string_view());
    } else {
      out.emplace_back(trim(field.substr(0, eq)), trim(field.substr(eq + 1)));
    }
  }
  return out;
}

// The records that start with `version` ("v=STSv1"): exactly one, or an error.
core::Result<std::string_view> the_one(const std::vector<std::string>& txt, std::string_view version,
                                       std::string_view what)
{
  std::optional<std::string_view> found;
  std::size_t count = 0;
  for (const auto& record : txt) {
    const auto tags = tag_list(record);
    if (!tags.empty() && tags.front().first == "v" && tags.front().second == version) {
      ++count;
      found = record;
    }
  }
  if (count == 0) {
    return core::Error{"no " + std::string(what) + " record starts with v=" + std::string(version)};
  }
  if (count > 1) {
    return core::Error{std::to_string(count) + " " + std::string(what) + " records start with v=" +
                       std::string(version) + ": there must be exactly one"};
  }
  return *found;
}

} // namespace

std::string_view to_string(StsMode mode) noexcept
{
  switch (mode) {
  case StsMode::enforce: return "enforce";
  case StsMode::testing: return "testing";
  case StsMode::none: return "none";
  }
  return "none";
}

core::Result<StsRecord> parse_sts_records(const std::vector<std::string>& txt)
{
  auto record = the_one(txt, "STSv1", "_mta-sts TXT");
  if (!record) {
    return record.error();
  }
  StsRecord out;
  bool have_id = false;
  for (const auto& [key, value] : tag_list(*record)) {
    if (key != "id") {
      continue; // other keys are extensions (RFC 8461 §3.1)
    }
    const bool valid = !value.empty() && value.size() <= 32 && std::all_of(value.begin(), value.end(), is_alnum);
    if (!valid) {
      return core::Error{"_mta-sts id '" + shown(value) + "' is not 1 to 32 letters and digits"};
    }
    if (have_id) {
      return core::Error{"_mta-sts record has two ids"};
    }
    out.id = std::string(value);
    have_id = true;
  }
  if (!have_id) {
    return core::Error{"_mta-sts record has no id"};
  }
  return out;
}

core::Result<StsPolicy> parse_sts_policy(std::string_view body)
{
  if (body.size() > k_max_sts_policy) {
    return core::Error{"policy larger than " + std::to_string(k_max_sts_policy) + " bytes"};
  }
  StsPolicy out;
  bool have_version = false;
  bool have_mode = false;
  bool have_max_age = false;
  std::size_t number = 0;
  while (!body.empty()) {
    ++number;
    const auto newline = body.find('\n');
    auto line = body.substr(0, newline);
    body = newline == std::string_view::npos ? std::string_view() : body.substr(newline + 1);
    if (!line.empty() && line.back() == '\r') {
      line.remove_suffix(1);
    }
    if (trim(line).empty()) {
      continue;
    }
    const auto where = "line " + std::to_string(number) + ": ";
    const auto colon = line.find(':');
    if (colon == std::string_view::npos) {
      return core::Error{where + "'" + shown(line) + "' is not 'key: value'"};
    }
    const auto key = line.substr(0, colon);
    const auto value = trim(line.substr(colon + 1));
    const auto once = [&](bool& seen) -> std::optional<core::Error> {
      if (seen) {
        return core::Error{where + std::string(key) + " given twice"};
      }
      seen = true;
      return std::nullopt;
    };
    if (key == "version") {
      if (auto error = once(have_version)) {
        return *error;
      }
      if (value != "STSv1") {
        return core::Error{where + "version '" + shown(value) + "' is not STSv1"};
      }
    } else if (key == "mode") {
      if (auto error = once(have_mode)) {
        return *error;
      }
      if (value == "enforce") {
        out.mode = StsMode::enforce;
      } else if (value == "testing") {
        out.mode = StsMode::testing;
      } else if (value == "none") {
        out.mode = StsMode::none;
      } else {
        return core::Error{where + "mode '" + shown(value) + "' is not enforce, testing or none"};
      }
    } else if (key == "max_age") {
      if (auto error = once(have_max_age)) {
        return *error;
      }
      std::uint64_t age = 0;
      const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), age);
      if (value.empty() || value.size() > 10 || ec != std::errc{} || end != value.data() + value.size()
          || age > k_max_sts_max_age) {
        return core::Error{where + "max_age '" + shown(value) + "' is not a number of seconds up to " +
                           std::to_string(k_max_sts_max_age)};
      }
      out.max_age = static_cast<std::uint32_t>(age);
    } else if (key == "mx") {
      const bool valid = !value.empty() && value.size() <= 253
                         && std::all_of(value.begin(), value.end(), [](char c) {
                              return is_alnum(c) || c == '-' || c == '.' || c == '*' || c == '_';
                            });
      if (!valid) {
        return core::Error{where + "mx '" + shown(value) + "' is not a host name pattern"};
      }
      if (out.mx.size() >= 100) {
        return core::Error{where + "more than 100 mx patterns"};
      }
      out.mx.push_back(util::to_lower(value));
    }
    // Other keys: extensions, ignored (RFC 8461 §3.2).
  }
  if (!have_version) {
    return core::Error{"no 'version: STSv1' line"};
  }
  if (!have_mode) {
    return core::Error{"no mode line"};
  }
  if (!have_max_age) {
    return core::Error{"no max_age line"};
  }
  if (out.mx.empty() && out.mode != StsMode::none) {
    return core::Error{"no mx line, but mode " + std::string(to_string(out.mode))};
  }
  return out;
}

bool mx_matches(std::string_view pattern, std::string_view host) noexcept
{
  if (!host.empty() && host.back() == '.') {
    host.remove_suffix(1);
  }
  if (pattern.starts_with("*.")) {
    // Exactly one label in place of the '*': "a.example.com", not "example.com" or "a.b.example.com".
    const auto suffix = pattern.substr(1); // ".example.com"
    const auto dot = host.find('.');
    return dot != std::string_view::npos && dot > 0 && util::iequals(host.substr(dot), suffix);
  }
  return !pattern.empty() && util::iequals(pattern, host);
}

core::Result<TlsRptRecord> parse_tlsrpt_records(const std::vector<std::string>& txt)
{
  auto record = the_one(txt, "TLSRPTv1", "_smtp._tls TXT");
  if (!record) {
    return record.error();
  }
  TlsRptRecord out;
  bool have_rua = false;
  for (const auto& [key, value] : tag_list(*record)) {
    if (key != "rua") {
      continue;
    }
    if (have_rua) {
      return core::Error{"_smtp._tls record has two rua fields"};
    }
    have_rua = true;
    std::string_view rest = value;
    while (true) {
      const auto comma = rest.find(',');
      const auto uri = trim(rest.substr(0, comma));
      const bool scheme_ok = util::istarts_with(uri, "mailto:") || util::istarts_with(uri, "https://");
      const auto after = uri.substr(std::min(uri.size(), uri.find(':') + 1));
      if (!scheme_ok || trim(after).empty() || after == "//") {
        return core::Error{"_smtp._tls rua '" + shown(uri) + "' is not a mailto: or https: address"};
      }
      if (out.rua.size() >= 20) {
        return core::Error{"_smtp._tls rua lists more than 20 addresses"};
      }
      out.rua.emplace_back(uri);
      if (comma == std::string_view::npos) {
        break;
      }
      rest = rest.substr(comma + 1);
    }
  }
  if (!have_rua) {
    return core::Error{"_smtp._tls record has no rua (where reports go)"};
  }
  return out;
}

} // namespace mailports::discover
