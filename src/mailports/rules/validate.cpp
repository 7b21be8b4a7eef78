#include <mailports/rules/validate.hpp>

#include <mailports/rules/json_parse.hpp>
#include <mailports/rules/storage.hpp>
#include <mailports/util/json_check.hpp>
#include <mailports/util/text.hpp>


#include <algorithm>
#include <initializer_list>
#include <string>

namespace mailports::rules {

namespace {

using nlohmann::json;

using util::expect_fields;
using util::expect_object;
using util::json_fail;

// Shorter names for the helpers this file calls on every line.
[[noreturn]] void fail(const std::string& pointer, const std::string& what)
{
  json_fail(pointer, what);
}

std::string child(const std::string& pointer, std::string_view key)
{
  return util::json_child(pointer, key);
}

std::string child(const std::string& pointer, std::size_t index)
{
  return util::json_child(pointer, index);
}

std::string quoted(std::string_view text)
{
  return util::json_quoted(text);
}

class Builder {
public:
  explicit Builder(OwnedTable::Storage& storage) : m_storage(storage) {}

  std::string_view string(const json& value, const std::string& pointer)
  {
    return m_storage.strings.emplace_back(util::expect_string(value, pointer));
  }

  std::string_view code(const json& value, const std::string& pointer)
  {
    const auto text = string(value, pointer);
    const bool kebab = std::all_of(text.begin(), text.end(), [](char c) {
      return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
    }) && text.front() != '-' && text.back() != '-' && text.find("--") == std::string_view::npos;
    if (!kebab) {
      fail(pointer, quoted(text) + " is not a kebab-case code");
    }
    return text;
  }

  std::string_view key(std::string_view key_text, const std::string& pointer)
  {
    return code(json(key_text), pointer);
  }

  core::Text text(const json& value, const std::string& pointer)
  {
    expect_fields(value, pointer, {"en", "ja"});
    return core::Text{string(value["en"], child(pointer, "en")),
                      string(value["ja"], child(pointer, "ja"))};
  }

  std::span<const std::string_view> strings(const json& value, const std::string& pointer,
                                            bool non_empty)
  {
    if (!value.is_array()) {
      fail(pointer, std::string("expected an array, got ") + value.type_name());
    }
    if (non_empty && value.empty()) {
      fail(pointer, "expected at least one item");
    }
    auto& list = m_storage.string_lists.emplace_back();
    for (std::size_t i = 0; i < value.size(); ++i) {
      list.push_back(string(value[i], child(pointer, i)));
    }
    return list;
  }

  std::span<const std::string_view> codes(const json& value, const std::string& pointer)
  {
    const auto list = strings(value, pointer, false);
    for (std::size_t i = 0; i < list.size(); ++i) {
      code(json(list[i]), child(pointer, i));
    }
    return list;
  }

  template <typename Enum, typename Parse>
  Enum enumerated(const json& value, const std::string& pointer, Parse parse,
                  std::initializer_list<std::string_view> names, std::string_view what)
  {
    const auto text = string(value, pointer);
    if (const auto parsed = parse(text)) {
      return *parsed;
    }
    fail(pointer, "unknown " + std::string(what) + " " + quoted(text) + "; expected one of "
                    + util::join(names));
  }

  // "any" is the wildcard; nullopt stands for it.
  template <typename Enum, typename Parse>
  std::optional<Enum> enumerated_or_any(const json& value, const std::string& pointer,
                                        Parse parse, std::initializer_list<std::string_view> names,
                                        std::string_view what)
  {
    if (value.is_string() && value.get_ref<const std::string&>() == "any") {
      return std::nullopt;
    }
    return enumerated<Enum>(value, pointer, parse, names, what);
  }

  static int integer(const json& value, const std::string& pointer, int min, int max)
  {
    return util::expect_integer(value, pointer, min, max);
  }

  OwnedTable::Storage& storage() { return m_storage; }

private:
  OwnedTable::Storage& m_storage;
};

// Only bare {name} placeholders from the documented list, and {{ }} for
// braces: a format spec such as {port:>2147483647} would make rendering
// allocate gigabytes, so it is refused here rather than formatted.
void check_placeholders(std::string_view message, const std::string& pointer)
{
  const auto bad = [&pointer](const std::string& what) {
    fail(pointer, "bad placeholder: " + what + "; allowed: {proto} {port} {tls} {service} {modes} {other_proto} "
                         "{other_service} {best_port} {likely_port} {value} {other}, and {{ }} for braces");
  };
  for (std::size_t i = 0; i < message.size(); ++i) {
    if (message[i] == '}') {
      if (i + 1 < message.size() && message[i + 1] == '}') {
        ++i;
        continue;
      }
      bad("a lone '}'");
    }
    if (message[i] != '{') {
      continue;
    }
    if (i + 1 < message.size() && message[i + 1] == '{') {
      ++i;
      continue;
    }
    const auto close = message.find('}', i);
    if (close == std::string_view::npos) {
      bad("an unclosed '{'");
    }
    const auto name = message.substr(i + 1, close - i - 1);
    if (std::find(std::begin(k_message_placeholders), std::end(k_message_placeholders), name)
        == std::end(k_message_placeholders)) {
      bad("unknown placeholder {" + util::quote_for_message(name) + "}");
    }
    i = close;
  }
}

void check_version(std::string_view text, const std::string& pointer)
{
  int dots = 0;
  bool digit_run = false;
  for (const char c : text) {
    if (c == '.' && digit_run) {
      ++dots;
      digit_run = false;
    } else if (c >= '0' && c <= '9') {
      digit_run = true;
    } else {
      digit_run = false;
      dots = 99;
    }
  }
  if (dots != 2 || !digit_run) {
    fail(pointer, quoted(text) + " is not a version like 1.2.3");
  }
}

void check_date(std::string_view text, const std::string& pointer)
{
  const bool shape = text.size() == 10 && text[4] == '-' && text[7] == '-'
                     && std::all_of(text.begin(), text.end(),
                                    [](char c) { return (c >= '0' && c <= '9') || c == '-'; });
  if (!shape) {
    fail(pointer, quoted(text) + " is not a date like 2026-01-31");
  }
}

void build_modes(Builder& b, const json& modes, const std::string& pointer)
{
  expect_fields(modes, pointer, {"none", "starttls", "opportunistic", "implicit"});
  auto& storage = b.storage();
  for (const auto mode : core::k_tls_modes) {
    const auto name = core::to_string(mode);
    const auto here = child(pointer, name);
    const json& def = modes[std::string(name)];
    expect_fields(def, here, {"label", "summary", "findings"});
    const json& findings = def["findings"];
    const auto findings_ptr = child(here, "findings");
    if (!findings.is_array()) {
      fail(findings_ptr, std::string("expected an array, got ") + findings.type_name());
    }
    auto& refs = storage.finding_ref_lists.emplace_back();
    for (std::size_t i = 0; i < findings.size(); ++i) {
      const auto item = child(findings_ptr, i);
      expect_fields(findings[i], item, {"code"}, {"role"});
      FindingRef ref{b.code(findings[i]["code"], child(item, "code")), std::nullopt};
      if (findings[i].contains("role")) {
        ref.role = b.enumerated<core::Role>(findings[i]["role"], child(item, "role"),
                                            core::parse_role, {"client", "relay"}, "role");
      }
      refs.push_back(ref);
    }
    storage.modes.push_back(ModeDef{mode, b.text(def["label"], child(here, "label")),
                                    b.text(def["summary"], child(here, "summary")), refs});
  }
}

void build_findings(Builder& b, const json& findings, const std::string& pointer)
{
  expect_object(findings, pointer);
  for (const auto& [key, def] : findings.items()) {
    const auto here = child(pointer, key);
    expect_fields(def, here, {"severity", "refs", "message"}, {"role"});
    FindingDef out{b.key(key, here),
                   b.enumerated<core::Severity>(def["severity"], child(here, "severity"),
                                                core::parse_severity,
                                                {"info", "warning", "error"}, "severity"),
                   b.strings(def["refs"], child(here, "refs"), true),
                   b.text(def["message"], child(here, "message")), std::nullopt};
    if (def.contains("role")) {
      out.role = b.enumerated<core::Role>(def["role"], child(here, "role"), core::parse_role,
                                          {"client", "relay"}, "role");
    }
    check_placeholders(out.message.en, child(child(here, "message"), "en"));
    check_placeholders(out.message.ja, child(child(here, "message"), "ja"));
    b.storage().findings.push_back(out);
  }
}

void build_notes(Builder& b, const json& notes, const std::string& pointer)
{
  expect_object(notes, pointer);
  for (const auto& [key, def] : notes.items()) {
    const auto here = child(pointer, key);
    expect_fields(def, here, {"title", "text", "refs"});
    b.storage().notes.push_back(Note{b.key(key, here), b.text(def["title"], child(here, "title")),
                                     b.text(def["text"], child(here, "text")),
                                     b.strings(def["refs"], child(here, "refs"), true)});
  }
}

Entry build_entry(Builder& b, const json& def, const std::string& here)
{
  expect_fields(def, here,
                {"proto", "port", "tls", "role", "status", "service", "refs", "findings", "notes",
                 "summary"},
                {"rank"});
  Entry entry;
  entry.proto = b.enumerated_or_any<core::Proto>(def["proto"], child(here, "proto"),
                                                 core::parse_proto,
                                                 {"smtp", "imap", "pop3", "any"}, "protocol");
  entry.port = static_cast<std::uint16_t>(b.integer(def["port"], child(here, "port"), 1, 65535));
  entry.tls = b.enumerated_or_any<core::TlsMode>(
    def["tls"], child(here, "tls"),
    [](std::string_view t) -> std::optional<core::TlsMode> {
      // Canonical names only: aliases are for people typing, not for data.
      const auto mode = core::parse_tls_mode(t);
      return mode && core::to_string(*mode) == t ? mode : std::nullopt;
    },
    {"none", "starttls", "opportunistic", "implicit", "any"}, "TLS mode");
  entry.role = b.enumerated_or_any<core::Role>(def["role"], child(here, "role"), core::parse_role,
                                               {"client", "relay", "any"}, "role");
  entry.status = b.enumerated<core::Status>(
    def["status"], child(here, "status"), core::parse_status,
    {"recommended", "acceptable", "fallback", "discouraged", "insecure", "mismatch",
     "not-mail-port"},
    "status");
  if (def.contains("rank")) {
    entry.rank = b.integer(def["rank"], child(here, "rank"), 1, 99);
  }
  if (!def["service"].is_null()) {
    entry.service = b.string(def["service"], child(here, "service"));
  }
  entry.refs = b.strings(def["refs"], child(here, "refs"), true);
  entry.findings = b.codes(def["findings"], child(here, "findings"));
  entry.notes = b.codes(def["notes"], child(here, "notes"));
  entry.summary = b.text(def["summary"], child(here, "summary"));
  return entry;
}

void check_references(const Table& table)
{
  for (std::size_t m = 0; m < table.modes.size(); ++m) {
    const auto& mode = table.modes[m];
    for (std::size_t i = 0; i < mode.findings.size(); ++i) {
      if (table.finding(mode.findings[i].code) == nullptr) {
        fail("/modes/" + std::string(core::to_string(mode.mode)) + "/findings/"
               + std::to_string(i) + "/code",
             "unknown finding " + quoted(mode.findings[i].code));
      }
    }
  }
  for (std::size_t e = 0; e < table.entries.size(); ++e) {
    const auto& entry = table.entries[e];
    for (std::size_t i = 0; i < entry.findings.size(); ++i) {
      if (table.finding(entry.findings[i]) == nullptr) {
        fail("/entries/" + std::to_string(e) + "/findings/" + std::to_string(i),
             "unknown finding " + quoted(entry.findings[i]));
      }
    }
    for (std::size_t i = 0; i < entry.notes.size(); ++i) {
      if (table.note(entry.notes[i]) == nullptr) {
        fail("/entries/" + std::to_string(e) + "/notes/" + std::to_string(i),
             "unknown note " + quoted(entry.notes[i]));
      }
    }
  }
  for (const auto code : codes::engine_codes) {
    if (table.finding(code) == nullptr) {
      fail("/findings", "missing finding " + quoted(code) + ", which the engine raises");
    }
  }
}

} // namespace

core::Result<OwnedTable> build_table(const json& document)
{
  auto storage = std::make_shared<OwnedTable::Storage>();
  Builder b(*storage);
  try {
    expect_fields(document, "", {"version", "date", "modes", "findings", "notes", "entries"},
                  {"$schema"});
    const auto version = b.string(document["version"], "/version");
    check_version(version, "/version");
    const auto date = b.string(document["date"], "/date");
    check_date(date, "/date");
    build_modes(b, document["modes"], "/modes");
    build_findings(b, document["findings"], "/findings");
    build_notes(b, document["notes"], "/notes");

    const json& entries = document["entries"];
    if (!entries.is_array() || entries.empty()) {
      fail("/entries", "expected a non-empty array");
    }
    for (std::size_t i = 0; i < entries.size(); ++i) {
      storage->entries.push_back(build_entry(b, entries[i], child("/entries", i)));
    }

    const Table table{version, date, storage->modes, storage->findings, storage->notes,
                      storage->entries};
    check_references(table);
    if (auto problem = check_consistency(table); !problem.empty()) {
      return core::Error{std::move(problem)};
    }
    return OwnedTable(std::move(storage), table);
  } catch (const util::JsonInvalid& invalid) {
    return core::Error{invalid.message};
  }
}

} // namespace mailports::rules
