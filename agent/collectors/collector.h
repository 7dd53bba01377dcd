#pragma once
// A Collector is one source of facts (one file each, listed in registry.cpp).
// It reads below an FsRoot and adds what it finds to the snapshot. A missing
// source is "no data", not an error: a VM has no battery.

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "agent/collectors/fs_root.h"
#include "shared/report.h"

namespace parc::agent {

struct Snapshot {
  Inventory inventory;
  State state;
};

enum class CollectStatus { kOk, kNoData, kError };

struct CollectOutcome {
  CollectStatus status = CollectStatus::kOk;
  std::string detail;  // for kNoData / kError: what was missing or what failed, with the path

  static CollectOutcome ok() { return {}; }
  static CollectOutcome noData(std::string why) { return {CollectStatus::kNoData, std::move(why)}; }
  static CollectOutcome error(std::string why) { return {CollectStatus::kError, std::move(why)}; }
};

class Collector {
 public:
  virtual ~Collector() = default;
  virtual std::string_view name() const = 0;
  virtual CollectOutcome collect(const FsRoot& root, Snapshot& snapshot) const = 0;
};

}  // namespace parc::agent
