// The alert rules' history per agent in SQLite (rule_history, migration 11): kept
// in the ingest transaction, dropped when a report it stands for is deleted,
// rebuilt from the reports table, and the rules see the same earlier reports.
#include <sqlite3.h>

#include "server/alerts/rule_history.h"
#include "server/store/sqlite/sqlite_store.h"
#include "tests/server/store/store_conformance.h"
#include "tests/server/store/store_test_support.h"

namespace parc::server::testing {
namespace {

// One text value (or "<none>") of `sql` run on its own connection.
std::string rawText(const std::filesystem::path& file, const std::string& sql) {
  sqlite3* db = nullptr;
  EXPECT_EQ(sqlite3_open(file.c_str(), &db), SQLITE_OK);
  sqlite3_stmt* stmt = nullptr;
  EXPECT_EQ(sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr), SQLITE_OK) << sqlite3_errmsg(db);
  std::string out = "<none>";
  if (sqlite3_step(stmt) == SQLITE_ROW && sqlite3_column_type(stmt, 0) != SQLITE_NULL) {
    out = reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));
  }
  sqlite3_finalize(stmt);
  sqlite3_close(db);
  return out;
}

State temperature(double celsius) {
  State state;
  state.temperatures.push_back({.label = "Package id 0", .celsius = celsius, .critical_celsius = 100.0});
  return state;
}

bool opened(const IngestResult& result, const std::string& rule) {
  for (const AlertEvent& e : result.alert_events) {
    if (e.type == "opened" && e.rule_id == rule) return true;
  }
  return false;
}

class SqliteRuleHistoryTest : public OneDeviceStore {
 protected:
  std::filesystem::path file() const { return dir_ / "parc.db"; }
  IngestResult send(const State& state) { return OneDeviceStore::send(state, "2026-11-23T09:00:05Z"); }
  std::string row() {
    return rawText(file(), "SELECT entries FROM rule_history WHERE agent_id = '" + device_.agent_id + "'");
  }
  std::vector<std::int64_t> seqsInRow() {
    std::vector<std::int64_t> out;
    auto history = alerts::decodeRuleHistory(row());
    EXPECT_TRUE(history) << history.error();
    if (history) {
      for (const auto& entry : *history) out.push_back(entry.seq);
    }
    return out;
  }
  void deleteReport(std::uint64_t seq) {
    rawText(file(), "DELETE FROM reports WHERE agent_id = '" + device_.agent_id +
                        "' AND seq = " + std::to_string(seq) + " RETURNING seq");
  }
};

INSTANTIATE_TEST_SUITE_P(Sqlite, SqliteRuleHistoryTest,
                         ::testing::Values(StoreImplementation{"sqlite", openSqliteStore}),
                         implementationName);

TEST_P(SqliteRuleHistoryTest, EveryReportJoinsTheRowNewestFirst) {
  EXPECT_EQ(seqsInRow(), (std::vector<std::int64_t>{1}));
  send(temperature(50));
  send(temperature(51));
  EXPECT_EQ(seqsInRow(), (std::vector<std::int64_t>{3, 2, 1}));
  for (int i = 0; i < 30; ++i) send(temperature(52));
  const auto seqs = seqsInRow();
  ASSERT_EQ(seqs.size(), alerts::kMaxRuleHistory);
  EXPECT_EQ(seqs.front(), static_cast<std::int64_t>(seq_));
}

TEST_P(SqliteRuleHistoryTest, DeletingAReportItStandsForDropsTheRowAndItIsRebuilt) {
  EXPECT_FALSE(opened(send(temperature(90)), "temperature_high"));
  EXPECT_FALSE(opened(send(temperature(91)), "temperature_high"));
  deleteReport(1);  // the full inventory: the oldest report the row stands for
  EXPECT_EQ(row(), "<none>");
  EXPECT_TRUE(opened(send(temperature(92)), "temperature_high")) << "three hot reports in a row";
  EXPECT_EQ(seqsInRow(), (std::vector<std::int64_t>{4, 3, 2}));
}

TEST_P(SqliteRuleHistoryTest, DeletingAnOlderReportKeepsTheRow) {
  for (int i = 0; i < 25; ++i) send(temperature(40));
  const std::string before = row();
  deleteReport(2);  // older than the 19 the row stands for
  EXPECT_EQ(row(), before);
}

TEST_P(SqliteRuleHistoryTest, AnUnreadableRowIsRebuiltFromTheReports) {
  send(temperature(90));
  send(temperature(90));
  rawText(file(), "UPDATE rule_history SET entries = 'garbage' RETURNING 1");
  EXPECT_TRUE(opened(send(temperature(90)), "temperature_high"));
  EXPECT_EQ(seqsInRow(), (std::vector<std::int64_t>{4, 3, 2, 1}));
}

TEST_P(SqliteRuleHistoryTest, AColdReportBreaksTheRunAsBefore) {
  send(temperature(90));
  send(temperature(20));
  send(temperature(90));
  EXPECT_FALSE(opened(send(temperature(90)), "temperature_high"));
  EXPECT_TRUE(opened(send(temperature(90)), "temperature_high"));
}

}  // namespace
}  // namespace parc::server::testing
