#include "tests/server/store/store_test_support.h"

#include <gtest/gtest.h>

#include "server/store/sqlite/sqlite_store.h"

namespace parc::server::testing {

std::unique_ptr<Store> openSqliteStore(const std::filesystem::path& dir) {
  auto store = SqliteStore::open(dir / "parc.db");
  EXPECT_TRUE(store.ok()) << (store.ok() ? "" : store.error());
  return store.ok() ? std::move(store).value() : nullptr;
}

namespace {

State sdaState(bool passed, std::int64_t reallocated) {
  State state;
  SmartHealth smart;
  smart.passed = passed;
  smart.reallocated = reallocated;
  state.disks.push_back({"sda", smart, {}});
  return state;
}

}  // namespace

State failingSdaState(std::int64_t reallocated) { return sdaState(false, reallocated); }

State healthySdaState() { return sdaState(true, 0); }

}  // namespace parc::server::testing
