// Enrollment's identity lookups (server/store/sqlite/sqlite_device_lookup.h) must be
// index searches on the current schema: a plan that walks devices makes every
// enrollment slower than the last (at 50,000 devices, 70 enrollments a second
// instead of several hundred). Checked with EXPLAIN QUERY PLAN on a database the
// store created and migrated.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <filesystem>
#include <string>
#include <vector>

#include "server/store/sqlite/sqlite_device_lookup.h"
#include "server/store/sqlite/sqlite_store.h"

namespace parc::server {
namespace {

class DeviceLookupPlan : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("parc-device-lookup-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    ASSERT_TRUE(SqliteStore::open(dir_ / "parc.db").ok());  // creates and migrates, then closes
    ASSERT_EQ(sqlite3_open((dir_ / "parc.db").c_str(), &db_), SQLITE_OK);
  }
  void TearDown() override {
    sqlite3_close(db_);
    std::filesystem::remove_all(dir_);
  }

  // The plan's steps, outermost first.
  std::vector<std::string> plan(const std::string& sql) {
    sqlite3_stmt* stmt = nullptr;
    EXPECT_EQ(sqlite3_prepare_v2(db_, ("EXPLAIN QUERY PLAN " + sql).c_str(), -1, &stmt, nullptr), SQLITE_OK)
        << sqlite3_errmsg(db_);
    std::vector<std::string> steps;
    while (stmt != nullptr && sqlite3_step(stmt) == SQLITE_ROW) {
      steps.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(stmt, 3)));
    }
    sqlite3_finalize(stmt);
    return steps;
  }

  void expectIndexSearch(const char* sql, const std::string& first_step) {
    const auto steps = plan(sql);
    ASSERT_FALSE(steps.empty());
    EXPECT_EQ(steps[0], first_step) << sql;
    for (const std::string& step : steps) EXPECT_EQ(step.find("SCAN"), std::string::npos) << step;
  }

  std::filesystem::path dir_;
  sqlite3* db_ = nullptr;
};

TEST_F(DeviceLookupPlan, ByUuidSearchesTheUuidIndex) {
  expectIndexSearch(sqlite::kDeviceByUuid, "SEARCH d USING INDEX devices_uuid (<expr>=?)");
}

TEST_F(DeviceLookupPlan, BySerialSearchesTheSerialIndex) {
  expectIndexSearch(sqlite::kDeviceBySerial, "SEARCH d USING INDEX devices_serial (serial=?)");
}

TEST_F(DeviceLookupPlan, ByMacStartsFromTheMacIndex) {
  expectIndexSearch(sqlite::kDeviceByMac, "SEARCH m USING COVERING INDEX device_macs_mac (mac=?)");
}

}  // namespace
}  // namespace parc::server
