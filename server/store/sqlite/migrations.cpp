#include "server/store/sqlite/migrations.h"

#include <array>
#include <stdexcept>
#include <string>

#include "server/store/sqlite/sqlite_db.h"
#include "server/store/sqlite/sqlite_alerts_schema.h"
#include "server/store/sqlite/sqlite_ingest_schema.h"
#include "server/store/sqlite/sqlite_inventory_schema.h"
#include "server/store/sqlite/sqlite_notify_schema.h"
#include "server/store/sqlite/sqlite_park_schema.h"
#include "server/store/sqlite/sqlite_reports_schema.h"

namespace parc::server::sqlite {
namespace {

// Version 1: the park, enrollment, agents, reports and component history.
// Times are RFC 3339 UTC text (fixed width, so they sort as text).
constexpr std::string_view kSchemaV1 = R"sql(
CREATE TABLE collectivities (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE TABLE sites (
  id TEXT PRIMARY KEY,
  collectivity_id TEXT NOT NULL REFERENCES collectivities(id),
  name TEXT NOT NULL,
  zone TEXT,
  created_at TEXT NOT NULL
);
CREATE INDEX sites_collectivity ON sites(collectivity_id);
CREATE TABLE enrollment_tokens (
  id TEXT PRIMARY KEY,
  site_id TEXT NOT NULL REFERENCES sites(id),
  room TEXT,
  token_hash TEXT NOT NULL UNIQUE,
  max_uses INTEGER NOT NULL CHECK (max_uses >= 1),
  uses INTEGER NOT NULL DEFAULT 0,
  expires_at TEXT NOT NULL,
  revoked_at TEXT,
  created_at TEXT NOT NULL
);
CREATE TABLE devices (
  id TEXT PRIMARY KEY,
  site_id TEXT NOT NULL REFERENCES sites(id),
  room TEXT,
  kind TEXT,
  status TEXT NOT NULL DEFAULT 'in_service',
  hostname TEXT,
  manufacturer TEXT,
  model TEXT,
  serial TEXT,
  uuid TEXT,
  os TEXT,
  inventory_json TEXT,
  inventory_hash TEXT,
  enrolled_at TEXT,
  last_seen_at TEXT,
  last_seq INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX devices_site_room ON devices(site_id, room);
CREATE INDEX devices_uuid ON devices(lower(uuid));
CREATE INDEX devices_serial ON devices(serial);
CREATE TABLE device_macs (
  device_id TEXT NOT NULL REFERENCES devices(id) ON DELETE CASCADE,
  mac TEXT NOT NULL,
  PRIMARY KEY (device_id, mac)
) WITHOUT ROWID;
CREATE INDEX device_macs_mac ON device_macs(mac);
CREATE TABLE agents (
  id TEXT PRIMARY KEY,
  device_id TEXT NOT NULL UNIQUE REFERENCES devices(id),
  secret_hash TEXT NOT NULL UNIQUE,
  enrollment INTEGER NOT NULL DEFAULT 1,
  version TEXT,
  created_at TEXT NOT NULL,
  revoked_at TEXT
);
CREATE TABLE reports (
  agent_id TEXT NOT NULL REFERENCES agents(id),
  enrollment INTEGER NOT NULL,
  seq INTEGER NOT NULL,
  kind TEXT NOT NULL,
  collected_at TEXT NOT NULL,
  received_at TEXT NOT NULL,
  state_json TEXT NOT NULL,
  ack_send_full INTEGER NOT NULL,
  PRIMARY KEY (agent_id, enrollment, seq)
) WITHOUT ROWID;
CREATE TABLE components (
  id INTEGER PRIMARY KEY,
  device_id TEXT NOT NULL REFERENCES devices(id) ON DELETE CASCADE,
  component TEXT NOT NULL,
  "key" TEXT NOT NULL,
  identity TEXT NOT NULL,
  description TEXT,
  first_seen TEXT NOT NULL,
  removed_at TEXT
);
CREATE INDEX components_current ON components(device_id, component, "key") WHERE removed_at IS NULL;
CREATE TABLE component_changes (
  id INTEGER PRIMARY KEY,
  device_id TEXT NOT NULL REFERENCES devices(id) ON DELETE CASCADE,
  component TEXT NOT NULL,
  change TEXT NOT NULL,
  "key" TEXT NOT NULL,
  "before" TEXT,
  "after" TEXT,
  at TEXT NOT NULL
);
CREATE INDEX component_changes_device ON component_changes(device_id, at);
)sql";

// Version 2: API tokens for scripts. collectivity_id NULL means every collectivity
// (the server admin's own token).
constexpr std::string_view kSchemaV2 = R"sql(
CREATE TABLE api_tokens (
  id TEXT PRIMARY KEY,
  token_hash TEXT NOT NULL UNIQUE,
  collectivity_id TEXT REFERENCES collectivities(id),
  label TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  revoked_at TEXT
);
)sql";

// Version 3: people, their web sessions, API tokens owned by people, the audit log.
// site_ids columns hold a JSON array of site ids; '[]' means every site of the
// collectivity. Session ids are stored as their SHA-256 only.
constexpr std::string_view kSchemaV3 = R"sql(
CREATE TABLE users (
  id TEXT PRIMARY KEY,
  email TEXT NOT NULL UNIQUE COLLATE NOCASE,
  role TEXT NOT NULL CHECK (role IN ('admin', 'technician', 'viewer')),
  collectivity_id TEXT NOT NULL REFERENCES collectivities(id),
  site_ids TEXT NOT NULL DEFAULT '[]',
  password_hash TEXT NOT NULL,
  must_change_password INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  disabled_at TEXT
);
CREATE INDEX users_collectivity ON users(collectivity_id);
CREATE TABLE sessions (
  id TEXT PRIMARY KEY,
  session_hash TEXT NOT NULL UNIQUE,
  csrf_token TEXT NOT NULL,
  user_id TEXT NOT NULL REFERENCES users(id),
  created_at TEXT NOT NULL,
  last_seen_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  ended_at TEXT
);
CREATE INDEX sessions_user ON sessions(user_id);
ALTER TABLE api_tokens ADD COLUMN owner_user_id TEXT REFERENCES users(id);
ALTER TABLE api_tokens ADD COLUMN site_ids TEXT NOT NULL DEFAULT '[]';
CREATE INDEX api_tokens_owner ON api_tokens(owner_user_id);
CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  at TEXT NOT NULL,
  collectivity_id TEXT,
  action TEXT NOT NULL,
  actor TEXT,
  target TEXT,
  address TEXT,
  detail TEXT
);
CREATE INDEX audit_log_collectivity ON audit_log(collectivity_id, id);
)sql";

// Version 4: signs that two machines share one agent identity (cloned disks,
// copied state directories), recorded per device.
constexpr std::string_view kSchemaV4 = R"sql(
CREATE TABLE identity_conflicts (
  id INTEGER PRIMARY KEY,
  device_id TEXT NOT NULL REFERENCES devices(id) ON DELETE CASCADE,
  agent_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  detail TEXT NOT NULL,
  at TEXT NOT NULL
);
CREATE INDEX identity_conflicts_device ON identity_conflicts(device_id, kind, at);
)sql";

// Version 5: projectors as devices of their own, linked to the device that polls
// them (or that sees them through EDID), with their latest state; and the
// whiteboard, pen and touch controllers each device has had.
constexpr std::string_view kSchemaV5 = R"sql(
CREATE TABLE projector_links (
  device_id TEXT PRIMARY KEY REFERENCES devices(id) ON DELETE CASCADE,
  link_key TEXT NOT NULL UNIQUE,
  polled_by TEXT REFERENCES devices(id) ON DELETE SET NULL,
  address TEXT,
  source TEXT NOT NULL,
  state_json TEXT,
  state_at TEXT
);
CREATE INDEX projector_links_poller ON projector_links(polled_by, address);
CREATE TABLE device_kit (
  device_id TEXT NOT NULL REFERENCES devices(id) ON DELETE CASCADE,
  identity TEXT NOT NULL,
  class TEXT NOT NULL,
  description TEXT,
  first_seen TEXT NOT NULL,
  removed_at TEXT,
  PRIMARY KEY (device_id, identity)
) WITHOUT ROWID;
)sql";

// Version 6: the journal of alert events, in commit order (its id is the live
// feed's event id). The alerts themselves come with the alert engine.
constexpr std::string_view kSchemaV6 = R"sql(
CREATE TABLE alert_events (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  type TEXT NOT NULL,
  alert_id TEXT NOT NULL,
  device_id TEXT NOT NULL REFERENCES devices(id) ON DELETE CASCADE,
  site_id TEXT NOT NULL,
  collectivity_id TEXT NOT NULL,
  rule_id TEXT NOT NULL,
  severity TEXT NOT NULL,
  state TEXT NOT NULL,
  at TEXT NOT NULL,
  payload_json TEXT NOT NULL
);
CREATE INDEX alert_events_collectivity ON alert_events(collectivity_id, id);
)sql";

// Version 7: retention per collectivity, in months (NULL: keep everything).
constexpr std::string_view kSchemaV7 = R"sql(
ALTER TABLE collectivities ADD COLUMN retention_months INTEGER CHECK (retention_months >= 1);
)sql";

constexpr std::array kMigrations{
    Migration{1, kSchemaV1},
    Migration{2, kSchemaV2},
    Migration{3, kSchemaV3},
    Migration{4, kSchemaV4},
    Migration{5, kSchemaV5},
    Migration{6, kSchemaV6},
    Migration{7, kSchemaV7},
    Migration{8, kAlertsSchema},  // sqlite_alerts_schema.h
    Migration{9, kNotifySchema},  // sqlite_notify_schema.h
    Migration{10, kParkSchema},   // sqlite_park_schema.h
    Migration{11, kIngestSchema},  // sqlite_ingest_schema.h
    Migration{12, kInventorySchema},  // sqlite_inventory_schema.h
    Migration{13, kReportsLogSchema},  // sqlite_reports_schema.h
};

std::int64_t userVersion(Connection& connection) {
  return std::stoll(connection.queryText("PRAGMA user_version", "read schema version"));
}

void refuseNewer(std::int64_t found) {
  if (found > latestSchemaVersion()) {
    throw std::runtime_error("sqlite: database schema version " + std::to_string(found) +
                             " is newer than this parc-server supports (" +
                             std::to_string(latestSchemaVersion()) +
                             "); upgrade parc-server or restore a matching backup");
  }
}

void apply(Connection& connection, const Migration& migration) {
  Transaction transaction(connection);
  // Another process may have migrated while we waited for the write lock.
  if (userVersion(connection) >= migration.version) return;
  connection.exec(std::string(migration.sql), "migrate to schema " + std::to_string(migration.version));
  // PRAGMA takes no parameters; the version is our own constant, not data.
  connection.exec("PRAGMA user_version = " + std::to_string(migration.version),
                  "record schema version");
  transaction.commit();
}

}  // namespace

std::span<const Migration> migrations() { return kMigrations; }

std::int64_t latestSchemaVersion() { return kMigrations.back().version; }

void migrate(Connection& connection) {
  const std::int64_t current = userVersion(connection);
  refuseNewer(current);
  for (const Migration& migration : kMigrations) {
    if (migration.version > current) apply(connection, migration);
  }
}

}  // namespace parc::server::sqlite
