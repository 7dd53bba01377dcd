#include "server/store/sqlite/migrations.h"

#include <array>
#include <stdexcept>
#include <string>

#include "server/store/sqlite/sqlite_db.h"

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

constexpr std::array kMigrations{
    Migration{1, kSchemaV1},
    Migration{2, kSchemaV2},
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
