// Disk rules over real smartctl captures (tests/fixtures/smartctl-json) parsed
// by the agent's own parser, and over tables of crafted figures.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "agent/collectors/smart_json.h"
#include "server/alerts/rule_set.h"

namespace parc::server::alerts {
namespace {

namespace fs = std::filesystem;

SmartHealth parseFixture(const fs::path& file) {
  std::ifstream in(file);
  std::stringstream text;
  text << in.rdbuf();
  auto health = agent::collectors::parseSmartctlJson(text.str());
  EXPECT_TRUE(health.ok()) << file;
  return health.ok() ? *health : SmartHealth{};
}

ComputerFacts withDisk(const SmartHealth& health, const std::string& name = "sda") {
  ComputerFacts facts;
  facts.current.disks.push_back({name, health, {}});
  return facts;
}

std::vector<fs::path> filesIn(const char* folder) {
  std::vector<fs::path> out;
  for (const auto& entry : fs::directory_iterator(fs::path(PARC_FIXTURES_DIR) / "smartctl-json" / folder)) {
    out.push_back(entry.path());
  }
  return out;
}

bool anyDiskRuleFires(const ComputerFacts& facts) {
  for (const Finding& f : evaluateComputer(facts, {})) {
    if (f.rule_id.starts_with("disk_") || f.rule_id.starts_with("nvme_")) return true;
  }
  return false;
}

// The server's disk rules agree with the agent's smartLooksFailing on every capture
// it calls failing (the rules split the same criteria by kind).
TEST(DiskRules, EveryFailingCaptureFiresAtLeastOneRule) {
  for (const auto& file : filesIn("failing")) {
    const SmartHealth health = parseFixture(file);
    ASSERT_TRUE(agent::collectors::smartLooksFailing(health)) << file;
    EXPECT_TRUE(anyDiskRuleFires(withDisk(health))) << file;
  }
}

TEST(DiskRules, HealthyCapturesFireNothing) {
  for (const auto& file : filesIn("healthy")) {
    EXPECT_FALSE(anyDiskRuleFires(withDisk(parseFixture(file)))) << file;
  }
}

TEST(DiskRules, FailedOverallStatusIsCritical) {
  const fs::path file = fs::path(PARC_FIXTURES_DIR) / "smartctl-json/failing" /
                        "scrutiny-ata-hitachi-HDS721050DLE630-FAILED-realloc1975-pending8.json";
  const SmartHealth health = parseFixture(file);
  const auto found = rules::smartFailed(withDisk(health), effectiveSettings(*findRule("disk_smart_failed"), {}));
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].key, "sda");
  EXPECT_EQ(found[0].severity, "critical");
  const auto sectors = rules::ataSectors(withDisk(health), effectiveSettings(*findRule("disk_ata_sectors"), {}));
  ASSERT_EQ(sectors.size(), 1u);
  EXPECT_NE(sectors[0].summary.find(std::to_string(*health.reallocated + *health.pending +
                                                   health.uncorrectable.value_or(0) +
                                                   health.reported_uncorrectable.value_or(0))),
            std::string::npos)
      << sectors[0].summary;
}

TEST(DiskRules, GrowingSectorCountsAreCriticalAndStableOnesAWarning) {
  const auto settings = effectiveSettings(*findRule("disk_ata_sectors"), {});
  SmartHealth now;
  now.reallocated = 8;
  ComputerFacts facts = withDisk(now);
  SmartHealth before;
  before.reallocated = 8;
  facts.previous.push_back(State{});
  facts.previous[0].disks.push_back({"sda", before, {}});
  auto found = rules::ataSectors(facts, settings);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].severity, "warning");
  facts.previous[0].disks[0].smart->reallocated = 3;
  found = rules::ataSectors(facts, settings);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].severity, "critical");
  EXPECT_NE(found[0].level.find("8"), std::string::npos);
}

TEST(DiskRules, MinCountSettingRaisesTheBar) {
  SmartHealth h;
  h.pending = 2;
  EXPECT_EQ(rules::ataSectors(withDisk(h), effectiveSettings(*findRule("disk_ata_sectors"), {})).size(), 1u);
  const Overrides overrides{{"disk_ata_sectors", {{"min_count", "5"}}}};
  EXPECT_TRUE(rules::ataSectors(withDisk(h), effectiveSettings(*findRule("disk_ata_sectors"), overrides)).empty());
}

struct NvmeCase {
  const char* name;
  SmartHealth health;
  const char* rule;  // expected to fire; "" for none
};

SmartHealth nvme(OptInt critical, OptInt spare, OptInt threshold, OptInt used, OptInt media) {
  SmartHealth h;
  h.passed = true;
  h.critical_warning = critical;
  h.available_spare = spare;
  h.available_spare_threshold = threshold;
  h.percentage_used = used;
  h.media_errors = media;
  return h;
}

TEST(DiskRules, NvmeTable) {
  const std::vector<NvmeCase> cases{
      {"healthy", nvme(0, 100, 10, 3, 0), ""},
      {"critical warning", nvme(4, 100, 10, 3, 0), "nvme_critical_warning"},
      {"spare below threshold", nvme(0, 5, 10, 3, 0), "nvme_spare_low"},
      {"spare at threshold", nvme(0, 10, 10, 3, 0), ""},
      {"spare low without threshold", nvme(0, 9, std::nullopt, 3, 0), "nvme_spare_low"},
      {"worn", nvme(0, 100, 10, 91, 0), "nvme_wear"},
      {"wear below setting", nvme(0, 100, 10, 89, 0), ""},
      {"media errors", nvme(0, 100, 10, 3, 7), "nvme_media_errors"},
      {"negative garbage", nvme(-1, -5, -10, -3, -7), ""},
  };
  for (const NvmeCase& c : cases) {
    std::vector<std::string> fired;
    for (const Finding& f : evaluateComputer(withDisk(c.health, "nvme0n1"), {})) fired.push_back(f.rule_id);
    if (std::string(c.rule).empty()) {
      EXPECT_TRUE(fired.empty()) << c.name;
    } else {
      EXPECT_EQ(fired, std::vector<std::string>{c.rule}) << c.name;
    }
  }
}

TEST(DiskRules, DisabledRuleSaysNothing) {
  SmartHealth h;
  h.passed = false;
  EXPECT_FALSE(evaluateComputer(withDisk(h), {}).empty());
  const Overrides off{{"disk_smart_failed", {{"enabled", "0"}}}};
  EXPECT_TRUE(evaluateComputer(withDisk(h), off).empty());
}

}  // namespace
}  // namespace parc::server::alerts
