#pragma once
// smart: for each disk of inventory.disks (the storage collector runs first), runs
// `smartctl --json=c --all /dev/<name>` through a CommandRunner and puts the parsed
// health in state.disks. smartctl absent (looked up below the root) is "no data", not
// an error. On a captured root smartctl is not run (unless
// SmartOptions::run_on_captured_root): the output captured on the machine with
// `smartctl --json --all /dev/<name>`, saved in the tree as
// <root>/capture/smartctl/<name>.json (kCapturedSmartctlDir), is read instead; a disk
// without such a file is "no data".

#include <chrono>
#include <memory>
#include <string>

#include "agent/collectors/collector.h"
#include "agent/exec/command_runner.h"

namespace parc::agent::collectors {

// Where a captured tree keeps the smartctl output of its disks (never read on "/").
inline constexpr std::string_view kCapturedSmartctlDir = "/capture/smartctl";

struct SmartOptions {
  std::string smartctl_path = "/usr/sbin/smartctl";
  std::chrono::milliseconds timeout{10'000};
  std::size_t max_output_bytes = 1 << 20;
  // smartctl reads the host's disks: on a captured tree (a test root, a replayed
  // machine) it is not run unless a test with a fake runner asks for it.
  bool run_on_captured_root = false;
};

class SmartCollector final : public Collector {
 public:
  explicit SmartCollector(std::shared_ptr<const exec::CommandRunner> runner,
                          SmartOptions options = {})
      : runner_(std::move(runner)), options_(std::move(options)) {}
  std::string_view name() const override { return "smart"; }
  CollectOutcome collect(const FsRoot& root, Snapshot& snapshot) const override;

 private:
  std::shared_ptr<const exec::CommandRunner> runner_;
  SmartOptions options_;
};

}  // namespace parc::agent::collectors
