#include "agent/collectors/os.h"

#include <gtest/gtest.h>

#include "agent/collectors/uptime.h"
#include "tests/agent/collectors/test_support.h"

namespace parc::agent::collectors {
namespace {

struct OsReleaseCase {
  const char* file;
  OptString name, id, version_id;
};

const OsReleaseCase kOsReleases[] = {
    {"os-release/glpi-agent-os-release-centos-7.9", "CentOS Linux 7 (Core)", "centos", "7"},
    {"os-release/glpi-agent-os-release-debian-11.2", "Debian GNU/Linux 11 (bullseye)", "debian", "11"},
    {"os-release/glpi-agent-os-release-fedora-35", "Fedora Linux 35 (Thirty Five)", "fedora", "35"},
    {"os-release/node_exporter-fixture-os-release", "Ubuntu 20.04.2 LTS", "ubuntu", "20.04"},
};

TEST(CollectorOs, ParsesEveryOsRelease) {
  for (const auto& c : kOsReleases) {
    SCOPED_TRACE(c.file);
    const OsInfo os = parseOsRelease(testing::readFixture(c.file));
    EXPECT_EQ(os.name, c.name);
    EXPECT_EQ(os.id, c.id);
    EXPECT_EQ(os.version_id, c.version_id);
    EXPECT_EQ(os.kernel, std::nullopt);
  }
}

TEST(CollectorOs, OsReleaseQuotingAndFallbacks) {
  EXPECT_EQ(parseOsRelease("NAME=\"Lin \\\"ux\\\" \\$HOME\"\nVERSION='1 (a\\b)'\n").name,
            "Lin \"ux\" $HOME 1 (a\\b)");
  EXPECT_EQ(parseOsRelease("# comment\n\n  ID=debian  \n").id, "debian");
  EXPECT_EQ(parseOsRelease("ID=\"unterminated\n").id, std::nullopt);
  EXPECT_EQ(parseOsRelease("ID=\"a\" trailing\n").id, std::nullopt);
  EXPECT_EQ(parseOsRelease("id=lower\nID-X=bad\n=novalue\n").id, std::nullopt);
  EXPECT_EQ(parseOsRelease("ID=\"\x01\x02\"\n").id, std::nullopt);
  EXPECT_EQ(parseOsRelease("PRETTY_NAME=\"\"\nNAME=Alpine\n").name, "Alpine");
  EXPECT_EQ(parseOsRelease("").name, std::nullopt);
}

TEST(CollectorOs, TimezoneFromLocaltimeTarget) {
  const std::pair<const char*, OptString> cases[] = {
      {"/usr/share/zoneinfo/Europe/Paris", "Europe/Paris"},
      {"../usr/share/zoneinfo/Europe/Paris", "Europe/Paris"},
      {"/usr/share/zoneinfo/posix/America/Guadeloupe", "America/Guadeloupe"},
      {"/usr/share/zoneinfo/right/Indian/Reunion", "Indian/Reunion"},
      {"/usr/share/zoneinfo/Etc/UTC", "Etc/UTC"},
      {"/usr/share/zoneinfo/", std::nullopt},
      {"/usr/share/zoneinfo/../../../etc/passwd", std::nullopt},
      {"/etc/alternatives/localtime", std::nullopt},
      {"", std::nullopt},
  };
  for (const auto& [target, expected] : cases) EXPECT_EQ(timezoneFromLink(target), expected) << target;
}

TEST(CollectorOs, Hostnames) {
  EXPECT_EQ(parseHostname("salle-b12-poste03\n"), "salle-b12-poste03");
  EXPECT_EQ(parseHostname("# set by the image\n\ncdi-01\n"), "cdi-01");
  EXPECT_EQ(parseHostname("(none)\n"), std::nullopt);
  EXPECT_EQ(parseHostname("two words\n"), std::nullopt);
  EXPECT_EQ(parseHostname(std::string(300, 'a')), std::nullopt);
  EXPECT_EQ(parseHostname("\xff\xfe\n"), std::nullopt);
  EXPECT_EQ(parseHostname(""), std::nullopt);
}

TEST(CollectorOs, FallsBackToUsrLibOsReleaseAndEtcHostname) {
  testing::TempTree tree;
  tree.write("/usr/lib/os-release", "ID=arch\n");
  tree.write("/etc/hostname", "fallback-host\n");
  tree.write("/etc/timezone", "Europe/Paris\n");
  Snapshot snapshot;
  ASSERT_EQ(OsCollector().collect(FsRoot(tree.path()), snapshot).status, CollectStatus::kOk);
  EXPECT_EQ(snapshot.inventory.os.id, "arch");
  EXPECT_EQ(snapshot.inventory.os.hostname, "fallback-host");
  EXPECT_EQ(snapshot.inventory.os.timezone, "Europe/Paris");
  EXPECT_EQ(snapshot.inventory.os.arch, std::nullopt);  // never uname() on a captured tree
}

TEST(CollectorOs, EtcOsReleaseWinsAndKernelFilesWin) {
  testing::TempTree tree;
  tree.write("/etc/os-release", "ID=debian\n");
  tree.write("/usr/lib/os-release", "ID=other\n");
  tree.write("/proc/sys/kernel/hostname", "kernel-host\n");
  tree.write("/etc/hostname", "file-host\n");
  tree.write("/proc/sys/kernel/osrelease", "6.1.0-13-amd64\n");
  tree.symlink("/usr/share/zoneinfo/Europe/Paris", "/etc/localtime");
  tree.write("/etc/timezone", "Etc/UTC\n");
  Snapshot snapshot;
  ASSERT_EQ(OsCollector().collect(FsRoot(tree.path()), snapshot).status, CollectStatus::kOk);
  EXPECT_EQ(snapshot.inventory.os.id, "debian");
  EXPECT_EQ(snapshot.inventory.os.hostname, "kernel-host");
  EXPECT_EQ(snapshot.inventory.os.kernel, "6.1.0-13-amd64");
  EXPECT_EQ(snapshot.inventory.os.timezone, "Europe/Paris");  // the link is what the system uses
}

TEST(CollectorOs, NothingAtAllIsNoData) {
  testing::TempTree tree;
  Snapshot snapshot;
  EXPECT_EQ(OsCollector().collect(FsRoot(tree.path()), snapshot).status, CollectStatus::kNoData);
}

TEST(CollectorUptime, Parses) {
  EXPECT_EQ(parseUptime("5231.27 9876.10\n"), 5231);
  EXPECT_EQ(parseUptime("0.00 0.00"), 0);
  EXPECT_EQ(parseUptime("12"), 12);
  EXPECT_EQ(parseUptime(""), std::nullopt);
  EXPECT_EQ(parseUptime("-3.0 1.0"), std::nullopt);
  EXPECT_EQ(parseUptime("nan 1.0"), std::nullopt);
  EXPECT_EQ(parseUptime("1e300 1"), std::nullopt);
  EXPECT_EQ(parseUptime("12.5 1 2"), std::nullopt);
  EXPECT_EQ(parseUptime("12.5x 1"), std::nullopt);
}

TEST(CollectorUptime, CollectorStatuses) {
  testing::TempTree tree;
  Snapshot snapshot;
  UptimeCollector collector;
  EXPECT_EQ(collector.collect(FsRoot(tree.path()), snapshot).status, CollectStatus::kNoData);
  tree.write("/proc/uptime", "garbage");
  EXPECT_EQ(collector.collect(FsRoot(tree.path()), snapshot).status, CollectStatus::kError);
  EXPECT_EQ(snapshot.state.uptime_s, std::nullopt);
  tree.write("/proc/uptime", "86400.50 100.00\n");
  EXPECT_EQ(collector.collect(FsRoot(tree.path()), snapshot).status, CollectStatus::kOk);
  EXPECT_EQ(snapshot.state.uptime_s, 86400);
}

}  // namespace
}  // namespace parc::agent::collectors
