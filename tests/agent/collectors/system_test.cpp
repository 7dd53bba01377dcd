#include "agent/collectors/system.h"

#include <gtest/gtest.h>

#include "tests/agent/collectors/test_support.h"

namespace parc::agent::collectors {
namespace {

TEST(CollectorSystem, PlaceholdersBecomeAbsent) {
  for (const char* placeholder :
       {"To be filled by O.E.M.", "To Be Filled By O.E.M.", "Default string", "System Serial Number",
        "Not Specified", "None", "", "   ", "\n", "--", "0000000000000000", "Not Defined",
        "No Asset Tag", "N/A", "\xef\xbf\xbd\x1c[\xef\xbf\xbd", "\xff\xfe", "a\x01b"}) {
    EXPECT_EQ(cleanDmiValue(placeholder), std::nullopt) << placeholder;
  }
  EXPECT_EQ(cleanDmiValue("  LENOVO  \n"), "LENOVO");
  EXPECT_EQ(cleanDmiValue("N24ET64W (1.39 )"), "N24ET64W (1.39 )");
  EXPECT_EQ(cleanDmiValue(".7N62AI2.GRTCL6944100GP."), ".7N62AI2.GRTCL6944100GP.");
  EXPECT_EQ(cleanDmiValue("Noneuch"), "Noneuch");
}

TEST(CollectorSystem, ChassisCodes) {
  const std::pair<std::int64_t, OptString> cases[] = {
      {1, "other"},     {2, std::nullopt}, {3, "desktop"},     {4, "desktop"},  {6, "desktop"},
      {7, "desktop"},   {8, "laptop"},     {9, "laptop"},      {10, "laptop"},  {14, "laptop"},
      {13, "all-in-one"}, {15, "desktop"}, {17, "server"},     {23, "server"},  {28, "server"},
      {30, "tablet"},   {31, "convertible"}, {32, "convertible"}, {35, "mini-pc"}, {36, "mini-pc"},
      {0x80 | 10, "laptop"}, {0, std::nullopt}, {99, std::nullopt}, {-1, std::nullopt},
  };
  for (const auto& [code, expected] : cases) EXPECT_EQ(chassisFromType(code), expected) << code;
}

TEST(CollectorSystem, VirtualMachines) {
  EXPECT_TRUE(looksVirtual("QEMU", "Standard PC (Q35 + ICH9, 2009)"));
  EXPECT_TRUE(looksVirtual("VMware, Inc.", "VMware Virtual Platform"));
  EXPECT_TRUE(looksVirtual("innotek GmbH", "VirtualBox"));
  EXPECT_TRUE(looksVirtual("Microsoft Corporation", "Virtual Machine"));
  EXPECT_TRUE(looksVirtual("Red Hat", "KVM"));
  EXPECT_TRUE(looksVirtual("Xen", "HVM domU"));
  EXPECT_FALSE(looksVirtual("Microsoft Corporation", "Surface Go"));
  EXPECT_FALSE(looksVirtual("LENOVO", "20L5CTO1WW"));
  EXPECT_FALSE(looksVirtual("", ""));
}

TEST(CollectorSystem, BiosDates) {
  EXPECT_EQ(normaliseBiosDate("06/03/2020"), "2020-06-03");
  EXPECT_EQ(normaliseBiosDate("7/6/2021"), "2021-07-06");
  EXPECT_EQ(normaliseBiosDate("07/22/08"), "2008-07-22");
  EXPECT_EQ(normaliseBiosDate("12/31/99"), "1999-12-31");
  EXPECT_EQ(normaliseBiosDate("13/01/2020"), std::nullopt);
  EXPECT_EQ(normaliseBiosDate("00/10/2020"), std::nullopt);
  EXPECT_EQ(normaliseBiosDate("01/32/2020"), std::nullopt);
  EXPECT_EQ(normaliseBiosDate("2020-06-03"), std::nullopt);
  EXPECT_EQ(normaliseBiosDate("06/03/20200"), std::nullopt);
  EXPECT_EQ(normaliseBiosDate("06/03/"), std::nullopt);
  EXPECT_EQ(normaliseBiosDate(""), std::nullopt);
}

TEST(CollectorSystem, Uuids) {
  EXPECT_EQ(normaliseUuid("500C2394-0127-D13C-0CC4-F537A6AAF1A6"), "500c2394-0127-d13c-0cc4-f537a6aaf1a6");
  EXPECT_EQ(normaliseUuid("00000000-0000-0000-0000-000000000000"), std::nullopt);
  EXPECT_EQ(normaliseUuid("03000200-0400-0500-0006-000700080009"), std::nullopt);
  EXPECT_EQ(normaliseUuid("FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF"), std::nullopt);
  EXPECT_EQ(normaliseUuid("500C2394-0127-D13C-0CC4-F537A6AAF1A"), std::nullopt);
  EXPECT_EQ(normaliseUuid("500C2394x0127-D13C-0CC4-F537A6AAF1A6"), std::nullopt);
  EXPECT_EQ(normaliseUuid("--"), std::nullopt);
}

TEST(CollectorSystem, LenovoNamesTheModelInProductVersion) {
  const SystemInfo lenovo = parseDmi({{"sys_vendor", "LENOVO"},
                                      {"product_name", "20L5CTO1WW"},
                                      {"product_version", "ThinkPad T480"}});
  EXPECT_EQ(lenovo.model, "ThinkPad T480");
  EXPECT_EQ(lenovo.version, "20L5CTO1WW");
  const SystemInfo dell = parseDmi({{"sys_vendor", "Dell Inc."},
                                    {"product_name", "OptiPlex 7090"},
                                    {"product_version", "A01"}});
  EXPECT_EQ(dell.model, "OptiPlex 7090");
  EXPECT_EQ(dell.version, "A01");
}

TEST(CollectorSystem, VmChassisWinsOverTheChassisCode) {
  const SystemInfo vm = parseDmi({{"sys_vendor", "QEMU"}, {"product_name", "Standard PC"}, {"chassis_type", "1"}});
  EXPECT_EQ(vm.chassis, "vm");
  EXPECT_EQ(parseDmi({{"chassis_type", "garbage"}}).chassis, std::nullopt);
  EXPECT_EQ(parseDmi({{"chassis_type", "99999999999999999999999"}}).chassis, std::nullopt);
}

TEST(CollectorSystem, NoDmiDirectoryIsNoData) {
  testing::TempTree tree;
  Snapshot snapshot;
  EXPECT_EQ(SystemCollector().collect(FsRoot(tree.path()), snapshot).status, CollectStatus::kNoData);
  tree.write("/sys/class/dmi/id/sys_vendor", "To be filled by O.E.M.\n");
  tree.write("/sys/class/dmi/id/product_serial", "System Serial Number\n");
  const auto outcome = SystemCollector().collect(FsRoot(tree.path()), snapshot);
  EXPECT_EQ(outcome.status, CollectStatus::kNoData);
  EXPECT_NE(outcome.detail.find("/sys/class/dmi/id"), std::string::npos);
}

}  // namespace
}  // namespace parc::agent::collectors
