// SqliteStore::ingest: one report, idempotent per (agent, seq); its body, ingestReport,
// is also what SqliteStore::ingestBatch runs for each report of a group commit.
#include <algorithm>
#include <array>
#include <limits>

#include "server/ingest/inventory_diff.h"
#include "server/store/built_year.h"
#include "server/store/hardware_identity.h"
#include "server/store/park_vocabulary.h"
#include "server/store/sqlite/sqlite_alert_eval.h"
#include "server/store/sqlite/sqlite_db.h"
#include "server/store/sqlite/sqlite_device_rows.h"
#include "server/store/sqlite/sqlite_guard.h"
#include "server/store/sqlite/sqlite_identity_conflicts.h"
#include "server/store/sqlite/sqlite_ingest.h"
#include "server/store/sqlite/sqlite_projectors.h"
#include "server/store/sqlite/sqlite_rule_settings.h"
#include "server/store/sqlite/sqlite_store.h"
#include "shared/report_json.h"

namespace parc::server {
namespace {

using sqlite::Connection;
using sqlite::Statement;

constexpr std::array<std::string_view, 8> kKinds{"desktop", "laptop",  "tablet", "convertible",
                                                 "all-in-one", "mini-pc", "server", "vm"};

struct AgentRow {
  std::string device_id;
  std::int64_t enrollment = 0;
  OptString inventory_hash;
  std::optional<sqlite::AlertTarget> target;  // where the device's alerts go
};

std::optional<AgentRow> activeAgent(Connection& db, const std::string& agent_id) {
  Statement query = db.prepare(
      "SELECT a.device_id, a.enrollment, d.inventory_hash, d.site_id, s.collectivity_id FROM agents a "
      "JOIN devices d ON d.id = a.device_id LEFT JOIN sites s ON s.id = d.site_id "
      "WHERE a.id = ? AND a.revoked_at IS NULL",
      "find agent");
  query.bind(1, agent_id);
  if (!query.step()) return std::nullopt;
  AgentRow row{query.text(0), query.integer(1), query.optText(2), std::nullopt};
  if (!query.isNull(4)) row.target = sqlite::AlertTarget{row.device_id, query.text(3), query.text(4)};
  return row;
}

std::string kindOf(const OptString& chassis) {
  if (chassis && std::find(kKinds.begin(), kKinds.end(), *chassis) != kKinds.end()) return *chassis;
  return "other";
}

std::vector<InventoryComponent> currentComponents(Connection& db, const std::string& device_id) {
  Statement query = db.prepare(
      "SELECT component, \"key\", identity, COALESCE(description, '') FROM components "
      "WHERE device_id = ? AND removed_at IS NULL",
      "read components");
  query.bind(1, device_id);
  std::vector<InventoryComponent> out;
  while (query.step()) out.push_back({query.text(0), query.text(1), query.text(2), query.text(3)});
  return out;
}

void closeComponent(Connection& db, const std::string& device_id, const ComponentChange& change) {
  db.prepare("UPDATE components SET removed_at = ? WHERE device_id = ? AND component = ? "
             "AND \"key\" = ? AND removed_at IS NULL",
             "close component")
      .bind(1, change.at)
      .bind(2, device_id)
      .bind(3, change.component)
      .bind(4, change.key)
      .run();
}

void openComponent(Connection& db, const std::string& device_id, const InventoryComponent& part,
                   const std::string& at) {
  db.prepare("INSERT INTO components (device_id, component, \"key\", identity, description, first_seen) "
             "VALUES (?, ?, ?, ?, ?, ?)",
             "insert component")
      .bind(1, device_id)
      .bind(2, part.component)
      .bind(3, part.key)
      .bind(4, part.identity)
      .bind(5, part.description)
      .bind(6, at)
      .run();
}


// Applies the changes to the components table and the history. The first inventory
// of a device is its baseline: its components are stored, no change is recorded.
std::vector<ComponentChange> updateComponents(Connection& db, const std::string& device_id,
                                              const Inventory& inventory, bool baseline,
                                              const std::string& at) {
  const std::vector<InventoryComponent> after = extractComponents(inventory);
  std::vector<ComponentChange> changes = diffComponents(currentComponents(db, device_id), after, at);
  for (const ComponentChange& change : changes) {
    if (change.change != "added") closeComponent(db, device_id, change);
    if (change.change == "removed") continue;
    const auto part = std::find_if(after.begin(), after.end(), [&](const InventoryComponent& c) {
      return c.component == change.component && c.key == change.key;
    });
    if (part != after.end()) openComponent(db, device_id, *part, at);
  }
  if (baseline) return {};
  for (const ComponentChange& change : changes) sqlite::recordChange(db, device_id, change);
  return changes;
}

void rememberInventoryMacs(Connection& db, const std::string& device_id, const Inventory& inventory) {
  for (const NetInterface& nic : inventory.network) {
    if (nic.name == "lo" || nic.type == "virtual" || !nic.mac) continue;
    if (auto mac = normalizeMac(*nic.mac)) {
      db.prepare("INSERT OR IGNORE INTO device_macs (device_id, mac) VALUES (?, ?)", "insert device mac")
          .bind(1, device_id)
          .bind(2, *mac)
          .run();
    }
  }
}

void storeInventory(Connection& db, const std::string& device_id, const Inventory& inventory,
                    const std::string& hash) {
  const SystemInfo& system = inventory.system;
  const OptString serial = system.serial ? usableSerial(*system.serial).value_or(*system.serial) : OptString();
  db.prepare("UPDATE devices SET hostname = COALESCE(?, hostname), manufacturer = ?, model = ?, serial = ?, "
             "uuid = ?, os = ?, kind = ?, inventory_hash = ? WHERE id = ?",
             "update device inventory")
      .bind(1, inventory.os.hostname)
      .bind(2, system.manufacturer)
      .bind(3, system.model)
      .bind(4, serial)
      .bind(5, system.uuid)
      .bind(6, inventory.os.name)
      .bind(7, canonicalKind(kindOf(system.chassis)))
      .bind(8, hash)
      .bind(9, device_id)
      .run();
  sqlite::storeDeviceInventory(db, device_id, encodeInventory(inventory));
  if (const OptInt year = builtYearFromInventory(inventory)) {  // server/store/built_year.h
    db.prepare("UPDATE devices SET built_year = ? WHERE id = ?", "update device built year")
        .bind(1, *year).bind(2, device_id).run();
  }
  rememberInventoryMacs(db, device_id, inventory);
}

void insertReport(Connection& db, const std::string& agent_id, const AgentRow& agent,
                  const Report& report, const std::string& received_at, bool send_full,
                  const std::string& state_json) {
  db.prepare("INSERT INTO reports (agent_id, enrollment, seq, kind, collected_at, received_at, "
             "state_json, ack_send_full) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
             "insert report")
      .bind(1, agent_id)
      .bind(2, agent.enrollment)
      .bind(3, static_cast<std::int64_t>(report.seq))
      .bind(4, toString(report.kind))
      .bind(5, report.collected_at)
      .bind(6, received_at)
      .bind(7, state_json)
      .bind(8, std::int64_t{send_full ? 1 : 0})
      .run();
}

void markSeen(Connection& db, const std::string& device_id, std::uint64_t seq,
              const std::string& received_at) {
  db.prepare("UPDATE devices SET last_seen_at = ?, last_seq = max(last_seq, ?) WHERE id = ?",
             "update device last seen")
      .bind(1, received_at)
      .bind(2, static_cast<std::int64_t>(seq))
      .bind(3, device_id)
      .run();
}

Status checkReport(const Report& report) {
  if (report.seq > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
    return makeError("report seq is out of range");
  }
  if (report.kind == ReportKind::kFull && !report.inventory) {
    return makeError("full report without inventory");
  }
  return {};
}

}  // namespace

namespace sqlite {

void recordChange(Connection& db, const std::string& device_id, const ComponentChange& change) {
  db.prepare("INSERT INTO component_changes (device_id, component, change, \"key\", \"before\", "
             "\"after\", at) VALUES (?, ?, ?, ?, ?, ?, ?)",
             "insert component change")
      .bind(1, device_id)
      .bind(2, change.component)
      .bind(3, change.change)
      .bind(4, change.key)
      .bind(5, change.before)
      .bind(6, change.after)
      .bind(7, change.at)
      .run();
}

// The body of one report's ingest, inside the caller's transaction or savepoint
// (SqliteStore::ingest runs it alone, SqliteStore::ingestBatch many in one commit).
Result<IngestResult> ingestReport(Connection& db, const AgentIdentity& agent, Report&& report,
                                  TimePoint received_at, const PreparedReport* prepared,
                                  RuleSettingsCache* settings) {
  if (Status valid = checkReport(report); !valid) return makeError(valid.error());
  const std::string received = formatRfc3339(received_at);
  const auto seq = static_cast<std::int64_t>(report.seq);
  const auto row = activeAgent(db, agent.agent_id);
  if (!row) return makeError(std::string(kUnknownAgentPrefix) + agent.agent_id);
  // The agent as stored now: the caller's identity may come from the io threads'
  // cache (server/auth/agent_auth_cache.h) and predate a move of its device.
  const AgentIdentity current{agent.agent_id, row->device_id,
                              row->target ? row->target->site_id : agent.site_id,
                              row->target ? row->target->collectivity_id : agent.collectivity_id};
  IngestResult result;
  result.ack = report.seq;
  const IngestingAgent ingesting{agent.agent_id, row->device_id, row->enrollment};
  const std::optional<StoredReport> stored = readStoredReport(db, ingesting, seq);
  result.identity_conflicts = recordIdentityConflicts(db, ingesting, report, stored, received_at);
  if (stored) {
    result.send_full = stored->send_full;
    result.replayed = true;
    return result;  // the caller keeps only the conflicts, if any (see keepsChanges)
  }
  if (report.kind == ReportKind::kFull) {
    const std::string hash = prepared && prepared->inventory_hash ? *prepared->inventory_hash
                                                                  : inventoryHash(*report.inventory);
    if (hash != row->inventory_hash) {
      const bool baseline = !row->inventory_hash.has_value();
      result.changes = updateComponents(db, row->device_id, *report.inventory, baseline, received);
      storeInventory(db, row->device_id, *report.inventory, hash);
      sqlite::linkProjectors(db, row->device_id, *report.inventory, received);
      sqlite::syncKit(db, row->device_id, *report.inventory, received);
    }
  } else {
    result.send_full = !row->inventory_hash ||
                       (report.inventory_hash && *report.inventory_hash != *row->inventory_hash);
  }
  insertReport(db, agent.agent_id, *row, report, received, result.send_full,
               prepared ? prepared->state_json : encodeState(report.state));
  sqlite::storeProjectorStates(db, row->device_id, report.state, received,
                               prepared ? &prepared->projector_states : nullptr);
  markSeen(db, row->device_id, report.seq, received);
  std::optional<RuleSettingsCache> own_settings;  // without the writer's cache: read for this report
  if (!settings) settings = &own_settings.emplace();
  sqlite::evaluateAlerts(db, row->target, current, row->enrollment, report.seq, std::move(report.state), received,
                         *settings, result);
  return result;
}

}  // namespace sqlite

Result<IngestResult> SqliteStore::ingest(const AgentIdentity& agent, const Report& report,
                                         TimePoint received_at) {
  std::lock_guard lock(ingest_mutex_);
  return sqlite::guardResult([&]() -> Result<IngestResult> {
    sqlite::Transaction transaction(*ingest_connection_);
    rule_settings_->refresh(*ingest_connection_);
    auto result = sqlite::ingestReport(*ingest_connection_, agent, Report(report), received_at, nullptr,
                                       rule_settings_.get());
    if (!result) return result;  // rolled back
    if (!sqlite::keepsChanges(*result)) return result;  // a replay without conflicts: nothing changed
    transaction.commit();
    // Durable before it is acknowledged (the ingest connection commits with NORMAL).
    if (Status synced = wal_sync_->sync(); !synced) {
      return makeError(std::string(kStorageBusyPrefix) + synced.error());
    }
    return result;
  });
}

}  // namespace parc::server
