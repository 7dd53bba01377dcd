#pragma once
// One report's ingest inside an open transaction, shared by SqliteStore::ingest
// (one report, one commit) and SqliteStore::ingestBatch (group commit: each report
// in its own savepoint, one commit for the batch).

#include "server/store/batch_ingest.h"
#include "server/store/sqlite/sqlite_db.h"
#include "server/store/store.h"

namespace parc::server::sqlite {

class RuleSettingsCache;

// Validates and applies `report` in the caller's transaction. An error value is a
// refusal of this report (its changes must be rolled back); SqliteError is a
// database failure. Idempotent per (agent, enrollment, seq): a replay answers the
// stored acknowledgement.
// `prepared`, when given, is prepareReport(report) computed beforehand. `settings`,
// when given, is the writer's rule settings cache, refreshed in this transaction
// (RuleSettingsCache::refresh); without it the settings are read for this report.
// The report is consumed: its state ends in the alert rules' facts.
Result<IngestResult> ingestReport(Connection& db, const AgentIdentity& agent, Report&& report,
                                  TimePoint received_at, const PreparedReport* prepared = nullptr,
                                  RuleSettingsCache* settings = nullptr);

// One entry of a device's history (component_changes): a component added, removed
// or replaced, and a person's moves and status changes alike.
void recordChange(Connection& db, const std::string& device_id, const ComponentChange& change);

// False for a replay that recorded no new conflict: nothing it did needs keeping.
inline bool keepsChanges(const IngestResult& result) {
  return !result.replayed || !result.identity_conflicts.empty();
}

}  // namespace parc::server::sqlite
