#include "server/store/sqlite/sqlite_rule_history.h"

#include <algorithm>

#include "shared/report_json.h"

namespace parc::server::sqlite {
namespace {

// The history as the reports table has it (the slow path: decodes state JSON).
alerts::RuleHistory rebuild(Connection& db, const std::string& agent_id) {
  Statement query = db.prepare(
      "SELECT enrollment, seq, state_json FROM reports WHERE agent_id = ? "
      "ORDER BY enrollment DESC, seq DESC LIMIT ?",
      "read recent states for rule history");
  query.bind(1, agent_id).bind(2, static_cast<std::int64_t>(alerts::kMaxRuleHistory + 1));
  alerts::RuleHistory out;
  while (query.step()) {
    if (auto state = decodeState(query.text(2))) {
      out.push_back({query.integer(0), query.integer(1), alerts::slimForRules(*state)});
    }
  }
  return out;
}

}  // namespace

alerts::RuleHistory loadRuleHistory(Connection& db, const std::string& agent_id, std::int64_t enrollment,
                                    std::int64_t seq) {
  alerts::RuleHistory history;
  {
    Statement query = db.prepare("SELECT entries FROM rule_history WHERE agent_id = ?", "read rule history");
    query.bind(1, agent_id);
    if (query.step()) {
      if (auto decoded = alerts::decodeRuleHistory(query.text(0))) {
        return std::move(*decoded);
      }
    }
  }
  history = rebuild(db, agent_id);
  std::erase_if(history, [&](const alerts::HistoryEntry& e) { return e.enrollment == enrollment && e.seq == seq; });
  if (history.size() > alerts::kMaxRuleHistory) history.resize(alerts::kMaxRuleHistory);
  return history;
}

void saveRuleHistory(Connection& db, const std::string& agent_id, const alerts::RuleHistory& history) {
  if (history.empty()) return;
  db.prepare("INSERT INTO rule_history (agent_id, oldest_enrollment, oldest_seq, entries) VALUES (?, ?, ?, ?) "
             "ON CONFLICT (agent_id) DO UPDATE SET oldest_enrollment = excluded.oldest_enrollment, "
             "oldest_seq = excluded.oldest_seq, entries = excluded.entries",
             "store rule history")
      .bind(1, agent_id)
      .bind(2, history.back().enrollment)
      .bind(3, history.back().seq)
      .bind(4, alerts::encodeRuleHistory(history))
      .run();
}

}  // namespace parc::server::sqlite
