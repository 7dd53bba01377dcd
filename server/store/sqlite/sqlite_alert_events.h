#pragma once
// The alert event journal: written inside the ingest (or acknowledgement)
// transaction that causes the event, read by the live feed and the notifier.

#include "server/store/sqlite/sqlite_db.h"
#include "server/store/store.h"

namespace parc::server::sqlite {

// Appends the event and sets event.id. Call inside the caller's transaction.
void insertAlertEvent(Connection& connection, AlertEvent& event);

}  // namespace parc::server::sqlite
