#pragma once
// Alert rows inside the caller's transaction: read them, apply a lifecycle plan
// (server/alerts/lifecycle.h), append the events each change causes.

#include <functional>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "server/alerts/lifecycle.h"
#include "server/alerts/rule_types.h"
#include "server/store/sqlite/sqlite_db.h"
#include "server/store/store.h"

namespace parc::server::sqlite {

// Where a new alert goes.
struct AlertTarget {
  std::string device_id, site_id, collectivity_id;
};

std::optional<AlertTarget> targetOf(Connection& db, const std::string& device_id);
alerts::Overrides loadOverrides(Connection& db, const std::string& collectivity_id);
// The device's alerts not resolved, and those held (resolved by hand, condition on).
std::vector<alerts::ActiveAlert> activeAlerts(Connection& db, const std::string& device_id);
// The same for one (rule, key) on any device (the site alert).
std::vector<alerts::ActiveAlert> activeAlertsByKey(Connection& db, const std::string& rule_id,
                                                   const std::string& key);

// Applies the plan at time `at`; returns the events appended.
std::vector<AlertEvent> applyPlan(Connection& db, const AlertTarget& target,
                                  const std::vector<alerts::Action>& plan, const std::string& at);

// Evaluates `findings` against the device's alerts for the rules in `evaluated`.
std::vector<AlertEvent> reconcileDevice(Connection& db, const AlertTarget& target,
                                        std::vector<alerts::Finding> findings,
                                        const std::vector<std::string>& evaluated,
                                        const alerts::Overrides& overrides, const std::string& at);
// The same with each rule's clear_after already known (the ingest writer's cache).
using ClearAfter = std::function<std::int64_t(const std::string&)>;
std::vector<AlertEvent> reconcileDevice(Connection& db, const AlertTarget& target,
                                        std::vector<alerts::Finding> findings,
                                        const std::set<std::string>& evaluated, const ClearAfter& clear_after,
                                        const std::string& at);

std::optional<Alert> readAlert(Connection& db, const std::string& alert_id);
// Appends an event of `type` for `alert` as it is now.
AlertEvent appendAlertEvent(Connection& db, const Alert& alert, const std::string& type, const std::string& at);

// The SELECT list readAlert and the list read share, and its row decoder.
// FROM alerts a JOIN devices d ON d.id = a.device_id JOIN sites s ON s.id = a.site_id
inline constexpr const char* kAlertColumns =
    "a.id, a.rule_id, a.\"key\", a.severity, a.state, a.summary, a.details, a.device_id, a.site_id, "
    "a.collectivity_id, d.hostname, d.room, s.name, a.opened_at, a.last_seen_at, a.count, "
    "a.acknowledged_at, a.acknowledged_by, a.resolved_at, a.resolved_by, a.resolution_note";
inline constexpr const char* kAlertJoins =
    " FROM alerts a JOIN devices d ON d.id = a.device_id JOIN sites s ON s.id = a.site_id";
Alert alertFromRow(const Statement& row);

}  // namespace parc::server::sqlite
