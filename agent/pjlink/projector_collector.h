#pragma once
// The projectors collector: polls each configured projector over PJLink and adds
// it to inventory.projectors and state.projectors. An unreachable projector is
// reported with reachable=false; it is not a collector error.

#include <string_view>
#include <vector>

#include "agent/collectors/collector.h"
#include "agent/pjlink/client.h"
#include "agent/pjlink/target.h"

namespace parc::agent::collectors {

class ProjectorCollector final : public Collector {
 public:
  explicit ProjectorCollector(std::vector<pjlink::ProjectorTarget> targets,
                              pjlink::ClientOptions options = {})
      : targets_(std::move(targets)), options_(options) {}

  std::string_view name() const override { return "projectors"; }
  // The root is not used: projectors are on the network, not below a directory.
  CollectOutcome collect(const FsRoot& root, Snapshot& snapshot) const override;

 private:
  std::vector<pjlink::ProjectorTarget> targets_;
  pjlink::ClientOptions options_;
};

}  // namespace parc::agent::collectors
