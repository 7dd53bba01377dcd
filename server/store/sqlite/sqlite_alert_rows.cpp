#include "server/store/sqlite/sqlite_alert_rows.h"

#include <set>

#include "server/alerts/alert_json.h"
#include "server/alerts/rule_catalog.h"
#include "server/store/sqlite/sqlite_alert_events.h"
#include "shared/crypto.h"

namespace parc::server::sqlite {
namespace {

using alerts::Action;
using alerts::ActiveAlert;
using alerts::Step;

constexpr const char* kActiveColumns = "id, rule_id, \"key\", severity, level, clear_count, held";

std::vector<ActiveAlert> readActive(Statement& query) {
  std::vector<ActiveAlert> out;
  while (query.step()) {
    out.push_back({query.text(0), query.text(1), query.text(2), query.text(3), query.text(4),
                   query.integer(5), query.integer(6) != 0});
  }
  return out;
}

std::string openAlert(Connection& db, const AlertTarget& target, const alerts::Finding& f, const std::string& at) {
  const std::string id = newId();
  db.prepare("INSERT INTO alerts (id, device_id, site_id, collectivity_id, rule_id, \"key\", severity, level, "
             "state, summary, details, opened_at, last_seen_at) "
             "VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'open', ?, ?, ?, ?)",
             "open alert")
      .bind(1, id).bind(2, target.device_id).bind(3, target.site_id).bind(4, target.collectivity_id)
      .bind(5, f.rule_id).bind(6, f.key).bind(7, f.severity).bind(8, f.level).bind(9, f.summary)
      .bind(10, f.details).bind(11, at).bind(12, at)
      .run();
  return id;
}

void seeAgain(Connection& db, const std::string& id, const alerts::Finding& f, const std::string& at) {
  db.prepare("UPDATE alerts SET severity = ?, level = ?, summary = ?, details = ?, last_seen_at = ?, "
             "count = count + 1, clear_count = 0 WHERE id = ?",
             "repeat alert")
      .bind(1, f.severity).bind(2, f.level).bind(3, f.summary).bind(4, f.details).bind(5, at).bind(6, id)
      .run();
}

void resolveCleared(Connection& db, const std::string& id, const std::string& at) {
  db.prepare("UPDATE alerts SET state = 'resolved', resolved_at = ?, resolved_by = 'auto', held = 0 "
             "WHERE id = ?",
             "resolve cleared alert")
      .bind(1, at).bind(2, id).run();
}

// Applies one step; returns the event type it causes, if any.
OptString applyStep(Connection& db, const AlertTarget& target, const Action& action, const std::string& at,
                    std::string& alert_id) {
  alert_id = action.alert_id;
  switch (action.step) {
    case Step::open:
      alert_id = openAlert(db, target, *action.finding, at);
      return "opened";
    case Step::repeat:
    case Step::update:
      seeAgain(db, alert_id, *action.finding, at);
      return action.step == Step::update ? OptString("updated") : std::nullopt;
    case Step::clearing:
      db.prepare("UPDATE alerts SET clear_count = ? WHERE id = ?", "count alert clearing")
          .bind(1, action.clear_count).bind(2, alert_id).run();
      return std::nullopt;
    case Step::resolve:
      resolveCleared(db, alert_id, at);
      return "resolved";
    case Step::release:
      db.prepare("UPDATE alerts SET held = 0 WHERE id = ?", "release held alert").bind(1, alert_id).run();
      return std::nullopt;
  }
  return std::nullopt;
}

}  // namespace

std::optional<AlertTarget> targetOf(Connection& db, const std::string& device_id) {
  Statement query = db.prepare(
      "SELECT d.site_id, s.collectivity_id FROM devices d JOIN sites s ON s.id = d.site_id WHERE d.id = ?",
      "read alert target");
  query.bind(1, device_id);
  if (!query.step()) return std::nullopt;
  return AlertTarget{device_id, query.text(0), query.text(1)};
}

alerts::Overrides loadOverrides(Connection& db, const std::string& collectivity_id) {
  Statement query = db.prepare(
      "SELECT rule_id, name, value FROM alert_rule_settings WHERE collectivity_id = ?", "read rule settings");
  query.bind(1, collectivity_id);
  alerts::Overrides out;
  while (query.step()) out[query.text(0)][query.text(1)] = query.text(2);
  return out;
}

std::vector<ActiveAlert> activeAlerts(Connection& db, const std::string& device_id) {
  Statement query = db.prepare(std::string("SELECT ") + kActiveColumns +
                                   " FROM alerts WHERE device_id = ? AND (state <> 'resolved' OR held = 1)",
                               "read active alerts");
  query.bind(1, device_id);
  return readActive(query);
}

std::vector<ActiveAlert> activeAlertsByKey(Connection& db, const std::string& rule_id, const std::string& key) {
  Statement query = db.prepare(std::string("SELECT ") + kActiveColumns +
                                   " FROM alerts WHERE rule_id = ? AND \"key\" = ? AND "
                                   "(state <> 'resolved' OR held = 1)",
                               "read active alerts by key");
  query.bind(1, rule_id).bind(2, key);
  return readActive(query);
}

std::vector<AlertEvent> applyPlan(Connection& db, const AlertTarget& target, const std::vector<Action>& plan,
                                  const std::string& at) {
  std::vector<AlertEvent> events;
  for (const Action& action : plan) {
    std::string alert_id;
    const OptString type = applyStep(db, target, action, at, alert_id);
    if (!type) continue;
    if (const auto alert = readAlert(db, alert_id)) events.push_back(appendAlertEvent(db, *alert, *type, at));
  }
  return events;
}

std::vector<AlertEvent> reconcileDevice(Connection& db, const AlertTarget& target,
                                        std::vector<alerts::Finding> findings,
                                        const std::vector<std::string>& evaluated,
                                        const alerts::Overrides& overrides, const std::string& at) {
  // Every alert of the device takes part (a finding must meet its open alert, of
  // whatever rule); only those of the evaluated rules may clear.
  const std::set<std::string> rules(evaluated.begin(), evaluated.end());
  const auto clear_after = [&](const std::string& rule_id) -> std::int64_t {
    const alerts::RuleDefinition* rule = alerts::findRule(rule_id);
    return rule ? alerts::effectiveSettings(*rule, overrides).clearAfter() : 1;
  };
  return reconcileDevice(db, target, std::move(findings), rules, clear_after, at);
}

std::vector<AlertEvent> reconcileDevice(Connection& db, const AlertTarget& target,
                                        std::vector<alerts::Finding> findings,
                                        const std::set<std::string>& evaluated, const ClearAfter& clear_after,
                                        const std::string& at) {
  const std::vector<ActiveAlert> active = activeAlerts(db, target.device_id);
  const auto plan = alerts::reconcile(active, std::move(findings), evaluated, clear_after);
  return applyPlan(db, target, plan, at);
}

Alert alertFromRow(const Statement& row) {
  Alert a;
  a.id = row.text(0);
  a.rule_id = row.text(1);
  a.key = row.text(2);
  a.severity = row.text(3);
  a.state = row.text(4);
  a.summary = row.text(5);
  a.details = row.text(6);
  a.device_id = row.text(7);
  a.site_id = row.text(8);
  a.collectivity_id = row.text(9);
  a.device_name = row.optText(10);
  a.room = row.optText(11);
  a.site_name = row.optText(12);
  a.opened_at = row.text(13);
  a.last_seen_at = row.text(14);
  a.count = row.integer(15);
  a.acknowledged_at = row.optText(16);
  a.acknowledged_by = row.optText(17);
  a.resolved_at = row.optText(18);
  a.resolved_by = row.optText(19);
  a.resolution_note = row.optText(20);
  return a;
}

std::optional<Alert> readAlert(Connection& db, const std::string& alert_id) {
  Statement query =
      db.prepare(std::string("SELECT ") + kAlertColumns + kAlertJoins + " WHERE a.id = ?", "read alert");
  query.bind(1, alert_id);
  if (!query.step()) return std::nullopt;
  return alertFromRow(query);
}

AlertEvent appendAlertEvent(Connection& db, const Alert& alert, const std::string& type, const std::string& at) {
  AlertEvent event{0, type, alert.id, alert.device_id, alert.site_id, alert.collectivity_id,
                   alert.rule_id, alert.severity, alert.state, at, alerts::encodeAlert(alert)};
  insertAlertEvent(db, event);
  return event;
}

}  // namespace parc::server::sqlite
