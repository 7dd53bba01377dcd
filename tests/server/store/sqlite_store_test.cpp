// SqliteStore: joins the conformance suite, plus what only SQLite has (file,
// migrations, WAL, a full disk).
#include <sqlite3.h>

#include <thread>

#include "server/store/sqlite/migrations.h"
#include "server/store/sqlite/sqlite_store.h"
#include "server/store/store_error.h"
#include "shared/crypto.h"
#include "shared/report_json.h"
#include "tests/server/store/store_conformance.h"
#include "tests/server/store/store_test_support.h"

namespace parc::server::testing {
namespace {

INSTANTIATE_TEST_SUITE_P(Sqlite, StoreConformance,
                         ::testing::Values(StoreImplementation{"sqlite", openSqliteStore}),
                         implementationName);

// Runs one statement on the file through a separate connection; returns the first
// column of the first row.
std::string rawQuery(const std::filesystem::path& file, const std::string& sql) {
  sqlite3* db = nullptr;
  EXPECT_EQ(sqlite3_open(file.c_str(), &db), SQLITE_OK);
  sqlite3_stmt* stmt = nullptr;
  EXPECT_EQ(sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr), SQLITE_OK) << sqlite3_errmsg(db);
  std::string out;
  if (sqlite3_step(stmt) == SQLITE_ROW && sqlite3_column_text(stmt, 0) != nullptr) {
    out = reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));
  }
  sqlite3_finalize(stmt);
  sqlite3_close(db);
  return out;
}

class SqliteStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("parc-sqlite-test-" + randomHex(8));
    std::filesystem::create_directories(dir_);
    file_ = dir_ / "parc.db";
  }
  void TearDown() override {
    std::error_code ignored;
    std::filesystem::remove_all(dir_, ignored);
  }

  std::unique_ptr<SqliteStore> open(const SqliteOptions& options = {}) {
    auto store = SqliteStore::open(file_, options);
    EXPECT_TRUE(store.ok()) << (store.ok() ? "" : store.error());
    return store.ok() ? std::move(store).value() : nullptr;
  }

  // A collectivity, a site and one enrolled agent.
  EnrollResult enrollOne(Store& store) {
    const auto collectivity = store.createCollectivity("Commune").value();
    const auto site = store.createSite(collectivity.id, "École", std::nullopt).value();
    NewEnrollmentToken request;
    request.site_id = site.id;
    request.expires_at = at("2030-01-01T00:00:00Z");
    EnrollRequest enroll;
    enroll.token = store.createEnrollmentToken(request)->secret;
    enroll.machine.serial = "SERIAL-1";
    return store.enroll(enroll, at("2026-11-23T08:00:00Z")).value();
  }

  std::filesystem::path dir_, file_;
};

TEST_F(SqliteStoreTest, OpensInWalModeAtTheLatestSchema) {
  auto store = open();
  ASSERT_NE(store, nullptr);
  EXPECT_EQ(rawQuery(file_, "PRAGMA journal_mode"), "wal");
  EXPECT_EQ(rawQuery(file_, "PRAGMA user_version"), std::to_string(sqlite::latestSchemaVersion()));
}

TEST_F(SqliteStoreTest, ReopeningKeepsDataAndDoesNotMigrateAgain) {
  std::string device_id, secret;
  {
    auto store = open();
    ASSERT_NE(store, nullptr);
    const EnrollResult enrolled = enrollOne(*store);
    device_id = enrolled.device_id;
    secret = enrolled.agent_secret;
    Report report;
    report.seq = 1;
    report.collected_at = "2026-11-23T08:00:03Z";
    ASSERT_TRUE(store->ingest(*store->authenticateAgent(secret), report, at("2026-11-23T08:00:05Z")).ok());
  }
  for (int i = 0; i < 2; ++i) {
    auto store = open();
    ASSERT_NE(store, nullptr);
    EXPECT_EQ(rawQuery(file_, "PRAGMA user_version"), std::to_string(sqlite::latestSchemaVersion()));
    EXPECT_TRUE(store->authenticateAgent(secret).has_value());
    ASSERT_TRUE(store->getDevice(Scope::everything(), device_id).has_value());
    EXPECT_EQ(store->reportLog(Scope::everything(), device_id).size(), 1u);
  }
}

TEST_F(SqliteStoreTest, ADatabaseFromANewerServerIsRefused) {
  { ASSERT_NE(open(), nullptr); }
  const auto newer = std::to_string(sqlite::latestSchemaVersion() + 1);
  rawQuery(file_, "PRAGMA user_version = " + newer);
  auto refused = SqliteStore::open(file_);
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.error().find("newer"), std::string::npos) << refused.error();
  EXPECT_EQ(rawQuery(file_, "PRAGMA user_version"), newer);
}

TEST_F(SqliteStoreTest, MigrationsAreNumberedInOrder) {
  std::int64_t expected = 1;
  for (const auto& migration : sqlite::migrations()) EXPECT_EQ(migration.version, expected++);
}

TEST_F(SqliteStoreTest, ARevokedTokenIsAnInvalidToken) {
  auto store = open();
  ASSERT_NE(store, nullptr);
  const auto collectivity = store->createCollectivity("Commune").value();
  const auto site = store->createSite(collectivity.id, "École", std::nullopt).value();
  NewEnrollmentToken request;
  request.site_id = site.id;
  request.max_uses = 5;
  request.expires_at = at("2030-01-01T00:00:00Z");
  EnrollRequest enroll;
  enroll.token = store->createEnrollmentToken(request)->secret;
  rawQuery(file_, "UPDATE enrollment_tokens SET revoked_at = '2026-11-01T00:00:00Z'");
  const auto result = store->enroll(enroll, at("2026-11-23T08:00:00Z"));
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error(), kInvalidToken);
  EXPECT_EQ(rawQuery(file_, "SELECT count(*) FROM devices"), "0");
  EXPECT_EQ(rawQuery(file_, "SELECT uses FROM enrollment_tokens"), "0");
}

TEST_F(SqliteStoreTest, SecretsAreStoredHashed) {
  auto store = open();
  ASSERT_NE(store, nullptr);
  const EnrollResult enrolled = enrollOne(*store);
  EXPECT_EQ(rawQuery(file_, "SELECT secret_hash FROM agents"), sha256Hex(enrolled.agent_secret));
  EXPECT_EQ(rawQuery(file_, "SELECT count(*) FROM agents WHERE secret_hash = '" +
                                enrolled.agent_secret + "'"),
            "0");
}

TEST_F(SqliteStoreTest, AnUnchangedInventoryIsNotWrittenAgain) {
  auto store = open();
  ASSERT_NE(store, nullptr);
  const EnrollResult enrolled = enrollOne(*store);
  const AgentIdentity agent = *store->authenticateAgent(enrolled.agent_secret);
  // Counts every write of the inventory column, from outside the store.
  rawQuery(file_, "CREATE TABLE inventory_writes (n INTEGER)");
  rawQuery(file_, "CREATE TRIGGER count_inventory_inserts AFTER INSERT ON device_inventories "
                  "BEGIN INSERT INTO inventory_writes VALUES (1); END");
  rawQuery(file_, "CREATE TRIGGER count_inventory_writes AFTER UPDATE ON device_inventories "
                  "BEGIN INSERT INTO inventory_writes VALUES (1); END");
  Report report;
  report.kind = ReportKind::kFull;
  report.collected_at = "2026-11-23T08:00:03Z";
  report.inventory = sampleInventory();
  for (std::uint64_t seq = 1; seq <= 3; ++seq) {
    report.seq = seq;
    ASSERT_TRUE(store->ingest(agent, report, at("2026-11-23T08:00:05Z")).ok());
  }
  EXPECT_EQ(rawQuery(file_, "SELECT count(*) FROM inventory_writes"), "1");
  report.seq = 4;
  report.inventory->os.hostname = "renamed";
  ASSERT_TRUE(store->ingest(agent, report, at("2026-11-23T08:00:05Z")).ok());
  EXPECT_EQ(rawQuery(file_, "SELECT count(*) FROM inventory_writes"), "2");
}

TEST_F(SqliteStoreTest, AFullDiskIsStorageFullAndLeavesNothingHalfWritten) {
  SqliteOptions options;
  options.max_page_count = 256;  // 1 MiB: the schema (~90 pages) and a few reports
  auto store = open(options);
  ASSERT_NE(store, nullptr);
  const EnrollResult enrolled = enrollOne(*store);
  const AgentIdentity agent = *store->authenticateAgent(enrolled.agent_secret);
  Report report;
  report.collected_at = "2026-11-23T08:00:03Z";
  report.state.extra["padding"] = "\"" + std::string(20000, 'x') + "\"";
  std::string error;
  std::uint64_t failed_seq = 0;
  for (std::uint64_t seq = 1; seq < 100 && error.empty(); ++seq) {
    report.seq = seq;
    auto result = store->ingest(agent, report, at("2026-11-23T08:00:05Z"));
    if (!result.ok()) {
      error = result.error();
      failed_seq = seq;
    }
  }
  ASSERT_FALSE(error.empty()) << "the database never filled up";
  EXPECT_TRUE(isStorageFull(error)) << error;
  EXPECT_TRUE(isStorageUnavailable(error));
  EXPECT_NE(error.find("sqlite: "), std::string::npos) << error;
  const auto log = store->reportLog(Scope::everything(), enrolled.device_id);
  ASSERT_EQ(log.size(), failed_seq - 1);
  EXPECT_EQ(store->getDevice(Scope::everything(), enrolled.device_id)->summary.last_seq, failed_seq - 1);
}

TEST_F(SqliteStoreTest, ConcurrentIngestsFromSeveralThreadsAllCommit) {
  auto store = open();
  ASSERT_NE(store, nullptr);
  const EnrollResult enrolled = enrollOne(*store);
  const AgentIdentity agent = *store->authenticateAgent(enrolled.agent_secret);
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 25; ++i) {
        Report report;
        report.seq = static_cast<std::uint64_t>(t * 25 + i + 1);
        report.collected_at = "2026-11-23T08:00:03Z";
        if (!store->ingest(agent, report, at("2026-11-23T08:00:05Z")).ok()) ++failures;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(store->reportLog(Scope::everything(), enrolled.device_id).size(), 100u);
  EXPECT_EQ(store->getDevice(Scope::everything(), enrolled.device_id)->summary.last_seq, 100u);
}

}  // namespace
}  // namespace parc::server::testing
