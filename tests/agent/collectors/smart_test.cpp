#include "agent/collectors/smart.h"

#include "agent/collectors/smart_json.h"

#include <gtest/gtest.h>

#include <map>

#include "tests/agent/collectors/test_support.h"

namespace parc::agent::collectors {
namespace {

// Answers each device with a canned outcome and records every request.
class FakeCommandRunner final : public exec::CommandRunner {
 public:
  std::map<std::string, Result<exec::CommandOutcome>> answers;  // by the last argument
  mutable std::vector<exec::CommandRequest> requests;

  Result<exec::CommandOutcome> run(const exec::CommandRequest& request) const override {
    requests.push_back(request);
    const auto it = answers.find(request.args.empty() ? "" : request.args.back());
    if (it == answers.end()) return makeError("unexpected command");
    return it->second;
  }
};

exec::CommandOutcome printed(std::string output, int exit_status) {
  exec::CommandOutcome outcome;
  outcome.output = std::move(output);
  outcome.exit_status = exit_status;
  return outcome;
}

Disk diskNamed(std::string name) {
  Disk disk;
  disk.name = std::move(name);
  return disk;
}

SmartOptions capturedRootOptions() {
  SmartOptions options;
  options.run_on_captured_root = true;
  return options;
}

class CollectorSmart : public ::testing::Test {
 protected:
  void SetUp() override {
    tree_.write("/usr/sbin/smartctl", "");
    snapshot_.inventory.disks.push_back(diskNamed("sda"));
    snapshot_.inventory.disks.push_back(diskNamed("nvme0n1"));
  }
  CollectOutcome collect() {
    return SmartCollector(runner_, capturedRootOptions()).collect(FsRoot(tree_.path()), snapshot_);
  }
  testing::TempTree tree_;
  std::shared_ptr<FakeCommandRunner> runner_ = std::make_shared<FakeCommandRunner>();
  Snapshot snapshot_;
};

TEST_F(CollectorSmart, QueriesEveryDiskOfTheInventory) {
  runner_->answers.emplace("/dev/sda", printed(testing::readFixture(
      "smartctl-json/failing/exporter-ata-seagate-ST3500418AS-realloc304.json"), 0));
  runner_->answers.emplace("/dev/nvme0n1", printed(testing::readFixture(
      "smartctl-json/healthy/exporter-nvme-crucial-P2-250GB.json"), 0));
  ASSERT_EQ(collect().status, CollectStatus::kOk);
  ASSERT_EQ(runner_->requests.size(), 2u);
  EXPECT_EQ(runner_->requests[0].program, "/usr/sbin/smartctl");
  EXPECT_EQ(runner_->requests[0].args, (std::vector<std::string>{"--json=c", "--all", "/dev/sda"}));
  EXPECT_EQ(runner_->requests[0].timeout, std::chrono::seconds(10));
  const auto& disks = snapshot_.state.disks;
  ASSERT_EQ(disks.size(), 2u);
  EXPECT_EQ(disks[0].name, "sda");
  ASSERT_TRUE(disks[0].smart);
  EXPECT_EQ(disks[0].smart->reallocated, 304);
  EXPECT_EQ(disks[1].name, "nvme0n1");
  EXPECT_EQ(disks[1].smart->available_spare_threshold, 5);
}

TEST_F(CollectorSmart, WithoutSmartctlIsNoData) {
  testing::TempTree bare;
  const auto outcome = SmartCollector(runner_, capturedRootOptions()).collect(FsRoot(bare.path()), snapshot_);
  EXPECT_EQ(outcome.status, CollectStatus::kNoData);
  EXPECT_EQ(outcome.detail, "smartctl not installed (/usr/sbin/smartctl)");
  EXPECT_TRUE(runner_->requests.empty());
}

TEST_F(CollectorSmart, ConfigurablePath) {
  tree_.write("/opt/smart/bin/smartctl", "");
  runner_->answers.emplace("/dev/sda", printed(testing::readFixture("smartctl-json/edge/scrutiny-minimal-pass.json"), 0));
  snapshot_.inventory.disks.resize(1);
  SmartOptions options = capturedRootOptions();
  options.smartctl_path = "/opt/smart/bin/smartctl";
  ASSERT_EQ(SmartCollector(runner_, options).collect(FsRoot(tree_.path()), snapshot_).status, CollectStatus::kOk);
  EXPECT_EQ(runner_->requests.at(0).program, "/opt/smart/bin/smartctl");
}

TEST_F(CollectorSmart, CapturedRootIsNoDataByDefault) {
  const auto outcome = SmartCollector(runner_).collect(FsRoot(tree_.path()), snapshot_);
  EXPECT_EQ(outcome.status, CollectStatus::kNoData);
  EXPECT_TRUE(runner_->requests.empty());  // the host's disks are never queried for a test tree
}

TEST_F(CollectorSmart, NoDisksIsNoData) {
  snapshot_.inventory.disks.clear();
  EXPECT_EQ(collect().status, CollectStatus::kNoData);
  EXPECT_TRUE(runner_->requests.empty());
}

TEST_F(CollectorSmart, DisksWithoutSmartAreNoData) {
  const auto open_failed = testing::readFixture("smartctl-json/edge/scrutiny-smartctl-error-exit.json");
  runner_->answers.emplace("/dev/sda", printed(open_failed, 2));
  runner_->answers.emplace("/dev/nvme0n1", printed(open_failed, 2));
  const auto outcome = collect();
  EXPECT_EQ(outcome.status, CollectStatus::kNoData);
  EXPECT_NE(outcome.detail.find("sda"), std::string::npos);
  EXPECT_TRUE(snapshot_.state.disks.empty());
}

TEST_F(CollectorSmart, TimeoutIsAnErrorButKeepsTheOtherDisks) {
  exec::CommandOutcome killed;
  killed.timed_out = true;
  runner_->answers.emplace("/dev/sda", killed);
  runner_->answers.emplace("/dev/nvme0n1", printed(testing::readFixture(
      "smartctl-json/healthy/exporter-nvme-crucial-P2-250GB.json"), 0));
  const auto outcome = collect();
  EXPECT_EQ(outcome.status, CollectStatus::kError);
  EXPECT_NE(outcome.detail.find("sda: smartctl timed out"), std::string::npos) << outcome.detail;
  ASSERT_EQ(snapshot_.state.disks.size(), 1u);
  EXPECT_EQ(snapshot_.state.disks[0].name, "nvme0n1");
}

TEST_F(CollectorSmart, HostileOutputsAndNames) {
  exec::CommandOutcome truncated = printed("{\"smartctl\":", 0);
  truncated.output_truncated = true;
  runner_->answers.emplace("/dev/sda", truncated);
  runner_->answers.emplace("/dev/nvme0n1", printed("\xff\xfe garbage", 0));
  snapshot_.inventory.disks.push_back(diskNamed("../../etc/passwd"));
  snapshot_.inventory.disks.push_back(diskNamed("-d"));
  const auto outcome = collect();
  EXPECT_EQ(outcome.status, CollectStatus::kError);  // output over the bound
  EXPECT_EQ(runner_->requests.size(), 2u);           // unsafe names never reach argv
  EXPECT_TRUE(snapshot_.state.disks.empty());
}

// A captured tree carries smartctl's saved output at capture/smartctl/<disk>.json.
TEST_F(CollectorSmart, CapturedRootReadsTheSavedOutputNotSmartctl) {
  const auto saved = testing::readFixture(
      "smartctl-json/failing/exporter-ata-seagate-ST3500418AS-realloc304.json");
  tree_.write("/capture/smartctl/sda.json", saved);
  const auto outcome = SmartCollector(runner_).collect(FsRoot(tree_.path()), snapshot_);
  EXPECT_EQ(outcome.status, CollectStatus::kOk);
  EXPECT_TRUE(runner_->requests.empty());
  ASSERT_EQ(snapshot_.state.disks.size(), 1u);  // nvme0n1 has no saved output
  EXPECT_EQ(snapshot_.state.disks[0].name, "sda");
  EXPECT_EQ(snapshot_.state.disks[0].smart->reallocated, parseSmartctlJson(saved)->reallocated);
  EXPECT_EQ(snapshot_.state.disks[0].smart->reallocated, 304);
}

TEST_F(CollectorSmart, CapturedRootHostileSavedOutput) {
  tree_.write("/capture/smartctl/sda.json", "\xff\xfe{\"smartctl\": [");
  tree_.write("/capture/smartctl/nvme0n1.json", "");
  tree_.write("/etc/passwd.json", "{}");
  snapshot_.inventory.disks.push_back(diskNamed("../../etc/passwd"));
  const auto outcome = SmartCollector(runner_).collect(FsRoot(tree_.path()), snapshot_);
  EXPECT_EQ(outcome.status, CollectStatus::kNoData) << outcome.detail;
  EXPECT_NE(outcome.detail.find("/capture/smartctl/sda.json"), std::string::npos) << outcome.detail;
  EXPECT_TRUE(snapshot_.state.disks.empty());

  SmartOptions small;
  small.max_output_bytes = 16;
  tree_.write("/capture/smartctl/sda.json", std::string(17, ' '));
  EXPECT_EQ(SmartCollector(runner_, small).collect(FsRoot(tree_.path()), snapshot_).status,
            CollectStatus::kError);  // over the size bound
  EXPECT_TRUE(runner_->requests.empty());
}

TEST_F(CollectorSmart, RunnerRefusalIsAnError) {
  runner_->answers.emplace("/dev/sda", Result<exec::CommandOutcome>(makeError("command /usr/sbin/smartctl: Permission denied")));
  snapshot_.inventory.disks.resize(1);
  const auto outcome = collect();
  EXPECT_EQ(outcome.status, CollectStatus::kError);
  EXPECT_NE(outcome.detail.find("Permission denied"), std::string::npos);
}

}  // namespace
}  // namespace parc::agent::collectors
