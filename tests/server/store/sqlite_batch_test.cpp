// SqliteStore group commit (ingestBatch), and agent authentication beside it.
#include <sqlite3.h>

#include "server/store/sqlite/sqlite_store.h"
#include "server/store/store_error.h"
#include "shared/crypto.h"
#include "shared/report_json.h"
#include "tests/server/store/store_conformance.h"
#include "tests/server/store/store_test_support.h"

namespace parc::server::testing {
namespace {

void rawExec(const std::filesystem::path& file, const std::string& sql) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(file.c_str(), &db), SQLITE_OK);
  char* error = nullptr;
  EXPECT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error), SQLITE_OK) << (error ? error : "");
  sqlite3_free(error);
  sqlite3_close(db);
}

std::int64_t rawCount(const std::filesystem::path& file, const std::string& sql) {
  sqlite3* db = nullptr;
  EXPECT_EQ(sqlite3_open(file.c_str(), &db), SQLITE_OK);
  sqlite3_stmt* stmt = nullptr;
  EXPECT_EQ(sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr), SQLITE_OK) << sqlite3_errmsg(db);
  const std::int64_t out = sqlite3_step(stmt) == SQLITE_ROW ? sqlite3_column_int64(stmt, 0) : -1;
  sqlite3_finalize(stmt);
  sqlite3_close(db);
  return out;
}

class SqliteBatchTest : public StoreConformance {
 protected:
  SqliteStore& sqlite() { return dynamic_cast<SqliteStore&>(*store_); }
  std::filesystem::path file() const { return dir_ / "parc.db"; }
  IngestItem item(const EnrollResult& enrolled, Report report) {
    return IngestItem{agentOf(enrolled), std::move(report), at("2026-11-23T08:00:05Z")};
  }
  std::int64_t storedReports(const std::string& agent_id) {
    return rawCount(file(), "SELECT count(*) FROM reports WHERE agent_id = '" + agent_id + "'");
  }
};

INSTANTIATE_TEST_SUITE_P(Sqlite, SqliteBatchTest,
                         ::testing::Values(StoreImplementation{"sqlite", openSqliteStore}),
                         implementationName);

TEST_P(SqliteBatchTest, ABatchCommitsEveryReportAndAnswersInOrder) {
  const EnrollResult one = enrollNew(a1_.id, "one"), two = enrollNew(a1_.id, "two");
  const Inventory inventory = sampleInventory("one");
  std::vector<IngestItem> items;
  items.push_back(item(one, fullReport(1, inventory)));
  items.push_back(item(two, stateReport(1, std::nullopt)));
  items.push_back(item(one, stateReport(2, inventoryHash(inventory))));
  const auto results = sqlite().ingestBatch(items);
  ASSERT_EQ(results.size(), 3u);
  for (std::size_t i = 0; i < results.size(); ++i) {
    ASSERT_TRUE(results[i].ok()) << i << ": " << results[i].error();
    EXPECT_EQ(results[i]->ack, items[i].report.seq);
  }
  EXPECT_TRUE(results[1]->send_full);   // two has sent no inventory yet
  EXPECT_FALSE(results[2]->send_full);  // one's inventory, stored earlier in the same batch
  EXPECT_EQ(storedReports(one.agent_id), 2);
  EXPECT_EQ(storedReports(two.agent_id), 1);
}

TEST_P(SqliteBatchTest, AFailingReportRollsBackAloneWithItsOwnError) {
  const EnrollResult good = enrollNew(a1_.id, "good"), revoked = enrollNew(a1_.id, "revoked");
  const IngestItem from_revoked = item(revoked, stateReport(1, std::nullopt));  // authenticated before
  ASSERT_TRUE(store_->revokeAgent(revoked.agent_id, now_).ok());
  Report no_inventory = fullReport(2, sampleInventory());
  no_inventory.inventory.reset();
  std::vector<IngestItem> items;
  items.push_back(item(good, stateReport(1, std::nullopt)));
  items.push_back(item(good, no_inventory));
  items.push_back(from_revoked);
  items.push_back(item(good, stateReport(3, std::nullopt)));
  const auto results = sqlite().ingestBatch(items);
  ASSERT_EQ(results.size(), 4u);
  EXPECT_TRUE(results[0].ok());
  ASSERT_FALSE(results[1].ok());
  EXPECT_NE(results[1].error().find("without inventory"), std::string::npos) << results[1].error();
  ASSERT_FALSE(results[2].ok());
  EXPECT_TRUE(isUnknownAgent(results[2].error())) << results[2].error();
  EXPECT_TRUE(results[3].ok());
  EXPECT_EQ(storedReports(good.agent_id), 2);
  EXPECT_EQ(storedReports(revoked.agent_id), 0);
  EXPECT_EQ(store_->reportLog(Scope::everything(), good.device_id),
            (std::vector<std::pair<std::uint64_t, std::string>>{{1, "state"}, {3, "state"}}));
}

TEST_P(SqliteBatchTest, AReplayInTheSameBatchIsStoredOnce) {
  const EnrollResult enrolled = enrollNew(a1_.id);
  std::vector<IngestItem> items;
  items.push_back(item(enrolled, stateReport(7, std::nullopt)));
  items.push_back(item(enrolled, stateReport(7, std::nullopt)));
  const auto results = sqlite().ingestBatch(items);
  ASSERT_TRUE(results[0].ok() && results[1].ok());
  EXPECT_FALSE(results[0]->replayed);
  EXPECT_TRUE(results[1]->replayed);
  EXPECT_EQ(results[1]->ack, 7u);
  EXPECT_EQ(storedReports(enrolled.agent_id), 1);
}

TEST_P(SqliteBatchTest, AnEmptyBatchAnswersNothing) {
  EXPECT_TRUE(sqlite().ingestBatch({}).empty());
}

TEST_P(SqliteBatchTest, AnUnchangedInventoryIsNotRewritten) {
  rawExec(file(), "CREATE TABLE rewrites (device_id TEXT); "
                  "CREATE TRIGGER count_writes AFTER INSERT ON device_inventories "
                  "BEGIN INSERT INTO rewrites VALUES (NEW.device_id); END; "
                  "CREATE TRIGGER count_rewrites AFTER UPDATE ON device_inventories "
                  "BEGIN INSERT INTO rewrites VALUES (NEW.device_id); END;");
  const EnrollResult enrolled = enrollNew(a1_.id);
  const Inventory inventory = sampleInventory("same");
  ingestOk(enrolled, fullReport(1, inventory));
  ASSERT_EQ(rawCount(file(), "SELECT count(*) FROM rewrites"), 1);
  std::vector<IngestItem> items;
  items.push_back(item(enrolled, fullReport(2, inventory)));
  items.push_back(item(enrolled, fullReport(3, inventory)));
  for (const auto& result : sqlite().ingestBatch(items)) ASSERT_TRUE(result.ok());
  EXPECT_EQ(rawCount(file(), "SELECT count(*) FROM rewrites"), 1);
  EXPECT_EQ(rawCount(file(), "SELECT count(*) FROM component_changes"), 0);
  ingestOk(enrolled, fullReport(4, sampleInventory("renamed")));
  EXPECT_EQ(rawCount(file(), "SELECT count(*) FROM rewrites"), 2);
}

TEST_P(SqliteBatchTest, RevokedAndReplacedSecretsStopAuthenticatingAtOnce) {
  const Machine machine{std::string("4c4c4544-0042-4a10-8030-b4c04f4e4d32"), std::string("SN-CACHE-1"),
                        std::string("cache"), {"00:11:22:33:44:55"}};
  const std::string secret_token = token(a1_.id, 3);
  const EnrollResult first = enrollOk(secret_token, machine);
  ASSERT_TRUE(store_->authenticateAgent(first.agent_secret).has_value());
  const EnrollResult again = enrollOk(secret_token, machine);
  ASSERT_EQ(again.agent_id, first.agent_id);
  EXPECT_FALSE(store_->authenticateAgent(first.agent_secret).has_value());
  ASSERT_TRUE(store_->authenticateAgent(again.agent_secret).has_value());
  ASSERT_TRUE(store_->revokeAgent(again.agent_id, now_).ok());
  EXPECT_FALSE(store_->authenticateAgent(again.agent_secret).has_value());
}

TEST_P(SqliteBatchTest, ARevocationByAnotherConnectionIsFoundAtIngest) {
  const EnrollResult enrolled = enrollNew(a1_.id);
  std::vector<IngestItem> items;
  items.push_back(item(enrolled, stateReport(1, std::nullopt)));  // authenticated before
  rawExec(file(), "UPDATE agents SET revoked_at = '2026-11-23T08:00:00Z', secret_hash = 'x' WHERE id = '" +
                      enrolled.agent_id + "'");
  EXPECT_FALSE(store_->authenticateAgent(enrolled.agent_secret).has_value());
  // The report authenticated just before the revocation is refused inside its batch.
  const auto results = sqlite().ingestBatch(items);
  ASSERT_FALSE(results[0].ok());
  EXPECT_TRUE(isUnknownAgent(results[0].error()));
  EXPECT_EQ(storedReports(enrolled.agent_id), 0);
}

// The writer keeps each collectivity's rule settings between batches; a setting
// changed through the API's connection, or by another process, is in force from
// the next batch on.
TEST_P(SqliteBatchTest, ARuleSettingChangedElsewhereIsInForceAtTheNextBatch) {
  const EnrollResult enrolled = enrollNew(a1_.id, "settings");
  std::uint64_t seq = 0;
  const auto send = [&](State state) {
    Report report = stateReport(++seq, std::nullopt);
    report.state = std::move(state);
    std::vector<IngestItem> items;
    items.push_back(item(enrolled, std::move(report)));
    auto results = sqlite().ingestBatch(items);
    EXPECT_TRUE(results.at(0).ok()) << results.at(0).error();
    return results.at(0).ok() ? results.at(0)->alert_events.size() : std::size_t{99};
  };
  EXPECT_EQ(send(State{}), 0u);  // the writer has read the defaults
  ASSERT_TRUE(store_->setRuleSetting({a_.id, "disk_smart_failed", "enabled", "0"}).ok());
  EXPECT_EQ(send(failingSdaState(0)), 0u) << "disabled through the API's connection";
  rawExec(file(), "UPDATE alert_rule_settings SET value = '1' WHERE rule_id = 'disk_smart_failed'");
  EXPECT_EQ(send(failingSdaState(0)), 1u) << "enabled again by another process: the alert opens";
  rawExec(file(), "UPDATE alert_rule_settings SET value = '0' WHERE rule_id = 'disk_smart_failed'");
  const auto before = rawCount(file(), "SELECT count(*) FROM alerts WHERE state = 'open'");
  EXPECT_EQ(before, 1);
  send(State{});  // the rule is off again: its alert is not evaluated, so it stays as it was
  EXPECT_EQ(rawCount(file(), "SELECT count(*) FROM alerts WHERE rule_id = 'disk_smart_failed'"), 1);
}

TEST_P(SqliteBatchTest, AnUnchangedProjectorStateOnlyMovesItsTime) {
  const EnrollResult enrolled = enrollNew(a1_.id, "poller");
  ProjectorState projector;
  projector.address = "10.0.0.40";
  projector.reachable = true;
  projector.power = "on";
  std::uint64_t seq = 0;
  const auto send = [&](const ProjectorState& p, const char* when) {
    Report report = stateReport(++seq, std::nullopt);
    report.state.projectors.push_back(p);
    std::vector<IngestItem> items;
    items.push_back(IngestItem{agentOf(enrolled), report, at(when), prepareReport(report)});
    ASSERT_TRUE(sqlite().ingestBatch(items).at(0).ok());
  };
  const auto state_at = [&] {
    sqlite3* db = nullptr;
    EXPECT_EQ(sqlite3_open(file().c_str(), &db), SQLITE_OK);
    sqlite3_stmt* stmt = nullptr;
    sqlite3_prepare_v2(db, "SELECT state_at || ' ' || state_json FROM projector_links", -1, &stmt, nullptr);
    std::string out;
    if (sqlite3_step(stmt) == SQLITE_ROW) out = reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));
    sqlite3_finalize(stmt);
    sqlite3_close(db);
    return out;
  };
  send(projector, "2026-11-23T08:00:05Z");
  const std::string first = state_at();
  ASSERT_NE(first.find("2026-11-23T08:00:05Z"), std::string::npos) << first;
  send(projector, "2026-11-23T08:15:05Z");
  const std::string same = state_at();
  EXPECT_EQ(same.substr(same.find(' ')), first.substr(first.find(' '))) << "the same state";
  EXPECT_NE(same.find("2026-11-23T08:15:05Z"), std::string::npos) << same;
  projector.power = "standby";
  send(projector, "2026-11-23T08:30:05Z");
  const std::string changed = state_at();
  EXPECT_NE(changed.find("standby"), std::string::npos) << changed;
  EXPECT_NE(changed.find("2026-11-23T08:30:05Z"), std::string::npos) << changed;
  EXPECT_EQ(rawCount(file(), "SELECT count(*) FROM projector_links"), 1);
  EXPECT_EQ(rawCount(file(), "SELECT count(*) FROM devices WHERE kind = 'projector' "
                             "AND last_seen_at = '2026-11-23T08:30:05Z'"), 1);
}

}  // namespace
}  // namespace parc::server::testing
