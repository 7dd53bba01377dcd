#include "agent/delivery/spool.h"

#include <gtest/gtest.h>

#include <fstream>

#include "agent/delivery/spool_names.h"
#include "tests/agent/delivery/temp_dir.h"

namespace parc::agent {
namespace {

namespace fs = std::filesystem;
using testing::TempDir;

Spool openSpool(const fs::path& dir, SpoolLimits limits = {}) {
  auto spool = Spool::open(dir, limits);
  if (!spool) throw std::runtime_error(spool.error());
  return std::move(*spool);
}

std::vector<std::uint64_t> seqsOf(const Spool& spool) {
  std::vector<std::uint64_t> seqs;
  for (const SpoolEntry& entry : spool.pending()) seqs.push_back(entry.seq);
  return seqs;
}

std::vector<std::string> namesIn(const fs::path& dir) {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(dir))
    names.push_back(entry.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

void writeRaw(const fs::path& path, const std::string& bytes) {
  std::ofstream(path, std::ios::binary) << bytes;
}

TEST(DeliverySpoolNames, FormatAndParseRoundTrip) {
  EXPECT_EQ(entryFileName(42, ReportKind::kFull), "00000000000000000042-full.json");
  EXPECT_EQ(entryFileName(7, ReportKind::kState), "00000000000000000007-state.json");
  const auto parsed = parseEntryFileName("18446744073709551615-state.json");
  ASSERT_TRUE(parsed);
  EXPECT_EQ(parsed->seq, 18446744073709551615ULL);
  EXPECT_EQ(parsed->kind, ReportKind::kState);
  for (const char* bad :
       {"42-full.json", "00000000000000000042-full.json.bak", "00000000000000000042-other.json",
        "99999999999999999999-full.json", "0000000000000000004x-full.json", "notes.txt", ""}) {
    EXPECT_FALSE(parseEntryFileName(bad)) << bad;
  }
}

TEST(DeliverySpool, PushPendingInSeqOrderRemoveAndReopen) {
  TempDir dir;
  {
    Spool spool = openSpool(dir.path());
    ASSERT_TRUE(spool.push(10, ReportKind::kState, "ten"));
    ASSERT_TRUE(spool.push(2, ReportKind::kFull, "two!"));
    ASSERT_TRUE(spool.push(7, ReportKind::kState, "seven"));
    EXPECT_EQ(seqsOf(spool), (std::vector<std::uint64_t>{2, 7, 10}));
    EXPECT_EQ(spool.stats().count, 3u);
    EXPECT_EQ(spool.stats().bytes, 12u);
    EXPECT_EQ(spool.highestSeq(), 10u);
    const SpoolEntry first = spool.pending().front();
    EXPECT_EQ(first.kind, ReportKind::kFull);
    EXPECT_EQ(*spool.read(first), "two!");
    ASSERT_TRUE(spool.remove(first));
    EXPECT_FALSE(spool.remove(first));  // already gone
  }
  Spool reopened = openSpool(dir.path());
  EXPECT_EQ(seqsOf(reopened), (std::vector<std::uint64_t>{7, 10}));
  EXPECT_EQ(*reopened.read(reopened.pending()[1]), "ten");
  EXPECT_EQ(reopened.stats().bytes, 8u);
  EXPECT_EQ(namesIn(dir.path()),
            (std::vector<std::string>{"00000000000000000007-state.json",
                                      "00000000000000000010-state.json", "rejected"}));
}

TEST(DeliverySpool, DuplicateSeqIsRefusedAndTheFirstKept) {
  TempDir dir;
  Spool spool = openSpool(dir.path());
  ASSERT_TRUE(spool.push(1, ReportKind::kState, "first"));
  const Status again = spool.push(1, ReportKind::kFull, "second");
  EXPECT_FALSE(again);
  EXPECT_NE(again.error().find("seq 1"), std::string::npos);
  EXPECT_EQ(*spool.read(spool.pending().front()), "first");
}

TEST(DeliverySpool, LeftoverTempFilesAreDeletedOnOpen) {
  TempDir dir;
  {
    Spool spool = openSpool(dir.path());
    ASSERT_TRUE(spool.push(1, ReportKind::kState, "kept"));
  }
  writeRaw(dir.path() / ".tmp-00000000000000000002-state.json", "half a rep");
  writeRaw(dir.path() / ".tmp-counters", "dropped_sta");
  Spool spool = openSpool(dir.path());
  EXPECT_EQ(seqsOf(spool), (std::vector<std::uint64_t>{1}));
  EXPECT_FALSE(fs::exists(dir.path() / ".tmp-00000000000000000002-state.json"));
  EXPECT_FALSE(fs::exists(dir.path() / ".tmp-counters"));
}

TEST(DeliverySpool, UnparsableNamesAreQuarantinedAndTheSpoolOpens) {
  TempDir dir;
  writeRaw(dir.path() / "notes.txt", "hello");
  writeRaw(dir.path() / "42-full.json", "{}");
  fs::create_directories(dir.path() / "stray-dir");
  writeRaw(dir.path() / "00000000000000000005-state.json", "five");
  Spool spool = openSpool(dir.path());
  EXPECT_EQ(seqsOf(spool), (std::vector<std::uint64_t>{5}));
  EXPECT_EQ(namesIn(dir.path()),
            (std::vector<std::string>{"00000000000000000005-state.json", "rejected"}));
  const std::vector<std::string> rejected = namesIn(spool.rejectedDir());
  const auto has = [&](const std::string& suffix) {
    return std::any_of(rejected.begin(), rejected.end(),
                       [&](const std::string& n) { return n.ends_with(suffix); });
  };
  EXPECT_TRUE(has("-notes.txt"));
  EXPECT_TRUE(has("-42-full.json"));
  EXPECT_TRUE(has("-stray-dir"));
  EXPECT_TRUE(has("-notes.txt.reason"));
}

// Decision: the spool does not parse bodies. A body damaged on disk is delivered as it
// is; the server answers 400 and the drain sets it aside (see DeliveryDrain).
TEST(DeliverySpool, TruncatedBodyIsKeptAndReadAsItIs) {
  TempDir dir;
  {
    Spool spool = openSpool(dir.path());
    ASSERT_TRUE(spool.push(3, ReportKind::kFull, R"({"schema":"parc.report/1","seq":3})"));
  }
  fs::resize_file(dir.path() / entryFileName(3, ReportKind::kFull), 10);
  Spool spool = openSpool(dir.path());
  ASSERT_EQ(spool.pending().size(), 1u);
  EXPECT_EQ(spool.pending().front().size, 10u);
  EXPECT_EQ(*spool.read(spool.pending().front()), R"({"schema":)");
}

TEST(DeliverySpool, RejectMovesAsideWithReasonKeepsTheLastFewAndNeverReturns) {
  TempDir dir;
  SpoolLimits limits;
  limits.rejected_keep = 3;
  {
    Spool spool = openSpool(dir.path(), limits);
    for (std::uint64_t seq = 1; seq <= 6; ++seq)
      ASSERT_TRUE(spool.push(seq, ReportKind::kState, "r"));
    for (int i = 0; i < 5; ++i) {
      ASSERT_TRUE(spool.reject(spool.pending().front(),
                               "HTTP 400 invalid_report: field " + std::to_string(i)));
    }
    EXPECT_EQ(seqsOf(spool), (std::vector<std::uint64_t>{6}));
    EXPECT_EQ(spool.stats().bytes, 1u);
  }
  Spool spool = openSpool(dir.path(), limits);
  EXPECT_EQ(seqsOf(spool), (std::vector<std::uint64_t>{6}));
  const std::vector<std::string> rejected = namesIn(spool.rejectedDir());
  ASSERT_EQ(rejected.size(), 6u);  // three reports, three reasons
  EXPECT_TRUE(rejected[0].ends_with("00000000000000000003-state.json"));
  EXPECT_TRUE(rejected[4].ends_with("00000000000000000005-state.json"));
  std::ifstream reason(spool.rejectedDir() / (rejected[4] + ".reason"));
  std::string text;
  std::getline(reason, text);
  EXPECT_EQ(text, "HTTP 400 invalid_report: field 4");
}

TEST(DeliverySpoolBound, DropsOldestStateReportsFirstAndCountsThem) {
  TempDir dir;
  SpoolLimits limits;
  limits.max_files = 4;
  Spool spool = openSpool(dir.path(), limits);
  ASSERT_TRUE(spool.push(1, ReportKind::kFull, "F1"));  // an older full: still kept over states
  ASSERT_TRUE(spool.push(2, ReportKind::kState, "s"));
  ASSERT_TRUE(spool.push(3, ReportKind::kFull, "F3"));
  for (std::uint64_t seq = 4; seq <= 6; ++seq)
    ASSERT_TRUE(spool.push(seq, ReportKind::kState, "s"));
  EXPECT_EQ(seqsOf(spool), (std::vector<std::uint64_t>{1, 3, 5, 6}));
  EXPECT_EQ(spool.stats().dropped_state_reports, 2u);
  EXPECT_EQ(spool.stats().dropped_full_reports, 0u);
  EXPECT_EQ(spool.stats().count, 4u);
  EXPECT_FALSE(fs::exists(dir.path() / entryFileName(2, ReportKind::kState)));
}

TEST(DeliverySpoolBound, NeverDropsTheNewestFullReport) {
  TempDir dir;
  SpoolLimits limits;
  limits.max_files = 2;
  Spool spool = openSpool(dir.path(), limits);
  ASSERT_TRUE(spool.push(1, ReportKind::kFull, "F1"));
  ASSERT_TRUE(spool.push(2, ReportKind::kFull, "F2"));
  ASSERT_TRUE(spool.push(3, ReportKind::kState, "s3"));  // only fulls: the older one goes
  EXPECT_EQ(seqsOf(spool), (std::vector<std::uint64_t>{2, 3}));
  ASSERT_TRUE(spool.push(4, ReportKind::kState, "s4"));  // a state is there: it goes first
  EXPECT_EQ(seqsOf(spool), (std::vector<std::uint64_t>{2, 4}));
  ASSERT_TRUE(spool.push(5, ReportKind::kFull, "F5"));
  EXPECT_EQ(seqsOf(spool), (std::vector<std::uint64_t>{2, 5}));
  ASSERT_TRUE(spool.push(6, ReportKind::kState, "s6"));  // F5 is now the newest full
  EXPECT_EQ(seqsOf(spool), (std::vector<std::uint64_t>{5, 6}));
  EXPECT_EQ(spool.stats().dropped_state_reports, 2u);
  EXPECT_EQ(spool.stats().dropped_full_reports, 2u);
}

TEST(DeliverySpoolBound, ByteBoundAndAReportThatCannotFitIsRefused) {
  TempDir dir;
  SpoolLimits limits;
  limits.max_bytes = 100;
  Spool spool = openSpool(dir.path(), limits);
  ASSERT_TRUE(spool.push(1, ReportKind::kFull, std::string(60, 'f')));
  ASSERT_TRUE(spool.push(2, ReportKind::kState, std::string(30, 's')));
  ASSERT_TRUE(spool.push(3, ReportKind::kState, std::string(30, 's')));  // 120 > 100: seq 2 goes
  EXPECT_EQ(seqsOf(spool), (std::vector<std::uint64_t>{1, 3}));
  EXPECT_EQ(spool.stats().bytes, 90u);
  const Status too_big = spool.push(4, ReportKind::kState, std::string(50, 's'));  // 60 + 50 > 100
  EXPECT_FALSE(too_big);
  EXPECT_NE(too_big.error().find("does not fit"), std::string::npos);
  EXPECT_EQ(seqsOf(spool), (std::vector<std::uint64_t>{1, 3}));  // a refused push drops nothing
  EXPECT_EQ(spool.stats().dropped_state_reports, 1u);
}

TEST(DeliverySpoolBound, DroppedCountersArePersisted) {
  TempDir dir;
  SpoolLimits limits;
  limits.max_files = 1;
  {
    Spool spool = openSpool(dir.path(), limits);
    for (std::uint64_t seq = 1; seq <= 4; ++seq)
      ASSERT_TRUE(spool.push(seq, ReportKind::kState, "s"));
    ASSERT_TRUE(spool.push(5, ReportKind::kFull, "F"));
    ASSERT_TRUE(spool.push(6, ReportKind::kFull, "F"));
  }
  Spool spool = openSpool(dir.path(), limits);
  EXPECT_EQ(spool.stats().dropped_state_reports, 4u);
  EXPECT_EQ(spool.stats().dropped_full_reports, 1u);
  EXPECT_EQ(seqsOf(spool), (std::vector<std::uint64_t>{6}));
}

// A week without the server at the default 15-minute interval (672 state reports and a
// full inventory each day) fits the default bound: nothing is dropped.
TEST(DeliverySpoolBound, SevenDayOutageFitsTheDefaultBound) {
  TempDir dir;
  Spool spool = openSpool(dir.path());
  const std::string state(12 * 1024, 's');  // a generous state report
  const std::string full(512 * 1024, 'f');  // an inventory with a long software list
  std::uint64_t seq = 0;
  for (int day = 0; day < 7; ++day) {
    ASSERT_TRUE(spool.push(++seq, ReportKind::kFull, full));
    for (int slot = 0; slot < 96; ++slot) ASSERT_TRUE(spool.push(++seq, ReportKind::kState, state));
  }
  const SpoolStats stats = spool.stats();
  EXPECT_EQ(stats.count, 679u);
  EXPECT_EQ(stats.dropped_state_reports, 0u);
  EXPECT_EQ(stats.dropped_full_reports, 0u);
  EXPECT_LE(stats.bytes, SpoolLimits{}.max_bytes);
  EXPECT_LE(stats.count, SpoolLimits{}.max_files);
  EXPECT_EQ(stats.bytes, 7u * full.size() + 672u * state.size());
}

TEST(DeliverySpool, OpenFailsWithThePathWhenTheDirectoryCannotBeMade) {
  TempDir dir;
  writeRaw(dir.path() / "file", "x");
  const auto spool = Spool::open(dir.path() / "file" / "spool");
  ASSERT_FALSE(spool);
  EXPECT_NE(spool.error().find((dir.path() / "file" / "spool").string()), std::string::npos);
}

}  // namespace
}  // namespace parc::agent
