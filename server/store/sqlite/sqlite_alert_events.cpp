#include "server/store/sqlite/sqlite_alert_events.h"

#include "server/store/sqlite/sqlite_guard.h"
#include "server/store/sqlite/sqlite_scope.h"
#include "server/store/sqlite/sqlite_store.h"

namespace parc::server {
namespace sqlite {

void insertAlertEvent(Connection& connection, AlertEvent& event) {
  connection
      .prepare("INSERT INTO alert_events (type, alert_id, device_id, site_id, collectivity_id, rule_id, "
               "severity, state, at, payload_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
               "insert alert event")
      .bind(1, event.type)
      .bind(2, event.alert_id)
      .bind(3, event.device_id)
      .bind(4, event.site_id)
      .bind(5, event.collectivity_id)
      .bind(6, event.rule_id)
      .bind(7, event.severity)
      .bind(8, event.state)
      .bind(9, event.at)
      .bind(10, event.payload_json)
      .run();
  event.id = std::stoll(connection.queryText("SELECT last_insert_rowid()", "read alert event id"));
}

}  // namespace sqlite

std::vector<AlertEvent> SqliteStore::listAlertEvents(const Scope& scope, std::int64_t after_id,
                                                     std::size_t limit) {
  std::lock_guard lock(mutex_);
  return sqlite::guardValue([&] {
    sqlite::Conditions conditions;
    conditions.add("e.id > ?", {after_id});
    sqlite::addScope(scope, "s", conditions);
    auto query = connection_->prepare(
        "SELECT e.id, e.type, e.alert_id, e.device_id, e.site_id, e.collectivity_id, e.rule_id, "
        "e.severity, e.state, e.at, e.payload_json FROM alert_events e JOIN sites s ON s.id = e.site_id" +
            conditions.where() + " ORDER BY e.id LIMIT ?",
        "list alert events");
    conditions.append(static_cast<std::int64_t>(limit));
    query.bindAll(conditions.values());
    std::vector<AlertEvent> events;
    while (query.step()) {
      events.push_back(AlertEvent{query.integer(0), query.text(1), query.text(2), query.text(3),
                                  query.text(4), query.text(5), query.text(6), query.text(7),
                                  query.text(8), query.text(9), query.text(10)});
    }
    return events;
  });
}

}  // namespace parc::server
