#pragma once
// Schema of the ingest path's own bookkeeping (migration 11).

#include <string_view>

namespace parc::server::sqlite {

// The alert rules' short history per agent (sqlite_rule_history.h): the figures of
// its newest reports, so that ingest never decodes earlier reports' state JSON.
// oldest_enrollment/oldest_seq name the oldest report the row stands for: deleting
// that report or a newer one drops the row, which is then rebuilt from reports.
inline constexpr std::string_view kIngestSchema = R"sql(
CREATE TABLE rule_history (
  agent_id TEXT PRIMARY KEY REFERENCES agents(id) ON DELETE CASCADE,
  oldest_enrollment INTEGER NOT NULL,
  oldest_seq INTEGER NOT NULL,
  entries TEXT NOT NULL
);
CREATE TRIGGER reports_forget_rule_history AFTER DELETE ON reports
BEGIN
  DELETE FROM rule_history WHERE agent_id = OLD.agent_id
    AND (oldest_enrollment, oldest_seq) <= (OLD.enrollment, OLD.seq);
END;
)sql";

}  // namespace parc::server::sqlite
