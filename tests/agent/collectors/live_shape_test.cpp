// Runs every collector on the machine running the tests and checks the shape of
// whatever it finds: the values are unknown, their form is not.

#include <gtest/gtest.h>

#include <set>

#include "agent/collectors/registry.h"
#include "agent/collectors/runner.h"
#include "shared/report_json.h"
#include "tests/agent/collectors/shape_check.h"
#include "tests/agent/collectors/shape_check_devices.h"
#include "tests/agent/collectors/test_support.h"

namespace parc::agent {
namespace {

TEST(CollectorLiveShape, EveryCollectorOnThisMachine) {
  const FsRoot root("/");
  const auto collectors = makeCollectors();
  const auto result = runCollectors(collectors, root);
  ASSERT_EQ(result.runs.size(), collectors.size());
  std::set<std::string> names;
  for (const auto& run : result.runs) {
    SCOPED_TRACE(run.name);
    EXPECT_TRUE(names.insert(run.name).second) << "duplicate collector name";
    EXPECT_TRUE(run.status == "ok" || run.status == "no_data" || run.status == "error");
    ASSERT_TRUE(run.ms);
    EXPECT_GE(*run.ms, 0);
    EXPECT_EQ(run.detail.has_value(), run.status != "ok");
  }
  testing::expectSnapshotWellFormed(result.snapshot);
  testing::expectDeviceInventoryWellFormed(result.snapshot.inventory);
  testing::expectDeviceStateWellFormed(result.snapshot);
  const auto decoded = decodeInventory(encodeInventory(result.snapshot.inventory));
  EXPECT_TRUE(decoded.ok()) << decoded.error();
}

// What every Linux machine has, so a collector that finds nothing here is broken.
TEST(CollectorLiveShape, LinuxBasicsArePresent) {
  const auto result = runCollectors(makeCollectors(), FsRoot("/"));
  for (const auto& run : result.runs) {
    if (run.name == "cpu" || run.name == "memory" || run.name == "os" || run.name == "uptime") {
      EXPECT_EQ(run.status, "ok") << run.name << ": " << run.detail.value_or("");
    }
  }
  const Inventory& inv = result.snapshot.inventory;
  EXPECT_FALSE(inv.cpus.empty());
  EXPECT_TRUE(inv.memory.total_bytes);
  EXPECT_TRUE(inv.os.arch);    // from uname() on a live root
  EXPECT_TRUE(inv.os.kernel);
  EXPECT_TRUE(result.snapshot.state.uptime_s);
  for (const auto& fs : inv.filesystems) {
    if (fs.mount == "/") {
      EXPECT_TRUE(fs.size_bytes) << "statvfs(\"/\") on a live root";
    }
  }
}

// The same checks hold on every captured machine, where the device collectors find more.
TEST(CollectorLiveShape, EveryCapturedRootIsWellFormed) {
  for (const char* machine : {"laptop", "desktop", "server", "vm"}) {
    SCOPED_TRACE(machine);
    const auto result = runCollectors(makeCollectors(), FsRoot(testing::rootDir(machine)));
    testing::expectSnapshotWellFormed(result.snapshot);
    testing::expectDeviceInventoryWellFormed(result.snapshot.inventory);
    testing::expectDeviceStateWellFormed(result.snapshot);
  }
}

}  // namespace
}  // namespace parc::agent
