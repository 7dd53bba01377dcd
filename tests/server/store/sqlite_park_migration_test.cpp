// Migrations on databases written by earlier versions. 10 on schema 9: sites gain
// kind and address, devices built_year (from the stored inventory's BIOS date) and
// source (agent, or import for rows the CSV import made), kinds take the API's
// spelling; 12 moves inventories to their own table; 13 turns reports into a log.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <filesystem>
#include <map>

#include "server/store/sqlite/migrations.h"
#include "server/store/sqlite/sqlite_store.h"
#include "shared/crypto.h"

namespace parc::server {
namespace {

void exec(sqlite3* db, const std::string& sql) {
  char* message = nullptr;
  const int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &message);
  ASSERT_EQ(rc, SQLITE_OK) << (message ? message : "") << "\n" << sql.substr(0, 200);
}

class ParkMigration : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("parc-park-migration-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  // A database at schema `version`, as an earlier parc-server left it, plus `rows`.
  void writeSchema(std::int64_t version, const std::string& rows) {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open((dir_ / "parc.db").c_str(), &db), SQLITE_OK);
    for (const auto& migration : sqlite::migrations()) {
      if (migration.version > version) break;
      exec(db, std::string(migration.sql));
    }
    exec(db, "PRAGMA user_version = " + std::to_string(version));
    exec(db, rows);
    sqlite3_close(db);
  }

  void writeSchema9() {
    writeSchema(9, R"sql(
INSERT INTO collectivities (id, name, created_at) VALUES ('c1', 'Commune', '2026-01-01T00:00:00Z');
INSERT INTO sites (id, collectivity_id, name, zone, created_at) VALUES ('s1', 'c1', 'École', 'B', '2026-01-01T00:00:00Z');
INSERT INTO devices (id, site_id, kind, hostname, inventory_json, enrolled_at)
  VALUES ('d-agent', 's1', 'all-in-one', 'pc1', '{"system":{"bios":{"date":"2018-05-01"}}}', '2026-01-02T00:00:00Z');
INSERT INTO agents (id, device_id, secret_hash, created_at) VALUES ('a1', 'd-agent', 'h', '2026-01-02T00:00:00Z');
INSERT INTO devices (id, site_id, kind, hostname, inventory_json, enrolled_at)
  VALUES ('d-nobios', 's1', 'desktop', 'pc2', '{"system":{"bios":{"date":"garbage"}}}', '2026-01-02T00:00:00Z');
INSERT INTO agents (id, device_id, secret_hash, created_at) VALUES ('a2', 'd-nobios', 'h2', '2026-01-02T00:00:00Z');
INSERT INTO devices (id, site_id, kind, hostname) VALUES ('d-import', 's1', 'document-camera', 'visu');
)sql");
  }

  std::filesystem::path dir_;
};

TEST_F(ParkMigration, FillsTheNewColumnsFromWhatIsThere) {
  writeSchema9();
  auto store = SqliteStore::open(dir_ / "parc.db");
  ASSERT_TRUE(store.ok()) << store.error();
  auto page = (*store)->listDevices(Scope::everything(), DeviceFilter{});
  ASSERT_TRUE(page.ok()) << page.error();
  ASSERT_EQ(page->total, 3);
  std::map<std::string, DeviceSummary> by_id;
  for (const auto& d : page->devices) by_id[d.id] = d;
  EXPECT_EQ(by_id["d-agent"].built_year, OptInt(2018));
  EXPECT_EQ(by_id["d-agent"].source, "agent");
  EXPECT_EQ(by_id["d-agent"].kind, OptString("all_in_one"));
  EXPECT_FALSE(by_id["d-nobios"].built_year);
  EXPECT_EQ(by_id["d-nobios"].source, "agent");
  EXPECT_EQ(by_id["d-import"].source, "import");
  EXPECT_EQ(by_id["d-import"].kind, OptString("document_camera"));
  // Migration 12 moved the inventories to their own table: still on the device's page.
  const auto agent_device = (*store)->getDevice(Scope::everything(), "d-agent");
  ASSERT_TRUE(agent_device.has_value());
  EXPECT_EQ(agent_device->inventory_json, OptString(R"({"system":{"bios":{"date":"2018-05-01"}}})"));
  const auto imported = (*store)->getDevice(Scope::everything(), "d-import");
  ASSERT_TRUE(imported.has_value());
  EXPECT_FALSE(imported->inventory_json);
  const auto sites = (*store)->siteOverviews(Scope::everything(), std::nullopt, systemNow());
  ASSERT_TRUE(sites.ok());
  ASSERT_EQ(sites->size(), 1u);
  EXPECT_FALSE((*sites)[0].site.kind);
  EXPECT_EQ((*sites)[0].site.zone, OptString("B"));
  EXPECT_EQ(sqlite::latestSchemaVersion() >= 10, true);
}

// Reports stored before migration 13 are still the agent's log: listed on its
// device, a report sent again is recognised (same acknowledgement, not stored
// twice), and the next one is taken.
TEST_F(ParkMigration, ReportsStoredBeforeTheLogMigrationKeepTheirAcknowledgements) {
  const std::string secret = "agent-secret-of-pc1";
  writeSchema(12, R"sql(
INSERT INTO collectivities (id, name, created_at) VALUES ('c1', 'Commune', '2026-01-01T00:00:00Z');
INSERT INTO sites (id, collectivity_id, name, zone, created_at) VALUES ('s1', 'c1', 'École', 'B', '2026-01-01T00:00:00Z');
INSERT INTO devices (id, site_id, kind, hostname, enrolled_at, inventory_hash)
  VALUES ('d1', 's1', 'desktop', 'pc1', '2026-01-02T00:00:00Z', 'sha256:x');
INSERT INTO agents (id, device_id, secret_hash, created_at) VALUES ('a1', 'd1', ')sql" + sha256Hex(secret) + R"sql(', '2026-01-02T00:00:00Z');
INSERT INTO reports (agent_id, enrollment, seq, kind, collected_at, received_at, state_json, ack_send_full) VALUES
  ('a1', 1, 1, 'full', '2026-11-20T08:00:00Z', '2026-11-20T08:00:01Z', '{}', 0),
  ('a1', 1, 2, 'state', '2026-11-20T08:15:00Z', '2026-11-20T08:15:01Z', '{}', 1);
)sql");
  auto store = SqliteStore::open(dir_ / "parc.db");
  ASSERT_TRUE(store.ok()) << store.error();
  const auto log = (*store)->reportLog(Scope::everything(), "d1");
  ASSERT_EQ(log.size(), 2u);
  EXPECT_EQ(log[0].first, 1u);
  EXPECT_EQ(log[1].first, 2u);

  const auto agent = (*store)->authenticateAgent(secret);
  ASSERT_TRUE(agent.has_value());
  Report report;
  report.kind = ReportKind::kState;
  report.agent.id = "a1";
  report.collected_at = "2026-11-20T08:15:00Z";
  report.seq = 2;
  const auto replayed = (*store)->ingest(*agent, report, systemNow());
  ASSERT_TRUE(replayed.ok()) << replayed.error();
  EXPECT_TRUE(replayed->replayed);
  EXPECT_TRUE(replayed->send_full) << "the acknowledgement stored before the migration";
  report.seq = 3;
  report.collected_at = "2026-11-20T08:30:00Z";
  const auto next = (*store)->ingest(*agent, report, systemNow());
  ASSERT_TRUE(next.ok()) << next.error();
  EXPECT_FALSE(next->replayed);
  EXPECT_EQ((*store)->reportLog(Scope::everything(), "d1").size(), 3u);
}

TEST_F(ParkMigration, AFreshDatabaseRefusesAnUnknownSiteKind) {
  auto store = SqliteStore::open(dir_ / "parc.db");
  ASSERT_TRUE(store.ok()) << store.error();
  const auto collectivity = (*store)->createCollectivity("C").value();
  const auto site = (*store)->createSite(collectivity.id, "S", std::nullopt).value();
  EXPECT_FALSE((*store)->setSiteProfile(site.id, "castle", std::nullopt).ok());
  EXPECT_TRUE((*store)->setSiteProfile(site.id, "lycee", "2 avenue").ok());
}

}  // namespace
}  // namespace parc::server
