#include "agent/collectors/cpu.h"

#include <gtest/gtest.h>

#include <cctype>
#include <set>

#include "tests/agent/collectors/test_support.h"

namespace parc::agent::collectors {
namespace {

struct CpuCase {
  const char* file;  // under tests/fixtures/cpuinfo
  std::size_t packages;
  OptString vendor, model;
  OptInt physical_id, cores, threads;
  OptDouble mhz;
};

// Expected values read off each capture by hand.
const CpuCase kCases[] = {
    {"glpi-agent-linux-2.6.35-1-core-2-thread.txt", 1, "Intel", "Intel(R) Atom(TM) CPU N270 @ 1.60GHz", 0, 1, 2, 1600.0},
    {"glpi-agent-linux-686-1.txt", 1, "Intel", "Intel(R) Pentium(R) M processor 1.73GHz", {}, {}, 1, 1729.038},
    {"glpi-agent-linux-686-samsung-nc10-atom.txt", 1, "Intel", "Intel(R) Atom(TM) CPU N270 @ 1.60GHz", 0, 1, 2, 1600.0},
    {"glpi-agent-linux-armel-1.txt", 1, "Intel", "XScale-80219 rev 0 (v5l)", {}, 1, 1, {}},
    {"glpi-agent-linux-hp-dl180.txt", 1, "Intel", "Intel(R) Xeon(R) CPU E5504 @ 2.00GHz", 1, 4, 4, 2000.0},
    {"glpi-agent-raspberry-pi-3-model-b-bookworm.txt", 1, "ARM", "Cortex-A53", {}, 4, 4, {}},
    {"glpi-agent-raspberry-pi-3-model-b.txt", 1, "ARM", "Cortex-A53", {}, 4, 4, {}},
    {"glpi-agent-rhel-6.2-vmware-2vcpus.txt", 1, "Intel", "Intel(R) Xeon(R) CPU E7520 @ 1.87GHz", {}, {}, 2, 1870.0},
    {"glpi-agent-toshiba-r630-2-core.txt", 1, "Intel", "Intel(R) Core(TM) i3 CPU M 350 @ 2.27GHz", 0, 2, 4, 2270.0},
    {"node_exporter-fixture-cpuinfo.txt", 1, "Intel", "Intel(R) Core(TM) i7-8650U CPU @ 1.90GHz", 0, 4, 8, 1900.0},
    {"procfs-fixture-cpuinfo.txt", 1, "Intel", "Intel(R) Core(TM) i7-8650U CPU @ 1.90GHz", 0, 4, 8, 1900.0},
};

void PrintTo(const CpuCase& c, std::ostream* out) { *out << c.file; }

class CollectorCpuinfoFixture : public ::testing::TestWithParam<CpuCase> {};

TEST_P(CollectorCpuinfoFixture, ParsesThePackage) {
  const CpuCase& c = GetParam();
  const auto cpus = parseCpuinfo(testing::readFixture(std::filesystem::path("cpuinfo") / c.file));
  ASSERT_EQ(cpus.size(), c.packages);
  const Cpu& cpu = cpus.front();
  EXPECT_EQ(cpu.vendor, c.vendor);
  EXPECT_EQ(cpu.model, c.model);
  EXPECT_EQ(cpu.physical_id, c.physical_id);
  EXPECT_EQ(cpu.cores, c.cores);
  EXPECT_EQ(cpu.threads, c.threads);
  ASSERT_EQ(cpu.mhz.has_value(), c.mhz.has_value());
  if (c.mhz) {
    EXPECT_NEAR(*cpu.mhz, *c.mhz, 1e-6);
  }
}

INSTANTIATE_TEST_SUITE_P(AllCaptures, CollectorCpuinfoFixture, ::testing::ValuesIn(kCases),
                         [](const auto& info) {
                           std::string name = info.param.file;
                           for (char& ch : name) {
                             if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
                           }
                           return name;
                         });

TEST(CollectorCpu, EveryCaptureHasAnExpectation) {
  std::set<std::string> covered;
  for (const auto& c : kCases) covered.insert(c.file);
  for (const auto& entry : std::filesystem::directory_iterator(testing::fixturesDir() / "cpuinfo")) {
    EXPECT_TRUE(covered.contains(entry.path().filename().string())) << entry.path();
  }
}

TEST(CollectorCpu, TwoSocketsGiveTwoEntries) {
  std::string text;
  for (int socket = 0; socket < 2; ++socket) {
    for (int core = 0; core < 2; ++core) {
      text += "processor\t: " + std::to_string(socket * 2 + core) +
              "\nvendor_id\t: AuthenticAMD\nmodel name\t: AMD Opteron(tm) Processor 6128\n"
              "physical id\t: " + std::to_string(socket) + "\ncore id\t: " + std::to_string(core) +
              "\ncpu MHz\t\t: 800.000\n\n";
    }
  }
  const auto cpus = parseCpuinfo(text);
  ASSERT_EQ(cpus.size(), 2u);
  EXPECT_EQ(cpus[0].physical_id, 0);
  EXPECT_EQ(cpus[1].physical_id, 1);
  EXPECT_EQ(cpus[1].vendor, "AMD");
  EXPECT_EQ(cpus[1].cores, 2);  // from the distinct core ids, without "cpu cores"
  EXPECT_EQ(cpus[1].threads, 2);
  EXPECT_EQ(cpus[1].mhz, 800.0);  // no "@ x GHz" in the name
}

TEST(CollectorCpu, UnknownArmImplementerFallsBackToTheModelName) {
  const auto cpus = parseCpuinfo(
      "processor : 0\nmodel name : ARMv7 Processor rev 5 (v7l)\nCPU implementer : 0x99\nCPU part : 0x001\n\n"
      "Hardware : Some Board\n");
  ASSERT_EQ(cpus.size(), 1u);
  EXPECT_EQ(cpus[0].vendor, std::nullopt);
  EXPECT_EQ(cpus[0].model, "ARMv7 Processor rev 5 (v7l)");
}

TEST(CollectorCpu, HostileInputNeverInventsAProcessor) {
  EXPECT_TRUE(parseCpuinfo("").empty());
  EXPECT_TRUE(parseCpuinfo("\n\n\n").empty());
  EXPECT_TRUE(parseCpuinfo(std::string("\x7f\x45\x4c\x46\x02\x01\x01\0\0\0", 10)).empty());
  EXPECT_TRUE(parseCpuinfo("flags : fpu vme de pse\nbogomips : 4000\n").empty());

  const auto truncated = parseCpuinfo("processor : 0\nvendor_id : GenuineIntel\nmodel na");
  ASSERT_EQ(truncated.size(), 1u);
  EXPECT_EQ(truncated[0].model, std::nullopt);
  EXPECT_EQ(truncated[0].threads, 1);

  const auto absurd = parseCpuinfo(
      "processor : 0\nvendor_id : GenuineIntel\nphysical id : 99999999999999999999\n"
      "siblings : 123456789012\ncpu cores : -4\ncpu MHz : 1e308\nmodel name : X @ 999999GHz\n");
  ASSERT_EQ(absurd.size(), 1u);
  EXPECT_EQ(absurd[0].physical_id, std::nullopt);
  EXPECT_EQ(absurd[0].threads, 1);
  EXPECT_EQ(absurd[0].cores, std::nullopt);
  EXPECT_EQ(absurd[0].mhz, std::nullopt);
}

TEST(CollectorCpu, CollectorReportsMissingAndEmptyFiles) {
  testing::TempTree tree;
  Snapshot snapshot;
  CpuCollector collector;
  EXPECT_EQ(collector.collect(FsRoot(tree.path()), snapshot).status, CollectStatus::kNoData);
  tree.write("/proc/cpuinfo", "");
  const auto outcome = collector.collect(FsRoot(tree.path()), snapshot);
  EXPECT_EQ(outcome.status, CollectStatus::kError);
  EXPECT_NE(outcome.detail.find("/proc/cpuinfo"), std::string::npos);
  EXPECT_TRUE(snapshot.inventory.cpus.empty());
}

TEST(CollectorCpu, CpufreqMaximumReplacesTheChangingFrequency) {
  testing::TempTree tree;
  tree.write("/proc/cpuinfo",
             "processor : 0\nvendor_id : AuthenticAMD\nmodel name : AMD Ryzen 5 3500U with Radeon Vega Mobile Gfx\n"
             "cpu MHz : 1397.206\n\nprocessor : 1\nvendor_id : GenuineIntel\n");
  tree.write("/sys/devices/system/cpu/cpu0/cpufreq/cpuinfo_max_freq", "2100000\n");
  Snapshot snapshot;
  ASSERT_EQ(CpuCollector().collect(FsRoot(tree.path()), snapshot).status, CollectStatus::kOk);
  ASSERT_EQ(snapshot.inventory.cpus.size(), 1u);
  EXPECT_EQ(snapshot.inventory.cpus[0].mhz, 2100.0);
  EXPECT_EQ(snapshot.inventory.cpus[0].threads, 2);

  tree.write("/proc/cpuinfo", "processor : 0\nvendor_id : GenuineIntel\nmodel name : Intel(R) Celeron(R) N4100 CPU @ 1.10GHz\n");
  Snapshot nominal;
  ASSERT_EQ(CpuCollector().collect(FsRoot(tree.path()), nominal).status, CollectStatus::kOk);
  EXPECT_EQ(nominal.inventory.cpus[0].mhz, 1100.0);  // the name wins over cpufreq
}

TEST(CollectorCpu, NominalFrequencies) {
  EXPECT_EQ(nominalMhz("Intel(R) Core(TM) i7-8650U CPU @ 1.90GHz"), 1900.0);
  EXPECT_EQ(nominalMhz("Pentium @ 733MHz"), 733.0);
  EXPECT_EQ(nominalMhz("Intel(R) Pentium(R) M processor 1.73GHz"), std::nullopt);
  EXPECT_EQ(nominalMhz("X @ fastGHz"), std::nullopt);
  EXPECT_EQ(nominalMhz("X @ -1GHz"), std::nullopt);
}

}  // namespace
}  // namespace parc::agent::collectors
