#include <mailports/engine/check.hpp>

#include <mailports/engine/lookup.hpp>
#include <mailports/engine/recommend.hpp>

#include <algorithm>
#include <climits>
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

  void add(std::string_view code, Finding extra = {})
  {
    extra.def = m_table.finding(code);
    if (extra.def != nullptr) { // a validated table defines every code it uses
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
    const auto exact = std::find_if(same_port.begin(), same_port.end(),
                                    [&q](const rules::Entry* e) { return e->matches(q.tls); });
    if (exact != same_port.end()) {
      m_result.entry = *exact;
      for (const auto code : (*exact)->findings) {
        add(code);
      }
    } else {
      Finding finding;
      for (const auto* entry : same_port) {
        if (entry->tls && entry->status != core::Status::mismatch) {
          finding.modes.push_back(*entry->tls);
        }
      }
      add(rules::codes::tls_mode_not_spoken, std::move(finding));
    }
    const rules::Entry* port_entry = m_result.entry != nullptr ? m_result.entry : same_port.front();
    if (port_entry->role && *port_entry->role != q.role) {
      add(q.role == core::Role::client ? rules::codes::relay_port_for_client
                                       : rules::codes::client_port_for_relay);
    }
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

  CheckResult take() { return std::move(m_result); }

private:
  void suggest(Suggestion s)
  {
    const Query& q = m_result.query;
    auto& out = m_result.suggestions;
    const bool same_as_query = s.port == q.port && s.tls == q.tls;
    const bool known = std::any_of(out.begin(), out.end(), [&s](const Suggestion& o) {
      return o.port == s.port && o.tls == s.tls;
    });
    if (!same_as_query && !known && out.size() < k_max_suggestions) {
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
