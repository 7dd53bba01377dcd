// SqliteStore: alerts as people read and act on them. Every read and action is
// scoped through the alert's site; an alert outside the scope is "not_found".

#include <algorithm>
#include <charconv>

#include "server/alerts/rule_catalog.h"
#include "server/store/sqlite/sqlite_alert_rows.h"
#include "server/store/sqlite/sqlite_guard.h"
#include "server/store/sqlite/sqlite_scope.h"
#include "server/store/sqlite/sqlite_store.h"

namespace parc::server {
namespace {

using sqlite::Connection;
using sqlite::Statement;

std::optional<std::int64_t> parseCursor(const std::string& text) {
  std::int64_t value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || value < 1) return std::nullopt;
  return value;
}

// The alert when `scope` may see it.
std::optional<Alert> scopedAlert(Connection& db, const Scope& scope, const std::string& alert_id) {
  sqlite::Conditions conditions;
  conditions.add("a.id = ?", {alert_id});
  sqlite::addScope(scope, "s", conditions);
  Statement query = db.prepare(std::string("SELECT ") + sqlite::kAlertColumns + sqlite::kAlertJoins +
                                   conditions.where(),
                               "read scoped alert");
  query.bindAll(conditions.values());
  if (!query.step()) return std::nullopt;
  return sqlite::alertFromRow(query);
}

std::vector<AlertEvent> eventsOf(Connection& db, const std::string& alert_id) {
  Statement query = db.prepare(
      "SELECT id, type, alert_id, device_id, site_id, collectivity_id, rule_id, severity, state, at, "
      "payload_json FROM alert_events WHERE alert_id = ? ORDER BY id",
      "read alert history");
  query.bind(1, alert_id);
  std::vector<AlertEvent> out;
  while (query.step()) {
    out.push_back({query.integer(0), query.text(1), query.text(2), query.text(3), query.text(4), query.text(5),
                   query.text(6), query.text(7), query.text(8), query.text(9), query.text(10)});
  }
  return out;
}

std::vector<AlertNote> notesOf(Connection& db, const std::string& alert_id) {
  Statement query =
      db.prepare("SELECT at, author, text FROM alert_notes WHERE alert_id = ? ORDER BY id", "read alert notes");
  query.bind(1, alert_id);
  std::vector<AlertNote> out;
  while (query.step()) out.push_back({query.text(0), query.text(1), query.text(2)});
  return out;
}

std::vector<Intervention> interventionsOf(Connection& db, const std::string& alert_id) {
  Statement query = db.prepare(
      "SELECT id, device_id, site_id, alert_id, what, minutes, by_actor, at FROM interventions "
      "WHERE alert_id = ? ORDER BY at, id",
      "read alert interventions");
  query.bind(1, alert_id);
  std::vector<Intervention> out;
  while (query.step()) {
    out.push_back({query.text(0), query.text(1), query.text(2), query.optText(3), query.text(4),
                   query.integer(5), query.text(6), query.text(7)});
  }
  return out;
}

void insertNote(Connection& db, const std::string& alert_id, const std::string& by, const std::string& text,
                const std::string& at) {
  db.prepare("INSERT INTO alert_notes (alert_id, at, author, text) VALUES (?, ?, ?, ?)", "insert alert note")
      .bind(1, alert_id).bind(2, at).bind(3, by).bind(4, text).run();
}

// A rule that re-checks its condition keeps a hand-resolved alert silent until the
// condition has gone; a latched rule (a removed part) fires once per change.
bool holdsWhenResolved(const std::string& rule_id) {
  const alerts::RuleDefinition* rule = alerts::findRule(rule_id);
  return rule && rule->kind != alerts::RuleKind::latched;
}

// Runs `change` on the scoped alert inside one transaction, then appends one
// event of `type` for the alert as it is afterwards.
template <class Change>
Result<std::vector<AlertEvent>> act(Connection& db, const Scope& scope, const std::string& alert_id,
                                    const std::string& type, TimePoint now, Change change) {
  return sqlite::guardResult([&]() -> Result<std::vector<AlertEvent>> {
    sqlite::Transaction transaction(db);
    const auto alert = scopedAlert(db, scope, alert_id);
    if (!alert) return makeError("not_found");
    const std::string at = formatRfc3339(now);
    if (Status done = change(*alert, at); !done) return makeError(done.error());
    std::vector<AlertEvent> events{sqlite::appendAlertEvent(db, *sqlite::readAlert(db, alert_id), type, at)};
    transaction.commit();
    return events;
  });
}

}  // namespace

Result<AlertPage> SqliteStore::listAlerts(const Scope& scope, const AlertFilter& filter) {
  std::lock_guard lock(mutex_);
  return sqlite::guardResult([&]() -> Result<AlertPage> {
    sqlite::Conditions conditions;
    sqlite::addScope(scope, "s", conditions);
    const auto add = [&](const OptString& value, const char* clause) {
      if (value) conditions.add(clause, {*value});
    };
    add(filter.site_id, "a.site_id = ?");
    add(filter.room, "d.room = ?");
    add(filter.device_id, "a.device_id = ?");
    add(filter.rule_id, "a.rule_id = ?");
    add(filter.severity, "a.severity = ?");
    add(filter.state, "a.state = ?");
    if (filter.cursor) {
      const auto after = parseCursor(*filter.cursor);
      if (!after) return makeError("cursor: not a cursor of this list");
      conditions.add("a.rowid < ?", {*after});
    }
    const std::int64_t limit = std::clamp<std::int64_t>(filter.limit, 1, 1000);
    Statement query = connection_->prepare(std::string("SELECT ") + sqlite::kAlertColumns + ", a.rowid" +
                                               sqlite::kAlertJoins + conditions.where() +
                                               " ORDER BY a.rowid DESC LIMIT ?",
                                           "list alerts");
    conditions.append(limit + 1);
    query.bindAll(conditions.values());
    AlertPage page;
    std::int64_t last_rowid = 0;
    while (query.step()) {
      if (static_cast<std::int64_t>(page.alerts.size()) == limit) {
        page.next_cursor = std::to_string(last_rowid);
        break;
      }
      page.alerts.push_back(sqlite::alertFromRow(query));
      last_rowid = query.integer(21);
    }
    return page;
  });
}

std::optional<AlertDetail> SqliteStore::getAlert(const Scope& scope, const std::string& alert_id) {
  std::lock_guard lock(mutex_);
  return sqlite::guardValue([&]() -> std::optional<AlertDetail> {
    Connection& db = *connection_;
    auto alert = scopedAlert(db, scope, alert_id);
    if (!alert) return std::nullopt;
    return AlertDetail{std::move(*alert), eventsOf(db, alert_id), notesOf(db, alert_id),
                       interventionsOf(db, alert_id)};
  });
}

Result<std::vector<AlertEvent>> SqliteStore::acknowledgeAlert(const Scope& scope, const std::string& alert_id,
                                                              const std::string& by, TimePoint now) {
  std::lock_guard lock(mutex_);
  return act(*connection_, scope, alert_id, "acknowledged", now, [&](const Alert& alert, const std::string& at) {
    if (alert.state != "open") return Status(makeError("conflict: the alert is " + alert.state));
    connection_->prepare("UPDATE alerts SET state = 'acknowledged', acknowledged_at = ?, acknowledged_by = ? "
                         "WHERE id = ?",
                         "acknowledge alert")
        .bind(1, at).bind(2, by).bind(3, alert.id).run();
    return Status();
  });
}

Result<std::vector<AlertEvent>> SqliteStore::resolveAlert(const Scope& scope, const std::string& alert_id,
                                                          const std::string& by, const std::string& note,
                                                          TimePoint now) {
  if (note.empty()) return makeError("note: a resolution needs a note");
  std::lock_guard lock(mutex_);
  return act(*connection_, scope, alert_id, "resolved", now, [&](const Alert& alert, const std::string& at) {
    if (alert.state == "resolved") return Status(makeError("conflict: the alert is already resolved"));
    // Held: it stays resolved while its condition lasts (server/alerts/lifecycle.h).
    connection_->prepare("UPDATE alerts SET state = 'resolved', resolved_at = ?, resolved_by = ?, "
                         "resolution_note = ?, held = ? WHERE id = ?",
                         "resolve alert")
        .bind(1, at).bind(2, by).bind(3, note).bind(4, std::int64_t{holdsWhenResolved(alert.rule_id)})
        .bind(5, alert.id).run();
    insertNote(*connection_, alert.id, by, note, at);
    return Status();
  });
}

Result<std::vector<AlertEvent>> SqliteStore::addAlertNote(const Scope& scope, const std::string& alert_id,
                                                          const std::string& by, const std::string& text,
                                                          TimePoint now) {
  if (text.empty()) return makeError("text: a note needs text");
  std::lock_guard lock(mutex_);
  return act(*connection_, scope, alert_id, "note", now, [&](const Alert& alert, const std::string& at) {
    insertNote(*connection_, alert.id, by, text, at);
    return Status();
  });
}

}  // namespace parc::server
