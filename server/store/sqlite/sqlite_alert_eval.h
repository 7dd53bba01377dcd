#pragma once
// Alert evaluation inside the ingest transaction: the rules of server/alerts over
// the report just stored, the device's short history and kit; the alerts and
// their events written in the same transaction, the events added to `result`.
// The earlier reports the rules look back over come from the agent's rule history
// (sqlite_rule_history.h), to which this report is added. The collectivity's rule
// settings come from `settings` (sqlite_rule_settings.h), refreshed by the caller
// once per transaction.

#include <optional>

#include "server/store/sqlite/sqlite_alert_rows.h"
#include "server/store/sqlite/sqlite_db.h"
#include "server/store/sqlite/sqlite_rule_settings.h"
#include "server/store/store.h"

namespace parc::server::sqlite {

// `target`: where the computer's alerts go (nullopt: the device has no site; only
// the history is kept). `state`: report `seq`'s state, taken by value so the writer
// can move it into the rules' facts instead of copying it. `at`: the report's
// reception time, RFC 3339.
void evaluateAlerts(Connection& db, const std::optional<AlertTarget>& target, const AgentIdentity& agent,
                    std::int64_t enrollment, std::uint64_t seq, State state, const std::string& at,
                    RuleSettingsCache& settings, IngestResult& result);

}  // namespace parc::server::sqlite
