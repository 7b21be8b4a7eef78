#include <mailports/diagnose/match.hpp>

#include <algorithm>

namespace mailports::diagnose {

namespace {

bool is_space(char c) noexcept
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f' || c == '\0';
}

// `present`: which of the catalogue's literals the text holds (one pass).
bool matches(const Family& family, const std::string& text, const std::vector<bool>& present)
{
  const bool any = std::any_of(family.patterns.begin(), family.patterns.end(), [&](const Pattern& p) {
    // The literal first: most lines are ruled out without a regex.
    return present[p.literal_id] && (!p.regex || p.regex->search(text));
  });
  return any && std::none_of(family.unless_ids.begin(), family.unless_ids.end(),
                             [&](std::size_t id) { return present[id]; });
}

} // namespace

std::string normalize(std::string_view text)
{
  text = text.substr(0, std::min(text.size(), k_max_line));
  std::string out;
  out.reserve(text.size());
  bool space = false;
  for (const char c : text) {
    if (is_space(c)) {
      space = !out.empty();
      continue;
    }
    if (space) {
      out += ' ';
      space = false;
    }
    out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  }
  return out;
}

std::vector<const Family*> match(const Catalog& catalog, const std::string& normalized)
{
  std::vector<const Family*> out;
  std::vector<bool> present;
  catalog.literals.search(normalized, present);
  if (std::none_of(present.begin(), present.end(), [](bool b) { return b; })) {
    return out;
  }
  for (const auto& family : catalog.families) {
    if (matches(family, normalized, present)) {
      out.push_back(&family);
    }
  }
  return out;
}

std::vector<CauseReading> read_causes(const rules::Table& table, const Family& family, const Context& context)
{
  // A protocol given rules out the causes shown on another protocol (a
  // family often lists the same mistake for SMTP, IMAP and POP3), unless
  // none is left that way.
  const auto same_proto = [&](const Cause& c) { return !c.setting || c.setting->proto == *context.proto; };
  const bool by_proto = context.proto && std::any_of(family.causes.begin(), family.causes.end(), [&](const Cause& c) {
                          return c.setting && c.setting->proto == *context.proto;
                        });
  std::vector<CauseReading> out;
  for (const auto& cause : family.causes) {
    if (by_proto && !same_proto(cause)) {
      continue;
    }
    CauseReading reading{&cause, std::nullopt, true};
    if (cause.setting) {
      auto query = *cause.setting;
      query.proto = context.proto.value_or(query.proto);
      query.port = context.port.value_or(query.port);
      query.tls = context.tls.value_or(query.tls);
      query.role = context.role.value_or(query.role);
      // The same mistake shown on several ports reads the same once the
      // user's port replaces them: say it once.
      const bool repeated = std::any_of(out.begin(), out.end(), [&](const CauseReading& r) {
        return r.cause->finding == cause.finding && r.check && r.check->query == query;
      });
      if (repeated) {
        continue;
      }
      reading.check = engine::check(table, query);
      reading.fits = std::any_of(reading.check->findings.begin(), reading.check->findings.end(),
                                 [&](const engine::Finding& f) { return f.def == cause.finding; });
    }
    out.push_back(std::move(reading));
  }
  return out;
}

} // namespace mailports::diagnose
