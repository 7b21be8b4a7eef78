#include <mailports/diagnose/catalog.hpp>

#include <mailports/diagnose/match.hpp>
#include <mailports/rules/json_parse.hpp>
#include <mailports/util/json_check.hpp>

#include <regex.h>

#include <algorithm>
#include <set>

namespace mailports::diagnose {

struct Regex::Compiled {
  regex_t re{};
  bool compiled = false; // regcomp succeeded: only then is there anything to regfree
  Compiled() = default;
  Compiled(const Compiled&) = delete;
  Compiled& operator=(const Compiled&) = delete;
  ~Compiled()
  {
    if (compiled) {
      regfree(&re);
    }
  }
};

Regex::Regex(std::unique_ptr<Compiled> compiled) noexcept : m_compiled(std::move(compiled)) {}
Regex::~Regex() = default;

core::Result<Regex> Regex::compile(const std::string& pattern)
{
  auto compiled = std::make_unique<Compiled>();
  const int code = regcomp(&compiled->re, pattern.c_str(), REG_EXTENDED | REG_ICASE | REG_NOSUB);
  if (code != 0) {
    char buffer[256];
    regerror(code, &compiled->re, buffer, sizeof buffer);
    return core::Error{buffer};
  }
  compiled->compiled = true;
  return Regex(std::move(compiled));
}

bool Regex::search(const std::string& text) const noexcept
{
  return m_compiled && regexec(&m_compiled->re, text.c_str(), 0, nullptr, 0) == 0;
}

std::string_view to_string(Source source) noexcept
{
  switch (source) {
  case Source::client:
    return "client";
  case Source::library:
    return "library";
  case Source::server:
    return "server";
  }
  return "?";
}

namespace {

using nlohmann::json;
using util::expect_array;
using util::expect_fields;
using util::expect_string;
using util::json_child;
using util::json_fail;

std::vector<std::string> strings(const json& value, const std::string& pointer, bool non_empty = true)
{
  std::vector<std::string> out;
  const auto& list = expect_array(value, pointer);
  if (non_empty && list.empty()) {
    json_fail(pointer, "expected at least one");
  }
  for (std::size_t i = 0; i < list.size(); ++i) {
    const auto& text = expect_string(list[i], json_child(pointer, i));
    if (text.empty()) {
      json_fail(json_child(pointer, i), "empty");
    }
    out.push_back(text);
  }
  return out;
}

void text_of(const json& value, const std::string& pointer, std::string& en, std::string& ja)
{
  expect_fields(value, pointer, {"en", "ja"});
  en = expect_string(value["en"], json_child(pointer, "en"));
  ja = expect_string(value["ja"], json_child(pointer, "ja"));
  if (en.empty() || ja.empty()) {
    json_fail(pointer, "every text needs English and Japanese");
  }
}

// Patterns are matched against normalize()d text, so one that normalizing
// would change could never match as written.
void expect_normalized(const std::string& text, const std::string& pointer, std::size_t min_size)
{
  if (text.size() < min_size) {
    json_fail(pointer, "shorter than " + std::to_string(min_size) + " bytes");
  }
  if (normalize(text) != text) {
    json_fail(pointer, util::json_quoted(text) + " is not normalized (lower case, single spaces): write " +
                         util::json_quoted(normalize(text)));
  }
}

Pattern pattern_of(const json& def, const std::string& here)
{
  Pattern p;
  if (def.is_object() && def.contains("regex")) {
    expect_fields(def, here, {"regex", "needs"});
    p.regex_text = expect_string(def["regex"], json_child(here, "regex"));
    if (p.regex_text.size() < 3) {
      json_fail(json_child(here, "regex"), "shorter than 3 bytes");
    }
    p.literal = expect_string(def["needs"], json_child(here, "needs"));
    expect_normalized(p.literal, json_child(here, "needs"), 3);
    auto compiled = Regex::compile(p.regex_text);
    if (!compiled) {
      json_fail(json_child(here, "regex"), "not a POSIX extended regular expression: " + compiled.error().message);
    }
    p.regex.emplace(std::move(compiled).value());
    return p;
  }
  expect_fields(def, here, {"literal"});
  p.literal = expect_string(def["literal"], json_child(here, "literal"));
  expect_normalized(p.literal, json_child(here, "literal"), 3);
  return p;
}

engine::Query setting_of(const json& def, const std::string& here)
{
  expect_fields(def, here, {"proto", "port", "tls"}, {"role"});
  engine::Query q;
  const auto word = [&](const char* key) { return expect_string(def[key], json_child(here, key)); };
  const auto proto = core::parse_proto(word("proto"));
  const auto tls = core::parse_tls_mode(word("tls"));
  if (!proto || core::to_string(*proto) != word("proto")) {
    json_fail(json_child(here, "proto"), "expected smtp, imap or pop3");
  }
  if (!tls || core::to_string(*tls) != word("tls")) {
    json_fail(json_child(here, "tls"), "expected none, starttls, opportunistic or implicit");
  }
  q.proto = *proto;
  q.tls = *tls;
  q.port = static_cast<std::uint16_t>(util::expect_integer(def["port"], json_child(here, "port"), 1, 65535));
  if (def.contains("role")) {
    const auto role = core::parse_role(word("role"));
    if (!role || core::to_string(*role) != word("role")) {
      json_fail(json_child(here, "role"), "expected client or relay");
    }
    q.role = *role;
  }
  return q;
}

Cause cause_of(const json& def, const std::string& here, const rules::Table& table)
{
  expect_fields(def, here, {"code", "why"}, {"setting"});
  Cause c;
  const auto& code = expect_string(def["code"], json_child(here, "code"));
  c.finding = table.finding(code);
  if (c.finding == nullptr) {
    json_fail(json_child(here, "code"), "no finding " + util::json_quoted(code) + " in the rules table");
  }
  if (def.contains("setting")) {
    c.setting = setting_of(def["setting"], json_child(here, "setting"));
    const auto result = engine::check(table, *c.setting);
    const bool raised = std::any_of(result.findings.begin(), result.findings.end(),
                                    [&](const engine::Finding& f) { return f.def == c.finding; });
    if (!raised) {
      json_fail(json_child(here, "setting"), "check does not raise " + util::json_quoted(code) + " for this setting");
    }
  }
  text_of(def["why"], json_child(here, "why"), c.why_en, c.why_ja);
  return c;
}

Family family_of(const json& def, const std::string& here, const rules::Table& table)
{
  expect_fields(def, here, {"id", "title", "source", "emitters", "patterns", "causes", "sources", "examples", "near_misses"},
                {"unless"});
  Family f;
  f.id = expect_string(def["id"], json_child(here, "id"));
  if (f.id.empty() || normalize(f.id) != f.id || f.id.find(' ') != std::string::npos) {
    json_fail(json_child(here, "id"), "expected lower-case words joined by '-'");
  }
  text_of(def["title"], json_child(here, "title"), f.title_en, f.title_ja);
  const auto& source = expect_string(def["source"], json_child(here, "source"));
  if (source == "client") {
    f.source = Source::client;
  } else if (source == "library") {
    f.source = Source::library;
  } else if (source == "server") {
    f.source = Source::server;
  } else {
    json_fail(json_child(here, "source"), "expected client, library or server");
  }
  f.emitters = strings(def["emitters"], json_child(here, "emitters"));
  const auto patterns = json_child(here, "patterns");
  const auto& list = expect_array(def["patterns"], patterns);
  if (list.empty()) {
    json_fail(patterns, "expected at least one");
  }
  for (std::size_t i = 0; i < list.size(); ++i) {
    f.patterns.push_back(pattern_of(list[i], json_child(patterns, i)));
  }
  if (def.contains("unless")) {
    f.unless = strings(def["unless"], json_child(here, "unless"), false);
    for (std::size_t i = 0; i < f.unless.size(); ++i) {
      expect_normalized(f.unless[i], json_child(json_child(here, "unless"), i), 3);
    }
  }
  const auto causes = json_child(here, "causes");
  const auto& cause_list = expect_array(def["causes"], causes);
  if (cause_list.empty()) {
    json_fail(causes, "expected at least one");
  }
  for (std::size_t i = 0; i < cause_list.size(); ++i) {
    f.causes.push_back(cause_of(cause_list[i], json_child(causes, i), table));
  }
  f.sources = strings(def["sources"], json_child(here, "sources"));
  f.examples = strings(def["examples"], json_child(here, "examples"));
  f.near_misses = strings(def["near_misses"], json_child(here, "near_misses"));
  return f;
}

} // namespace

core::Result<Catalog> load_diagnoses(std::string_view json_text, std::string_view origin, const rules::Table& table)
{
  auto document = rules::parse_json_strict(json_text);
  if (!document) {
    return core::Error{std::string(origin) + ":" + document.error().message};
  }
  try {
    const json& doc = *document;
    expect_fields(doc, "", {"version", "date", "families"}, {"$schema"});
    Catalog catalog;
    catalog.version = expect_string(doc["version"], "/version");
    catalog.date = expect_string(doc["date"], "/date");
    const auto& list = expect_array(doc["families"], "/families");
    if (list.empty()) {
      json_fail("/families", "expected at least one");
    }
    std::set<std::string> ids;
    for (std::size_t i = 0; i < list.size(); ++i) {
      auto family = family_of(list[i], json_child("/families", i), table);
      if (!ids.insert(family.id).second) {
        json_fail(json_child(json_child("/families", i), "id"), "id " + util::json_quoted(family.id) + " used twice");
      }
      catalog.families.push_back(std::move(family));
    }
    for (auto& family : catalog.families) {
      for (auto& pattern : family.patterns) {
        pattern.literal_id = catalog.literals.add(pattern.literal);
      }
      for (const auto& literal : family.unless) {
        family.unless_ids.push_back(catalog.literals.add(literal));
      }
    }
    catalog.literals.build();
    return catalog;
  } catch (const util::JsonInvalid& invalid) {
    return core::Error{std::string(origin) + ": " + invalid.message};
  }
}

} // namespace mailports::diagnose
