#include <mailports/engine/check.hpp>

#include <mailports/engine/lookup.hpp>
#include <mailports/engine/recommend.hpp>

#include <algorithm>
#include <climits>
#include <iterator>
#include <tuple>

namespace mailports::engine {

namespace {

constexpr std::size_t k_max_suggestions = 3;

class Judge {
public:
  Judge(const rules::Table& table, const Query& query) : m_table(table)
  {
    m_result.query = query;
  }

  // A finding whose text speaks to the other role does not apply.
  void add(std::string_view code, Finding extra = {})
  {
    extra.def = m_table.finding(code);
    if (extra.def != nullptr // a validated table defines every code it uses
        && extra.def->role.value_or(m_result.query.role) == m_result.query.role) {
      m_result.findings.push_back(std::move(extra));
    }
  }

  void judge_port()
  {
    const Query& q = m_result.query;
    std::vector<const rules::Entry*> same_port;
    for (const auto* entry : entries_for_port(m_table, q.port)) {
      if (entry->matches(q.proto)) {
        same_port.push_back(entry);
      }
    }
    if (same_port.empty()) {
      judge_foreign_port();
      return;
    }
    // The query's role's row for the mode. Failing that, another role's row
    // judges the setting, and the role mismatch is a finding of its own.
    std::vector<const rules::Entry*> role_rows;
    std::copy_if(same_port.begin(), same_port.end(), std::back_inserter(role_rows),
                 [&q](const rules::Entry* e) { return e->matches(q.role); });
    const auto* entry = exact_row(role_rows, q.tls);
    const bool other_role = entry == nullptr && (role_rows.empty() || exact_row(same_port, q.tls));
    if (entry == nullptr) {
      entry = exact_row(same_port, q.tls);
    }
    if (entry != nullptr) {
      m_result.entry = entry;
      for (const auto code : entry->findings) {
        add(code);
      }
    } else {
      Finding finding;
      for (const auto* row : role_rows.empty() ? same_port : role_rows) {
        if (row->tls && row->status != core::Status::mismatch) {
          finding.modes.push_back(*row->tls);
        }
      }
      add(rules::codes::tls_mode_not_spoken, std::move(finding));
    }
    if (other_role) {
      add(q.role == core::Role::client ? rules::codes::relay_port_for_client
                                       : rules::codes::client_port_for_relay);
    }
  }

  // The row naming the mode, else the row for any mode (rules/table.hpp).
  static const rules::Entry* exact_row(const std::vector<const rules::Entry*>& rows,
                                       core::TlsMode tls)
  {
    for (const auto* entry : rows) {
      if (entry->tls == tls) {
        return entry;
      }
    }
    for (const auto* entry : rows) {
      if (!entry->tls) {
        return entry;
      }
    }
    return nullptr;
  }

  // No entry for this protocol: the port belongs to another one, or to none.
  void judge_foreign_port()
  {
    const Query& q = m_result.query;
    for (const auto* entry : entries_for_port(m_table, q.port)) {
      if (entry->proto && *entry->proto != q.proto) {
        Finding finding;
        finding.other_proto = entry->proto;
        finding.other_service = entry->service;
        add(rules::codes::port_of_other_protocol, std::move(finding));
        return;
      }
    }
    add(rules::codes::unknown_port);
    if (const auto meant = likely_port(m_table, q.proto, q.role, q.port)) {
      Finding finding;
      finding.likely_port = meant;
      add(rules::codes::port_typo, std::move(finding));
    }
  }

  void judge_mode()
  {
    const Query& q = m_result.query;
    for (const auto& ref : m_table.mode(q.tls).findings) {
      if (!ref.role || *ref.role == q.role) {
        add(ref.code);
      }
    }
    if (!q.tls_stated) {
      add(rules::codes::tls_mode_unstated);
    }
  }

  // Never act on a guess silently: say how the words were read.
  void judge_reading()
  {
    const Query& q = m_result.query;
    if (q.proto_inferred) {
      add(rules::codes::proto_inferred);
    }
    if (q.tls_word_ambiguous) {
      add(rules::codes::tls_word_ambiguous);
    }
  }

  void conclude()
  {
    auto& findings = m_result.findings;
    std::stable_sort(findings.begin(), findings.end(), [](const Finding& a, const Finding& b) {
      return a.def->severity > b.def->severity;
    });
    m_result.verdict =
      findings.empty() ? core::Verdict::ok : core::verdict_of(findings.front().def->severity);

    const Query& q = m_result.query;
    const auto ranked = recommend(m_table, q.proto, q.role);
    if (!ranked.empty()) {
      m_result.best_port = ranked.front().entry->port;
    }
    if (m_result.verdict == core::Verdict::ok) {
      return;
    }
    // Candidates: the usable modes of the same port, and the ranked settings.
    // Best status first; on a tie the same port (a smaller change) wins.
    std::vector<const rules::Entry*> candidates;
    for (const auto* entry : entries_for_port(m_table, q.port)) {
      if (entry->proto == q.proto && entry->tls && entry->role == q.role && core::usable(entry->status)) {
        candidates.push_back(entry);
      }
    }
    for (const auto& r : ranked) {
      candidates.push_back(r.entry);
    }
    const auto order = [&q](const rules::Entry* e) {
      return std::make_tuple(static_cast<int>(e->status), e->port != q.port,
                             e->rank == 0 ? INT_MAX : e->rank);
    };
    std::stable_sort(candidates.begin(), candidates.end(),
                     [&order](const rules::Entry* a, const rules::Entry* b) {
                       return order(a) < order(b);
                     });
    for (const auto* entry : candidates) {
      suggest(Suggestion{entry->port, *entry->tls});
    }
  }

  // The verdict without suggestions: what check says of a setting.
  [[nodiscard]] core::Verdict worst() const
  {
    auto verdict = core::Verdict::ok;
    for (const auto& finding : m_result.findings) {
      verdict = std::max(verdict, core::verdict_of(finding.def->severity));
    }
    return verdict;
  }

  CheckResult take() { return std::move(m_result); }

private:
  // Only a setting check itself passes is worth trying instead: never one
  // it would warn about, such as the non-standard port being checked.
  void suggest(Suggestion s)
  {
    const Query& q = m_result.query;
    auto& out = m_result.suggestions;
    const bool same_as_query = s.port == q.port && s.tls == q.tls;
    const bool known = std::any_of(out.begin(), out.end(), [&s](const Suggestion& o) {
      return o.port == s.port && o.tls == s.tls;
    });
    if (same_as_query || known || out.size() >= k_max_suggestions) {
      return;
    }
    Judge other(m_table, Query{q.proto, s.port, s.tls, q.role, true});
    other.judge_port();
    other.judge_mode();
    if (other.worst() == core::Verdict::ok) {
      out.push_back(s);
    }
  }

  const rules::Table& m_table;
  CheckResult m_result;
};

} // namespace

CheckResult check(const rules::Table& table, const Query& query)
{
  Judge judge(table, query);
  judge.judge_port();
  judge.judge_mode();
  judge.judge_reading();
  judge.conclude();
  return judge.take();
}

} // namespace mailports::engine
