// End to end: the real parc-agent binary prints the inventory of each captured machine
// (tests/fixtures/roots/<machine>), which must equal tests/golden/<machine>.json once
// the values that change between runs are normalised (normalise.h).
// Regenerate after a deliberate change: PARC_UPDATE_GOLDEN=1 ctest -R Golden
// (or scripts/update-golden), then review the diff of tests/golden/.

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "tests/golden/normalise.h"
#include "tests/integration/process.h"

namespace parc::testing {
namespace {

using nlohmann::json;

std::filesystem::path agentBinary() { return std::filesystem::path(PARC_BINARY_DIR) / "agent/parc-agent"; }
std::filesystem::path goldenFile(const std::string& machine) {
  return std::filesystem::path(PARC_SOURCE_DIR) / "tests/golden" / (machine + ".json");
}

bool updating() {
  const char* flag = std::getenv("PARC_UPDATE_GOLDEN");
  return flag != nullptr && std::string(flag) == "1";
}

// `parc-agent inventory --root <machine>` with an empty state directory and no configuration.
json inventoryOf(const std::string& machine) {
  const TempDir dir("golden-" + machine);
  const auto root = std::filesystem::path(PARC_FIXTURES_DIR) / "roots" / machine;
  const auto done = run(agentBinary(),
                        {"inventory", "--root", root.string(), "--config", "/dev/null", "--state_dir",
                         (dir.path() / "state").string(), "--log_level", "error"},
                        dir.path() / "agent");
  EXPECT_EQ(done.exit_code, 0) << done.err;
  auto parsed = json::parse(done.out, nullptr, false);
  EXPECT_FALSE(parsed.is_discarded()) << done.out.substr(0, 400);
  return parsed;
}

std::string goldenText(const json& report) { return normaliseReport(report, false).dump(2) + "\n"; }

class GoldenInventory : public ::testing::TestWithParam<std::string> {};

TEST_P(GoldenInventory, MatchesTheCommittedFile) {
  const std::string actual = goldenText(inventoryOf(GetParam()));
  const auto path = goldenFile(GetParam());
  if (updating()) {
    std::ofstream(path, std::ios::binary | std::ios::trunc) << actual;
    GTEST_SKIP() << "rewrote " << path;
  }
  const std::string expected = readFile(path);
  ASSERT_FALSE(expected.empty()) << path << " is missing: PARC_UPDATE_GOLDEN=1 ctest -R Golden";
  EXPECT_EQ(lineDiff(expected, actual), "")
      << "parc-agent inventory differs from " << path
      << "; if the change is meant, PARC_UPDATE_GOLDEN=1 ctest -R Golden and review the diff";
}

TEST_P(GoldenInventory, TwoRunsGiveTheSameReport) {
  EXPECT_EQ(goldenText(inventoryOf(GetParam())), goldenText(inventoryOf(GetParam())));
}

INSTANTIATE_TEST_SUITE_P(Roots, GoldenInventory, ::testing::Values("laptop", "desktop", "server", "vm"),
                         [](const auto& info) { return info.param; });

// What each machine is in the golden set for, checked on the live output so that a
// careless regeneration cannot hide a regression.
const json& collectorRun(const json& report, const std::string& name) {
  for (const auto& run : report.at("collectors")) {
    if (run.at("name") == name) return run;
  }
  static const json kAbsent = json::object();
  ADD_FAILURE() << "no collector " << name;
  return kAbsent;
}

TEST(GoldenMachines, LaptopHasItsBatteryAndWhiteboardController) {
  const json report = inventoryOf("laptop");
  const json& inventory = report.at("inventory");
  ASSERT_EQ(inventory.at("batteries").size(), 1u);
  EXPECT_EQ(inventory.at("batteries")[0].at("name"), "BAT0");
  bool whiteboard = false;
  for (const auto& device : inventory.at("usb")) whiteboard = whiteboard || device.value("class", "") == "whiteboard";
  EXPECT_TRUE(whiteboard) << inventory.at("usb").dump();
  EXPECT_EQ(collectorRun(report, "battery").at("status"), "ok");
}

TEST(GoldenMachines, DesktopHasAFailingDiskFromItsSmartctlCapture) {
  const json report = inventoryOf("desktop");
  EXPECT_EQ(collectorRun(report, "smart").at("status"), "ok");
  const json& disks = report.at("state").at("disks");
  ASSERT_EQ(disks.size(), 1u);
  EXPECT_EQ(disks[0].at("name"), "sda");
  EXPECT_EQ(disks[0].at("smart").at("passed"), false);
  EXPECT_GT(disks[0].at("smart").at("reallocated").get<std::int64_t>(), 0);
}

TEST(GoldenMachines, VmHasAlmostNothing) {
  const json report = inventoryOf("vm");
  const json& inventory = report.at("inventory");
  EXPECT_EQ(inventory.at("system").at("chassis"), "vm");
  for (const char* empty : {"batteries", "usb", "displays", "software", "network"}) {
    EXPECT_TRUE(!inventory.contains(empty) || inventory.at(empty).empty()) << empty;
  }
  for (const char* name : {"battery", "usb", "displays", "smart", "thermal", "software"}) {
    EXPECT_EQ(collectorRun(report, name).at("status"), "no_data") << name;
  }
}

}  // namespace
}  // namespace parc::testing
