#pragma once
// Alert evaluation inside the ingest transaction: the rules of server/alerts over
// the report just stored, the device's short history and kit; the alerts and
// their events written in the same transaction, the events added to `result`.

#include "server/store/sqlite/sqlite_db.h"
#include "server/store/store.h"

namespace parc::server::sqlite {

void evaluateAlerts(Connection& db, const AgentIdentity& agent, const Report& report, TimePoint received_at,
                    IngestResult& result);

}  // namespace parc::server::sqlite
