// The smartctl JSON parser on every file of tests/fixtures/smartctl-json. Expected
// figures were read from the files (smart_status, smartctl.exit_status, the raw values
// of ata_smart_attributes.table, nvme_smart_health_information_log).

#include "agent/collectors/smart_json.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "tests/agent/collectors/test_support.h"

namespace parc::agent::collectors {
namespace {

namespace fs = std::filesystem;

std::vector<fs::path> filesIn(std::string_view folder) {
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(testing::fixturesDir() / "smartctl-json" / folder)) {
    files.push_back(fs::relative(entry.path(), testing::fixturesDir()));
  }
  std::sort(files.begin(), files.end());
  return files;
}

SmartHealth parseFixture(const fs::path& relative) {
  auto health = parseSmartctlJson(testing::readFixture(relative));
  EXPECT_TRUE(health.ok()) << relative << ": " << health.error();
  return health.ok() ? *health : SmartHealth{};
}

TEST(SmartJson, EveryFailingDiskLooksFailing) {
  const auto files = filesIn("failing");
  ASSERT_EQ(files.size(), 10u);
  for (const auto& file : files) EXPECT_TRUE(smartLooksFailing(parseFixture(file))) << file;
}

TEST(SmartJson, NoHealthyDiskLooksFailing) {
  const auto files = filesIn("healthy");
  ASSERT_EQ(files.size(), 17u);
  for (const auto& file : files) EXPECT_FALSE(smartLooksFailing(parseFixture(file))) << file;
}

TEST(SmartJson, WarningAndWearingAreNotFailing) {
  for (const char* folder : {"warning", "wearing"}) {
    for (const auto& file : filesIn(folder)) EXPECT_FALSE(smartLooksFailing(parseFixture(file))) << file;
  }
}

TEST(SmartJson, EdgeAndScanOutputsNeverCrash) {
  std::size_t parsed = 0;
  for (const char* folder : {"edge", "scan"}) {
    for (const auto& file : filesIn(folder)) {
      const auto health = parseSmartctlJson(testing::readFixture(file));
      if (health.ok()) {
        ++parsed;
        EXPECT_FALSE(smartLooksFailing(*health)) << file;
      }
    }
  }
  EXPECT_EQ(parsed, 9u);  // all but the open failure (exit status 2, nothing else)
}

TEST(SmartJson, PassedWith304ReallocatedIsFailing) {
  const auto h = parseFixture("smartctl-json/failing/exporter-ata-seagate-ST3500418AS-realloc304.json");
  EXPECT_EQ(h.passed, true);
  EXPECT_EQ(h.exit_status, 0);
  EXPECT_EQ(h.reallocated, 304);
  EXPECT_EQ(h.pending, 0);
  EXPECT_EQ(h.uncorrectable, 0);
  EXPECT_EQ(h.reported_uncorrectable, 0);
  EXPECT_EQ(h.command_timeouts, 0);
  EXPECT_EQ(h.crc_errors, 0);
  EXPECT_EQ(h.power_on_hours, 44668);
  EXPECT_EQ(h.temperature_c, 33.0);
  EXPECT_TRUE(smartLooksFailing(h));
}

TEST(SmartJson, AtaFailedWithExitBits) {
  const auto h = parseFixture("smartctl-json/failing/scrutiny-ata-hitachi-HDS721050DLE630-FAILED-realloc1975-pending8.json");
  EXPECT_EQ(h.passed, false);
  EXPECT_EQ(h.exit_status, 216);  // 0x8 | 0x10 | 0x40 | 0x80
  EXPECT_EQ(h.reallocated, 1975);
  EXPECT_EQ(h.reallocation_events, 3831);
  EXPECT_EQ(h.pending, 8);
  EXPECT_EQ(h.uncorrectable, 0);
  EXPECT_EQ(h.power_on_hours, 65592);
}

TEST(SmartJson, NvmeHealthLog) {
  const auto h = parseFixture("smartctl-json/failing/exporter-nvme-samsung-MZWLL3T2-FAILED-critical_warning16.json");
  EXPECT_EQ(h.passed, false);
  EXPECT_EQ(h.exit_status, 8);
  EXPECT_EQ(h.critical_warning, 16);
  EXPECT_EQ(h.available_spare, 100);
  EXPECT_EQ(h.available_spare_threshold, 10);
  EXPECT_EQ(h.percentage_used, 0);
  EXPECT_EQ(h.media_errors, 0);
  EXPECT_EQ(h.power_on_hours, 18376);
  EXPECT_EQ(h.temperature_c, 40.0);
  EXPECT_EQ(h.reallocated, std::nullopt);  // no ATA table on NVMe

  const auto media = parseFixture("smartctl-json/failing/scrutiny-nvme-samsung-970evo-media_errors7.json");
  EXPECT_EQ(media.passed, true);
  EXPECT_EQ(media.media_errors, 7);
  EXPECT_TRUE(smartLooksFailing(media));

  const auto worn = parseFixture("smartctl-json/wearing/exporter-nvme-intel-P3700-percentage_used51-spare93.json");
  EXPECT_EQ(worn.percentage_used, 51);
  EXPECT_EQ(worn.available_spare, 93);
}

TEST(SmartJson, ScsiGrownDefectsAndCrcErrors) {
  const auto scsi = parseFixture("smartctl-json/failing/exporter-scsi-seagate-ST373453LC-grown_defects260.json");
  EXPECT_EQ(scsi.grown_defects, 260);
  EXPECT_EQ(scsi.power_on_hours, 102880);
  const auto crc = parseFixture("smartctl-json/warning/scrutiny-ata-samsung-840-ssd-udma-crc-errors108.json");
  EXPECT_EQ(crc.crc_errors, 108);
  const auto hgst = parseFixture("smartctl-json/healthy/exporter-ata-hgst-HUS724020.json");
  EXPECT_EQ(hgst.exit_status, 64);  // error log entries only: history, not failing
  EXPECT_EQ(hgst.crc_errors, 12);
}

TEST(SmartJson, OpenFailureIsAnError) {
  const auto h = parseSmartctlJson(testing::readFixture("smartctl-json/edge/scrutiny-smartctl-error-exit.json"));
  ASSERT_FALSE(h.ok());
  EXPECT_NE(h.error().find("exit status 2"), std::string::npos) << h.error();
}

TEST(SmartJson, ExitBitsAloneDecide) {
  SmartHealth h;
  h.passed = true;
  h.exit_status = kSmartBitErrorLog | kSmartBitSelfTestErrors | kSmartBitPrefailPast;
  EXPECT_FALSE(smartLooksFailing(h));
  h.exit_status = kSmartBitPrefailNow;
  EXPECT_TRUE(smartLooksFailing(h));
  h.exit_status = kSmartBitDiskFailing;
  EXPECT_TRUE(smartLooksFailing(h));
  SmartHealth spare;
  spare.available_spare = 5;
  spare.available_spare_threshold = 10;
  EXPECT_TRUE(smartLooksFailing(spare));
  SmartHealth worn;
  worn.percentage_used = 100;
  EXPECT_TRUE(smartLooksFailing(worn));
  EXPECT_FALSE(smartLooksFailing(SmartHealth{}));
}

TEST(SmartJson, HostileInput) {
  const std::string good = testing::readFixture("smartctl-json/failing/exporter-ata-seagate-ST3500418AS-realloc304.json");
  EXPECT_FALSE(parseSmartctlJson("").ok());
  EXPECT_FALSE(parseSmartctlJson(good.substr(0, good.size() / 2)).ok());  // truncated
  EXPECT_FALSE(parseSmartctlJson("[1,2,3]").ok());
  EXPECT_FALSE(parseSmartctlJson("\x89PNG\r\n\x1a\n garbage \xff\xfe").ok());
  EXPECT_FALSE(parseSmartctlJson(std::string(1 << 20, '{')).ok());  // deep nesting
  // Wrong types are ignored field by field, not trusted.
  const auto typed = parseSmartctlJson(
      R"({"smartctl":{"exit_status":"0"},"smart_status":{"passed":"yes"},)"
      R"("ata_smart_attributes":{"table":[{"id":5,"raw":{"value":"304"}},{"id":"197","raw":{"value":3}},7]},)"
      R"("power_on_time":{"hours":-1},"temperature":{"current":[]},)"
      R"("nvme_smart_health_information_log":{"media_errors":18446744073709551615}})");
  ASSERT_TRUE(typed.ok()) << typed.error();
  EXPECT_EQ(typed->exit_status, std::nullopt);
  EXPECT_EQ(typed->passed, std::nullopt);
  EXPECT_EQ(typed->reallocated, std::nullopt);
  EXPECT_EQ(typed->pending, std::nullopt);
  EXPECT_EQ(typed->power_on_hours, -1);
  EXPECT_EQ(typed->temperature_c, std::nullopt);
  EXPECT_EQ(typed->media_errors, std::nullopt);  // beyond int64
}

}  // namespace
}  // namespace parc::agent::collectors
