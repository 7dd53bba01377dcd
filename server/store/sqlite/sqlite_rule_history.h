#pragma once
// The alert rules' short history per agent (server/alerts/rule_history.h), kept in
// the rule_history table inside the ingest transaction. A row is dropped by a
// trigger when a report it stands for is deleted (retention, another process); it
// is then rebuilt from the reports table, so it always holds what the newest
// reports say.

#include <string>

#include "server/alerts/rule_history.h"
#include "server/store/sqlite/sqlite_db.h"

namespace parc::server::sqlite {

// The agent's history, newest first, without the report (enrollment, seq) if it is
// already stored: from its row, or rebuilt from the reports table when the row is
// missing or unreadable.
alerts::RuleHistory loadRuleHistory(Connection& db, const std::string& agent_id, std::int64_t enrollment,
                                    std::int64_t seq);

// Writes `history` as the agent's row.
void saveRuleHistory(Connection& db, const std::string& agent_id, const alerts::RuleHistory& history);

}  // namespace parc::server::sqlite
