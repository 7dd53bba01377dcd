#include "server/maintenance/periodic_task.h"

#include <gtest/gtest.h>

#include <atomic>

namespace parc::server {
namespace {

using namespace std::chrono_literals;

TEST(PeriodicTask, RunsAfterTheFirstDelayThenEveryPeriod) {
  std::atomic<int> runs{0};
  {
    const PeriodicTask task(0ms, 20ms, [&] { ++runs; });
    for (int i = 0; i < 200 && runs < 3; ++i) std::this_thread::sleep_for(10ms);
  }
  EXPECT_GE(runs.load(), 3);
}

TEST(PeriodicTask, StoppingWakesItAtOnceAndRunsNothingMore) {
  std::atomic<int> runs{0};
  const auto start = std::chrono::steady_clock::now();
  {
    const PeriodicTask task(std::chrono::hours(1), std::chrono::hours(1), [&] { ++runs; });
  }
  EXPECT_EQ(runs.load(), 0);
  EXPECT_LT(std::chrono::steady_clock::now() - start, 5s) << "the destructor does not wait an hour";
}

}  // namespace
}  // namespace parc::server
