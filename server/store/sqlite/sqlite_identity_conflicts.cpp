// Signs of one agent identity used by two machines; see sqlite_identity_conflicts.h.
#include "server/store/sqlite/sqlite_identity_conflicts.h"

#include "server/store/sqlite/sqlite_guard.h"
#include "server/store/sqlite/sqlite_scope.h"
#include "server/store/sqlite/sqlite_store.h"

namespace parc::server {
namespace sqlite {
namespace {

constexpr std::chrono::hours kRecordOncePer{24};

struct Sign {
  std::string kind, detail;
  OptString before, after;
};

void compareSequence(Connection& db, const IngestingAgent& agent, const Report& report,
                     const std::optional<StoredReport>& stored, std::vector<Sign>& signs) {
  const auto seq = static_cast<std::int64_t>(report.seq);
  if (stored) {
    if (stored->collected_at != report.collected_at || stored->kind != toString(report.kind)) {
      signs.push_back({"seq_reused",
                       "report seq " + std::to_string(seq) + " was already used by another report (collected " +
                           stored->collected_at + ", now " + report.collected_at +
                           "): two machines may share this agent's identity",
                       std::nullopt, std::nullopt});
    }
    return;
  }
  Statement highest = db.prepare(
      "SELECT max(seq) FROM reports WHERE agent_id = ? AND enrollment = ?", "read highest seq");
  highest.bind(1, agent.agent_id).bind(2, agent.enrollment);
  if (highest.step() && !highest.isNull(0) && highest.integer(0) > seq) {
    signs.push_back({"seq_backwards",
                     "report seq " + std::to_string(seq) + " is below seq " + std::to_string(highest.integer(0)) +
                         " already received: two machines may share this agent's identity",
                     std::nullopt, std::nullopt});
  }
}

bool recentlyRecorded(Connection& db, const std::string& device_id, const std::string& kind,
                      const std::string& since) {
  Statement query = db.prepare(
      "SELECT 1 FROM identity_conflicts WHERE device_id = ? AND kind = ? AND at > ? LIMIT 1",
      "find recent identity conflict");
  query.bind(1, device_id).bind(2, kind).bind(3, since);
  return query.step();
}

void record(Connection& db, const IngestingAgent& agent, const Sign& sign, const std::string& at) {
  db.prepare("INSERT INTO identity_conflicts (device_id, agent_id, kind, detail, at) VALUES (?, ?, ?, ?, ?)",
             "insert identity conflict")
      .bind(1, agent.device_id)
      .bind(2, agent.agent_id)
      .bind(3, sign.kind)
      .bind(4, sign.detail)
      .bind(5, at)
      .run();
  db.prepare("INSERT INTO component_changes (device_id, component, change, \"key\", \"before\", "
             "\"after\", at) VALUES (?, 'identity', 'conflict', ?, ?, ?, ?)",
             "insert identity conflict change")
      .bind(1, agent.device_id)
      .bind(2, sign.kind)
      .bind(3, sign.before)
      .bind(4, sign.after)
      .bind(5, at)
      .run();
}

}  // namespace

std::optional<StoredReport> readStoredReport(Connection& db, const IngestingAgent& agent, std::int64_t seq) {
  Statement stored = db.prepare(
      "SELECT collected_at, kind, ack_send_full FROM reports WHERE agent_id = ? AND enrollment = ? AND seq = ?",
      "read stored report");
  stored.bind(1, agent.agent_id).bind(2, agent.enrollment).bind(3, seq);
  if (!stored.step()) return std::nullopt;
  return StoredReport{stored.text(0), stored.text(1), stored.integer(2) != 0};
}

std::vector<std::string> recordIdentityConflicts(Connection& db, const IngestingAgent& agent,
                                                 const Report& report, const std::optional<StoredReport>& stored,
                                                 TimePoint received_at) {
  std::vector<Sign> signs;
  compareSequence(db, agent, report, stored, signs);
  if (signs.empty()) return {};  // the usual case
  const std::string at = formatRfc3339(received_at);
  const std::string since = formatRfc3339(received_at - kRecordOncePer);
  std::vector<std::string> recorded;
  for (const Sign& sign : signs) {
    if (recentlyRecorded(db, agent.device_id, sign.kind, since)) continue;
    record(db, agent, sign, at);
    recorded.push_back(sign.kind + ": " + sign.detail);
  }
  return recorded;
}

}  // namespace sqlite

std::vector<IdentityConflict> SqliteStore::identityConflicts(const Scope& scope,
                                                             const std::string& device_id) {
  std::lock_guard lock(mutex_);
  return sqlite::guardValue([&] {
    std::vector<IdentityConflict> out;
    sqlite::Conditions conditions;
    conditions.add("d.id = ?", {device_id});
    sqlite::addScope(scope, "s", conditions);
    sqlite::Statement query = connection_->prepare(
        "SELECT c.agent_id, c.kind, c.detail, c.at FROM identity_conflicts c "
        "JOIN devices d ON d.id = c.device_id JOIN sites s ON s.id = d.site_id" +
            conditions.where() + " ORDER BY c.at DESC, c.id DESC",
        "read identity conflicts");
    query.bindAll(conditions.values());
    while (query.step()) out.push_back({query.text(0), query.text(1), query.text(2), query.text(3)});
    return out;
  });
}

}  // namespace parc::server
