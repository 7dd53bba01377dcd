#include "agent/collectors/smart.h"

#include "agent/collectors/smart_json.h"

#include <variant>

namespace parc::agent::collectors {
namespace {

// Kernel names are plain ("sda", "nvme0n1"); anything else never reaches argv.
bool isSafeDiskName(std::string_view name) {
  if (name.empty() || name.size() > 32) return false;
  for (const char c : name) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    if (!ok) return false;
  }
  return name.front() != '-';
}

struct Failure {
  std::string reason;
  bool hard = false;  // the command could not run or was killed, not just "no SMART here"
};

// The health of one disk, or why there is none.
std::variant<SmartHealth, Failure> querySmart(const exec::CommandRunner& runner, const SmartOptions& options,
                               const std::string& disk) {
  exec::CommandRequest request;
  request.program = options.smartctl_path;
  request.args = {"--json=c", "--all", "/dev/" + disk};
  request.timeout = options.timeout;
  request.max_output_bytes = options.max_output_bytes;
  auto outcome = runner.run(request);
  if (!outcome) return Failure{disk + ": " + outcome.error(), true};
  if (outcome->timed_out) return Failure{disk + ": smartctl timed out and was killed", true};
  if (outcome->output_truncated) return Failure{disk + ": smartctl output over the size bound", true};
  auto health = parseSmartctlJson(outcome->output);
  if (!health) return Failure{disk + ": " + health.error(), false};
  return std::move(*health);
}

// The health of one disk of a captured tree, from the smartctl output saved with it.
std::variant<SmartHealth, Failure> readCapturedSmart(const FsRoot& root, const SmartOptions& options,
                                                     const std::string& disk) {
  const std::string path = std::string(kCapturedSmartctlDir) + "/" + disk + ".json";
  const auto text = root.readFile(path, options.max_output_bytes + 1);
  if (!text) return Failure{disk + ": no captured smartctl output (" + path + ")", false};
  if (text->size() > options.max_output_bytes) return Failure{path + ": over the size bound", true};
  auto health = parseSmartctlJson(*text);
  if (!health) return Failure{path + ": " + health.error(), false};
  return std::move(*health);
}

}  // namespace

CollectOutcome SmartCollector::collect(const FsRoot& root, Snapshot& snapshot) const {
  const auto& disks = snapshot.inventory.disks;
  if (disks.empty()) return CollectOutcome::noData("no disk in the inventory");
  // smartctl reads the host's disks, never a captured tree's: there, its saved output.
  const bool captured = !root.isLiveSystem() && !options_.run_on_captured_root;
  if (!captured && (!runner_ || !root.exists(options_.smartctl_path))) {
    return CollectOutcome::noData("smartctl not installed (" + options_.smartctl_path + ")");
  }
  std::string failures;
  bool hard_failure = false;
  std::size_t read = 0;
  for (const auto& disk : disks) {
    if (!isSafeDiskName(disk.name)) continue;
    auto answer = captured ? readCapturedSmart(root, options_, disk.name)
                           : querySmart(*runner_, options_, disk.name);
    if (auto* failure = std::get_if<Failure>(&answer)) {
      failures += (failures.empty() ? "" : "; ") + failure->reason;
      hard_failure = hard_failure || failure->hard;
      continue;
    }
    DiskState state;
    state.name = disk.name;
    state.smart = std::move(std::get<SmartHealth>(answer));
    snapshot.state.disks.push_back(std::move(state));
    ++read;
  }
  if (hard_failure) return CollectOutcome::error(failures);
  if (read == 0) return CollectOutcome::noData(failures.empty() ? "no disk to query" : failures);
  return CollectOutcome::ok();
}

}  // namespace parc::agent::collectors
