#pragma once
// The periodic sweep of the silence rules: one pass asks the store to evaluate
// every site at the injected clock's "now", then hands the committed events to
// `publish` (the live feed). The server runs a pass every minute on its own
// thread (server/maintenance/periodic_task.h), never on an io thread.

#include <functional>
#include <vector>

#include "server/store/store.h"
#include "shared/logging.h"
#include "shared/time.h"

namespace parc::server::alerts {

using Publish = std::function<void(const std::vector<AlertEvent>&)>;

class AlertSweep {
 public:
  AlertSweep(Store& store, Clock clock, Logger logger, Publish publish = {});
  // One pass; the number of events it committed (0 as well when the store failed,
  // which is logged: the next pass tries again).
  std::size_t runOnce();

 private:
  Store& store_;
  Clock clock_;
  Logger logger_;
  Publish publish_;
};

}  // namespace parc::server::alerts
