#pragma once
// Schema version 9: the notification queue (server/store/notification_store.h).
// Where alerts go (notify_endpoints), one row per event and endpoint to deliver
// (notify_deliveries: pending, sent or dead), and how far the notifier has routed
// the alert event journal (notify_cursor), moved in the enqueue's transaction.

#include <string_view>

namespace parc::server::sqlite {

constexpr std::string_view kNotifySchema = R"sql(
CREATE TABLE notify_endpoints (
  id TEXT PRIMARY KEY,
  collectivity_id TEXT NOT NULL REFERENCES collectivities(id),
  kind TEXT NOT NULL CHECK (kind IN ('webhook', 'email')),
  target TEXT NOT NULL,
  secret TEXT NOT NULL DEFAULT '',
  min_severity TEXT NOT NULL DEFAULT 'info',
  site_ids TEXT NOT NULL DEFAULT '[]',
  digest_s INTEGER NOT NULL DEFAULT 0 CHECK (digest_s >= 0),
  created_at TEXT NOT NULL
);
CREATE INDEX notify_endpoints_collectivity ON notify_endpoints(collectivity_id);
CREATE TABLE notify_deliveries (
  id TEXT PRIMARY KEY,
  endpoint_id TEXT NOT NULL REFERENCES notify_endpoints(id) ON DELETE CASCADE,
  collectivity_id TEXT NOT NULL,
  event_id INTEGER NOT NULL REFERENCES alert_events(id) ON DELETE CASCADE,
  state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sent', 'dead')),
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at TEXT NOT NULL,
  last_error TEXT,
  created_at TEXT NOT NULL,
  sent_at TEXT,
  UNIQUE (endpoint_id, event_id)
);
CREATE INDEX notify_deliveries_due ON notify_deliveries(state, next_attempt_at);
CREATE INDEX notify_deliveries_collectivity ON notify_deliveries(collectivity_id, state, created_at);
CREATE TABLE notify_cursor (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  last_event_id INTEGER NOT NULL
);
INSERT INTO notify_cursor (id, last_event_id) VALUES (1, 0);
)sql";

}  // namespace parc::server::sqlite
