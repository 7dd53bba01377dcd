// software: a dpkg status file of real stanzas (tests/fixtures/dpkg, SOURCES.md) and
// hostile variants of it.

#include "agent/collectors/software.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "agent/collectors/text.h"
#include "tests/agent/collectors/test_support.h"

namespace parc::agent::collectors {
namespace {

using testing::TempTree;

std::string statusFile() { return testing::readFixture("dpkg/status-debian12"); }

const Package* find(const std::vector<Package>& packages, std::string_view name) {
  const auto it = std::find_if(packages.begin(), packages.end(), [&](const Package& p) { return p.name == name; });
  return it == packages.end() ? nullptr : &*it;
}

// Counted from the text itself: stanzas whose Status line is "install ok installed".
std::size_t installedStanzas(std::string_view text) {
  std::size_t count = 0;
  for (const auto line : splitLines(text)) count += trim(line) == "Status: install ok installed";
  return count;
}

TEST(CollectorSoftware, RealStanzas) {
  const std::string text = statusFile();
  const auto packages = parseDpkgStatus(text);
  EXPECT_EQ(packages.size(), installedStanzas(text));
  EXPECT_EQ(find(packages, "adduser"), nullptr);  // deinstall ok config-files
  EXPECT_EQ(find(packages, "locales"), nullptr);  // purge ok not-installed
  const Package* zlib = find(packages, "zlib1g");
  ASSERT_NE(zlib, nullptr);
  EXPECT_EQ(zlib->version, "1:1.2.13.dfsg-1");
  EXPECT_EQ(zlib->arch, "amd64");
  const Package* tz = find(packages, "tzdata");
  ASSERT_NE(tz, nullptr);
  EXPECT_EQ(tz->arch, "all");
  EXPECT_TRUE(std::is_sorted(packages.begin(), packages.end(),
                             [](const Package& a, const Package& b) { return a.name < b.name; }));
}

TEST(CollectorSoftware, CrlfAndContinuationLines) {
  const std::string text = statusFile();
  std::string crlf;
  for (const auto line : splitLines(text)) crlf += std::string(line) + "\r\n";
  EXPECT_EQ(parseDpkgStatus(crlf).size(), parseDpkgStatus(text).size());
  const auto tricky = parseDpkgStatus(
      "Package: a\nStatus: install ok installed\nDescription: x\n Package: evil\n Version: 9\nVersion: 1.0\n\n");
  ASSERT_EQ(tricky.size(), 1u);
  EXPECT_EQ(tricky[0].name, "a");
  EXPECT_EQ(tricky[0].version, "1.0");
}

TEST(CollectorSoftware, TruncatedAndMissingFields) {
  const std::string text = statusFile();
  const auto all = parseDpkgStatus(text);
  // Cut in the middle of the last stanza's Version line: that line is not trusted.
  const std::string cut = "Package: kept\nStatus: install ok installed\nVersion: 2.0\n\n"
                          "Package: cut\nStatus: install ok installed\nVersion: 1.2";
  const auto partial = parseDpkgStatus(cut);
  ASSERT_EQ(partial.size(), 2u);
  EXPECT_EQ(find(partial, "cut")->version, std::nullopt);
  for (std::size_t n = 0; n < text.size(); n += 97) EXPECT_LE(parseDpkgStatus(text.substr(0, n)).size(), all.size());
  const auto missing = parseDpkgStatus("Status: install ok installed\nVersion: 1\n\n"    // no Package
                                       "Package: nostatus\nVersion: 1\n\n"                // no Status
                                       "Package: bare\nStatus: install ok installed\n\n"  // no version, no arch
                                       "Package: two words\nStatus: install ok installed\n\n"
                                       "Package: bad\nStatus: install ok installed\nVersion: \x01\xff\n\n");
  ASSERT_EQ(missing.size(), 1u);
  EXPECT_EQ(missing[0].name, "bare");
  EXPECT_EQ(missing[0].version, std::nullopt);
  EXPECT_TRUE(parseDpkgStatus("").empty());
  EXPECT_TRUE(parseDpkgStatus("\n\n\n").empty());
  EXPECT_TRUE(parseDpkgStatus(std::string(1000, '\0') + "\n").empty());
}

TEST(CollectorSoftware, FiveMegabyteFile) {
  const std::string stanzas = statusFile() + "\n";
  std::string big;
  while (big.size() < (5u << 20)) big += stanzas;
  const auto packages = parseDpkgStatus(big);
  EXPECT_EQ(packages.size(), installedStanzas(big));
  TempTree tree;
  tree.write("/var/lib/dpkg/status", big);
  Snapshot snapshot;
  EXPECT_EQ(SoftwareCollector().collect(FsRoot(tree.path()), snapshot).status, CollectStatus::kOk);
  EXPECT_EQ(snapshot.inventory.software.size(), packages.size());
}

TEST(CollectorSoftware, NoDpkgIsNoData) {
  TempTree tree;
  Snapshot snapshot;
  EXPECT_EQ(SoftwareCollector().collect(FsRoot(tree.path()), snapshot).status, CollectStatus::kNoData);
  tree.write("/var/lib/dpkg/status", "Package: x\nStatus: deinstall ok config-files\n\n");
  EXPECT_EQ(SoftwareCollector().collect(FsRoot(tree.path()), snapshot).status, CollectStatus::kNoData);
}

}  // namespace
}  // namespace parc::agent::collectors
