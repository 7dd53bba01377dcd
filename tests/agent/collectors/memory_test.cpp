#include "agent/collectors/memory.h"

#include <gtest/gtest.h>

#include "tests/agent/collectors/test_support.h"

namespace parc::agent::collectors {
namespace {

struct MeminfoCase {
  const char* file;
  OptInt total_bytes, swap_bytes;
};

const MeminfoCase kCases[] = {
    {"proc/node_exporter-fixture-meminfo.txt", 3742148LL * 1024, 4194300LL * 1024},
    {"proc/procfs-fixture-meminfo.txt", 15666184LL * 1024, 0},
};

TEST(CollectorMemory, ParsesEveryCapture) {
  for (const auto& c : kCases) {
    SCOPED_TRACE(c.file);
    const Memory memory = parseMeminfo(testing::readFixture(c.file));
    EXPECT_EQ(memory.total_bytes, c.total_bytes);
    EXPECT_EQ(memory.swap_bytes, c.swap_bytes);
  }
}

TEST(CollectorMemory, HostileLinesLeaveFieldsEmpty) {
  EXPECT_EQ(parseMeminfo("").total_bytes, std::nullopt);
  EXPECT_EQ(parseMeminfo("MemTotal:").total_bytes, std::nullopt);
  EXPECT_EQ(parseMeminfo("MemTotal: lots kB\n").total_bytes, std::nullopt);
  EXPECT_EQ(parseMeminfo("MemTotal: -5 kB\n").total_bytes, std::nullopt);
  EXPECT_EQ(parseMeminfo("MemTotal: 5 MB\n").total_bytes, std::nullopt);
  EXPECT_EQ(parseMeminfo("MemTotal: 9223372036854775807 kB\n").total_bytes, std::nullopt);  // overflows
  EXPECT_EQ(parseMeminfo("MemTotal: 8 kB\nMemTotal: 9 kB\n").total_bytes, 8 * 1024);  // first wins
  EXPECT_EQ(parseMeminfo("MemTotal:  2048 kB").total_bytes, 2048 * 1024);  // no final newline
}

TEST(CollectorMemory, CollectorStatuses) {
  testing::TempTree tree;
  MemoryCollector collector;
  Snapshot snapshot;
  EXPECT_EQ(collector.collect(FsRoot(tree.path()), snapshot).status, CollectStatus::kNoData);
  tree.write("/proc/meminfo", "\x01\x02garbage\xff\n");
  const auto outcome = collector.collect(FsRoot(tree.path()), snapshot);
  EXPECT_EQ(outcome.status, CollectStatus::kError);
  EXPECT_NE(outcome.detail.find("/proc/meminfo"), std::string::npos);
  tree.write("/proc/meminfo", "MemTotal: 1024 kB\nSwapTotal: 0 kB\n");
  EXPECT_EQ(collector.collect(FsRoot(tree.path()), snapshot).status, CollectStatus::kOk);
  EXPECT_EQ(snapshot.inventory.memory.total_bytes, 1024 * 1024);
  EXPECT_EQ(snapshot.inventory.memory.swap_bytes, 0);
}

}  // namespace
}  // namespace parc::agent::collectors
