#include "server/alerts/alert_sweep.h"

namespace parc::server::alerts {

AlertSweep::AlertSweep(Store& store, Clock clock, Logger logger, Publish publish)
    : store_(store), clock_(std::move(clock)), logger_(std::move(logger)), publish_(std::move(publish)) {}

std::size_t AlertSweep::runOnce() {
  auto events = store_.sweepAlerts(clock_());
  if (!events) {
    logger_->warn("alert sweep failed: {}", events.error());
    return 0;
  }
  if (!events->empty()) {
    logger_->info("alert sweep: {} event(s)", events->size());
    if (publish_) publish_(*events);
  }
  return events->size();
}

}  // namespace parc::server::alerts
