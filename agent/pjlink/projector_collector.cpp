#include "agent/pjlink/projector_collector.h"

namespace parc::agent::collectors {

CollectOutcome ProjectorCollector::collect(const FsRoot& /*root*/, Snapshot& snapshot) const {
  if (targets_.empty()) return CollectOutcome::noData("no projector configured");
  for (const pjlink::ProjectorTarget& target : targets_) {
    pjlink::ProjectorReading reading = pjlink::pollProjector(target, options_);
    snapshot.inventory.projectors.push_back(std::move(reading.inventory));
    snapshot.state.projectors.push_back(std::move(reading.state));
  }
  return CollectOutcome::ok();
}

}  // namespace parc::agent::collectors
