// Error-message families and their causes, from data/diagnoses.json
// (data/diagnoses.schema.json). Validated as it loads, against the rules
// table its causes point into; compiled into the binary as text and parsed
// only by `diagnose`.
#pragma once

#include <mailports/core/result.hpp>
#include <mailports/core/types.hpp>
#include <mailports/diagnose/literals.hpp>
#include <mailports/engine/check.hpp>
#include <mailports/rules/table.hpp>

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mailports::diagnose {

// A POSIX extended regular expression (regcomp, REG_EXTENDED | REG_ICASE |
// REG_NOSUB): grep -E's dialect, in libc, so nothing to load. Moved, never
// copied.
class Regex {
public:
  static core::Result<Regex> compile(const std::string& pattern);
  [[nodiscard]] bool search(const std::string& text) const noexcept; // text without NUL bytes
  Regex(Regex&&) noexcept = default;
  Regex& operator=(Regex&&) noexcept = default;
  ~Regex();

private:
  struct Compiled;
  explicit Regex(std::unique_ptr<Compiled> compiled) noexcept;
  std::unique_ptr<Compiled> m_compiled;
};

struct Pattern {
  std::string literal;        // a literal pattern, or the regex's `needs`
  std::size_t literal_id = 0; // in Catalog::literals
  std::optional<Regex> regex; // unset: the literal alone decides
  std::string regex_text;     // as written (for --json output and the bench)
};

enum class Source { client, library, server };
std::string_view to_string(Source source) noexcept;

struct Cause {
  const rules::FindingDef* finding = nullptr;
  std::optional<engine::Query> setting; // a setting that shows the cause
  std::string why_en, why_ja; // why this cause gives the family's message

  [[nodiscard]] std::string_view why(core::Lang lang) const noexcept
  {
    return lang == core::Lang::ja ? why_ja : why_en;
  }
};

struct Family {
  std::string id;
  std::string title_en, title_ja;
  Source source = Source::client;
  std::vector<std::string> emitters;
  std::vector<Pattern> patterns;
  std::vector<std::string> unless;
  std::vector<std::size_t> unless_ids; // in Catalog::literals
  std::vector<Cause> causes; // most likely first
  std::vector<std::string> sources;
  std::vector<std::string> examples;
  std::vector<std::string> near_misses;

  [[nodiscard]] std::string_view title(core::Lang lang) const noexcept
  {
    return lang == core::Lang::ja ? title_ja : title_en;
  }
};

struct Catalog {
  std::string version;
  std::string date;
  std::vector<Family> families;
  LiteralIndex literals; // every pattern literal and `unless`, searched at once
};

// The whole file checked: the schema's rules, ids unique, regexes that
// compile, patterns already normalized, cause codes defined by `table`, and
// each setting one that engine::check raises its cause's code for. Errors
// read "ORIGIN: POINTER: what".
core::Result<Catalog> load_diagnoses(std::string_view json_text, std::string_view origin, const rules::Table& table);

// data/diagnoses.json as compiled into the binary (validated at build time).
std::string_view builtin_diagnoses_json() noexcept;

} // namespace mailports::diagnose
