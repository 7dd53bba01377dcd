// SqliteStore: the stored states a device's trends are read from. A computer's
// come from its own agents' reports; a projector polled over PJLink has no agent:
// its states are inside the reports of the PC that polls it (projector_links).

#include "server/store/sqlite/sqlite_dashboard.h"
#include "server/store/sqlite/sqlite_guard.h"
#include "server/store/sqlite/sqlite_store.h"

namespace parc::server {
namespace {

using sqlite::Connection;
using sqlite::Statement;

struct Origin {
  std::string reporting_device;  // whose agents' reports hold the states
  StateSource source;
};

Origin originOf(Connection& db, const std::string& device_id) {
  Statement query = db.prepare(
      "SELECT polled_by, address FROM projector_links "
      "WHERE device_id = ? AND source = 'pjlink' AND polled_by IS NOT NULL AND address IS NOT NULL",
      "read projector poller");
  query.bind(1, device_id);
  if (!query.step()) return Origin{device_id, {}};
  return Origin{query.text(0), StateSource{query.text(1)}};
}

}  // namespace

Result<StateSource> SqliteStore::deviceStateSource(const Scope& scope, const std::string& device_id) {
  std::lock_guard lock(mutex_);
  return sqlite::guardResult([&]() -> Result<StateSource> {
    if (!sqlite::deviceInScope(*connection_, scope, device_id)) return makeError("not_found");
    return originOf(*connection_, device_id).source;
  });
}

Status SqliteStore::visitDeviceStates(const Scope& scope, const std::string& device_id, const std::string& since,
                                      const std::function<void(const StateSample&)>& visit) {
  std::lock_guard lock(mutex_);
  return sqlite::guardResult([&]() -> Status {
    if (!sqlite::deviceInScope(*connection_, scope, device_id)) return makeError("not_found");
    const Origin origin = originOf(*connection_, device_id);
    Statement query = connection_->prepare(
        "SELECT r.collected_at, r.state_json FROM reports r JOIN agents a ON a.id = r.agent_id "
        "WHERE a.device_id = ? AND r.collected_at >= ? ORDER BY r.collected_at, r.enrollment, r.seq",
        "read device states");
    query.bind(1, origin.reporting_device).bind(2, since);
    while (query.step()) visit(StateSample{query.text(0), query.text(1)});
    return Status();
  });
}

}  // namespace parc::server
