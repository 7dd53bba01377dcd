#pragma once
// Migration 13: the reports table becomes an append-only log (a rowid table) with
// a unique index on (agent_id, enrollment, seq), instead of a table clustered by
// that key (WITHOUT ROWID).
//
// Clustered by agent, every report was inserted in the middle of the tree, in its
// agent's last leaf: a random page per report, split every few reports since a
// leaf holds about five of them, and those splits left half-empty pages. As a
// log, a report is appended to the last page, which a whole batch shares; the
// random write per report is one small index entry. At 10,000 agents the writer
// went from ≈ 6,600 to ≈ 8,600 state reports per second (docs/benchmarks.md).
// Every query on reports names the agent, so the index serves them all.

#include <string_view>

namespace parc::server::sqlite {

inline constexpr std::string_view kReportsLogSchema = R"sql(
CREATE TABLE reports_log (
  agent_id TEXT NOT NULL REFERENCES agents(id),
  enrollment INTEGER NOT NULL,
  seq INTEGER NOT NULL,
  kind TEXT NOT NULL,
  collected_at TEXT NOT NULL,
  received_at TEXT NOT NULL,
  state_json TEXT NOT NULL,
  ack_send_full INTEGER NOT NULL
);
INSERT INTO reports_log (agent_id, enrollment, seq, kind, collected_at, received_at, state_json, ack_send_full)
  SELECT agent_id, enrollment, seq, kind, collected_at, received_at, state_json, ack_send_full
  FROM reports ORDER BY received_at, agent_id, enrollment, seq;
DROP TABLE reports;
ALTER TABLE reports_log RENAME TO reports;
CREATE UNIQUE INDEX reports_by_agent ON reports(agent_id, enrollment, seq);
CREATE TRIGGER reports_forget_rule_history AFTER DELETE ON reports
BEGIN
  DELETE FROM rule_history WHERE agent_id = OLD.agent_id
    AND (oldest_enrollment, oldest_seq) <= (OLD.enrollment, OLD.seq);
END;
)sql";

}  // namespace parc::server::sqlite
