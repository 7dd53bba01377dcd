#include "server/store/sqlite/sqlite_store.h"

#include <stdexcept>

#include "server/store/sqlite/migrations.h"
#include "server/store/sqlite/sqlite_db.h"
#include "server/store/sqlite/sqlite_guard.h"
#include "server/store/sqlite/sqlite_rule_settings.h"
#include "server/store/sqlite/sqlite_scope.h"
#include "shared/crypto.h"

namespace parc::server {
namespace {

using sqlite::Connection;
using sqlite::Statement;

constexpr const char* kTokenPrefix = "pe_";
constexpr std::size_t kTokenRandomBytes = 24;

// Page cache per connection. The ingest connection walks the agents, devices and
// reports indexes for every report: with SQLite's default 2 MiB, a park of tens of
// thousands of devices is read back from the OS page cache (pread) again and again.
constexpr std::int64_t kIngestCacheKib = 64 * 1024;
constexpr std::int64_t kReadCacheKib = 16 * 1024;
// The writer checkpoints by itself only past this many WAL pages (40 MiB): the
// WalCheckpointer does it long before, off the writer's thread.
constexpr int kWriterCheckpointPages = 10000;

void configure(Connection& connection, const SqliteOptions& options, std::int64_t cache_kib) {
  const std::string mode = connection.queryText("PRAGMA journal_mode = WAL", "enable WAL");
  if (mode != "wal") throw std::runtime_error("sqlite: WAL mode refused (journal_mode=" + mode + ")");
  // FULL: a commit is on disk before it returns. The ingest connection is then set
  // to NORMAL: its commits are made durable by WalSync before any acknowledgement.
  connection.exec("PRAGMA synchronous = FULL", "set synchronous");
  connection.exec("PRAGMA foreign_keys = ON", "enable foreign keys");
  connection.exec("PRAGMA cache_size = -" + std::to_string(cache_kib), "set cache size");
  if (options.max_page_count) {
    connection.queryText("PRAGMA max_page_count = " + std::to_string(*options.max_page_count),
                         "set max_page_count");
  }
}

bool siteExists(Connection& connection, const std::string& site_id) {
  Statement query = connection.prepare("SELECT 1 FROM sites WHERE id = ?", "find site");
  query.bind(1, site_id);
  return query.step();
}

bool collectivityExists(Connection& connection, const std::string& id) {
  Statement query = connection.prepare("SELECT 1 FROM collectivities WHERE id = ?", "find collectivity");
  query.bind(1, id);
  return query.step();
}

bool validZone(const OptString& zone) {
  return !zone || *zone == "A" || *zone == "B" || *zone == "C";
}

}  // namespace

SqliteStore::SqliteStore(std::unique_ptr<sqlite::Connection> connection,
                         std::unique_ptr<sqlite::Connection> ingest_connection,
                         const std::filesystem::path& db_file, Clock clock)
    : connection_(std::move(connection)),
      ingest_connection_(std::move(ingest_connection)),
      rule_settings_(std::make_unique<sqlite::RuleSettingsCache>()),
      wal_sync_(std::make_unique<sqlite::WalSync>(db_file)),
      clock_(std::move(clock)) {}

SqliteStore::~SqliteStore() = default;

Result<std::unique_ptr<SqliteStore>> SqliteStore::open(const std::filesystem::path& db_file,
                                                       const SqliteOptions& options) {
  try {
    auto connection = Connection::open(db_file);
    configure(*connection, options, kReadCacheKib);
    sqlite::migrate(*connection);
    auto ingest_connection = Connection::open(db_file);
    configure(*ingest_connection, options, kIngestCacheKib);
    ingest_connection->queryText("PRAGMA wal_autocheckpoint = " + std::to_string(kWriterCheckpointPages),
                                 "set writer checkpoint threshold");
    // Commits wait for no disk: SqliteStore::syncCommitted does, off the writer.
    ingest_connection->exec("PRAGMA synchronous = NORMAL", "set ingest synchronous");
    auto checkpoint_connection = Connection::open(db_file);
    configure(*checkpoint_connection, options, kReadCacheKib / 8);
    auto store = std::unique_ptr<SqliteStore>(
        new SqliteStore(std::move(connection), std::move(ingest_connection), db_file, options.clock));
    store->checkpointer_ = std::make_unique<sqlite::WalCheckpointer>(std::move(checkpoint_connection));
    return store;
  } catch (const sqlite::SqliteError& error) {
    return makeError(sqlite::describe(error) + " (" + db_file.string() + ")");
  } catch (const std::runtime_error& error) {
    return makeError(std::string(error.what()) + " (" + db_file.string() + ")");
  }
}

Result<Collectivity> SqliteStore::createCollectivity(const std::string& name) {
  if (name.empty()) return makeError("collectivity name is empty");
  std::lock_guard lock(mutex_);
  return sqlite::guardResult([&]() -> Result<Collectivity> {
    Collectivity collectivity{newId(), name};
    connection_
        ->prepare("INSERT INTO collectivities (id, name, created_at) VALUES (?, ?, ?)",
                  "insert collectivity")
        .bind(1, collectivity.id)
        .bind(2, name)
        .bind(3, formatRfc3339(clock_()))
        .run();
    return collectivity;
  });
}

Result<Site> SqliteStore::createSite(const std::string& collectivity_id, const std::string& name,
                                     const OptString& zone) {
  if (name.empty()) return makeError("site name is empty");
  if (!validZone(zone)) return makeError("site zone must be A, B or C");
  std::lock_guard lock(mutex_);
  return sqlite::guardResult([&]() -> Result<Site> {
    if (!collectivityExists(*connection_, collectivity_id)) {
      return makeError("unknown collectivity " + collectivity_id);
    }
    Site site{newId(), collectivity_id, name, zone};
    connection_
        ->prepare("INSERT INTO sites (id, collectivity_id, name, zone, created_at) VALUES (?, ?, ?, ?, ?)",
                  "insert site")
        .bind(1, site.id)
        .bind(2, collectivity_id)
        .bind(3, name)
        .bind(4, zone)
        .bind(5, formatRfc3339(clock_()))
        .run();
    return site;
  });
}

Result<EnrollmentToken> SqliteStore::createEnrollmentToken(const NewEnrollmentToken& token) {
  if (token.max_uses < 1) return makeError("enrollment token max_uses must be at least 1");
  std::lock_guard lock(mutex_);
  return sqlite::guardResult([&]() -> Result<EnrollmentToken> {
    if (!siteExists(*connection_, token.site_id)) return makeError("unknown site " + token.site_id);
    EnrollmentToken created{newId(), kTokenPrefix + randomHex(kTokenRandomBytes)};
    connection_
        ->prepare("INSERT INTO enrollment_tokens (id, site_id, room, token_hash, max_uses, "
                  "expires_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                  "insert enrollment token")
        .bind(1, created.id)
        .bind(2, token.site_id)
        .bind(3, token.room)
        .bind(4, sha256Hex(created.secret))
        .bind(5, token.max_uses)
        .bind(6, formatRfc3339(token.expires_at))
        .bind(7, formatRfc3339(clock_()))
        .run();
    return created;
  });
}

std::vector<Collectivity> SqliteStore::listCollectivities(const Scope& scope) {
  std::lock_guard lock(mutex_);
  return sqlite::guardValue([&] {
    sqlite::Conditions conditions;
    if (!scope.all) conditions.add("c.id = ?", {scope.collectivity_id.value_or("")});
    Statement query = connection_->prepare(
        "SELECT c.id, c.name FROM collectivities c" + conditions.where() + " ORDER BY c.name, c.id",
        "list collectivities");
    query.bindAll(conditions.values());
    std::vector<Collectivity> out;
    while (query.step()) out.push_back({query.text(0), query.text(1)});
    return out;
  });
}

std::vector<Site> SqliteStore::listSites(const Scope& scope) {
  std::lock_guard lock(mutex_);
  return sqlite::guardValue([&] {
    sqlite::Conditions conditions;
    sqlite::addScope(scope, "s", conditions);
    Statement query = connection_->prepare("SELECT s.id, s.collectivity_id, s.name, s.zone FROM sites s" +
                                               conditions.where() + " ORDER BY s.name, s.id",
                                           "list sites");
    query.bindAll(conditions.values());
    std::vector<Site> out;
    while (query.step()) out.push_back({query.text(0), query.text(1), query.text(2), query.optText(3)});
    return out;
  });
}

std::optional<AgentIdentity> SqliteStore::authenticateAgent(const std::string& agent_secret) {
  if (agent_secret.empty()) return std::nullopt;
  const std::string hash = sha256Hex(agent_secret);
  std::lock_guard lock(mutex_);
  return sqlite::guardValue([&]() -> std::optional<AgentIdentity> {
    Statement query = connection_->prepare(
        "SELECT a.id, a.device_id, d.site_id, s.collectivity_id, a.secret_hash FROM agents a "
        "JOIN devices d ON d.id = a.device_id JOIN sites s ON s.id = d.site_id "
        "WHERE a.secret_hash = ? AND a.revoked_at IS NULL",
        "authenticate agent");
    query.bind(1, hash);
    if (!query.step() || !constantTimeEquals(query.text(4), hash)) return std::nullopt;
    return AgentIdentity{query.text(0), query.text(1), query.text(2), query.text(3)};
  });
}

}  // namespace parc::server
