// The notification queue of the SQLite store (server/store/notification_store.h).

#include "server/store/sqlite/sqlite_guard.h"
#include "server/store/sqlite/sqlite_people_rows.h"
#include "server/store/sqlite/sqlite_scope.h"
#include "server/store/sqlite/sqlite_store.h"
#include "shared/crypto.h"

namespace parc::server {
namespace {

constexpr const char* kEndpointColumns =
    "n.id, n.collectivity_id, n.kind, n.target, n.secret, n.min_severity, n.site_ids, n.digest_s, "
    "n.created_at";
constexpr const char* kDeliveryColumns =
    "d.id, d.endpoint_id, d.collectivity_id, d.event_id, d.state, d.attempts, d.next_attempt_at, "
    "d.created_at, d.last_error, d.sent_at";
constexpr const char* kEventColumns =
    "e.id, e.type, e.alert_id, e.device_id, e.site_id, e.collectivity_id, e.rule_id, e.severity, "
    "e.state, e.at, e.payload_json";

NotifyEndpoint readEndpoint(const sqlite::Statement& row, int at) {
  NotifyEndpoint endpoint;
  endpoint.id = row.text(at);
  endpoint.collectivity_id = row.text(at + 1);
  endpoint.kind = row.text(at + 2);
  endpoint.target = row.text(at + 3);
  endpoint.secret = row.text(at + 4);
  endpoint.min_severity = row.text(at + 5);
  endpoint.site_ids = sqlite::parseSiteIds(row.text(at + 6));
  endpoint.digest = std::chrono::seconds(row.integer(at + 7));
  endpoint.created_at = row.text(at + 8);
  return endpoint;
}

Delivery readDelivery(const sqlite::Statement& row, int at) {
  return Delivery{row.text(at), row.text(at + 1), row.text(at + 2), row.integer(at + 3),
                  row.text(at + 4), row.integer(at + 5), row.text(at + 6), row.text(at + 7),
                  row.optText(at + 8), row.optText(at + 9)};
}

AlertEvent readEvent(const sqlite::Statement& row, int at) {
  return AlertEvent{row.integer(at), row.text(at + 1), row.text(at + 2), row.text(at + 3),
                    row.text(at + 4), row.text(at + 5), row.text(at + 6), row.text(at + 7),
                    row.text(at + 8), row.text(at + 9), row.text(at + 10)};
}

void checkSitesOf(sqlite::Connection& connection, const NotifyEndpoint& endpoint) {
  Scope scope = Scope::collectivity(endpoint.collectivity_id);
  scope.site_ids = endpoint.site_ids;
  if (auto status = sqlite::checkScopeExists(connection, scope); !status) {
    throw std::invalid_argument(status.error());
  }
}

}  // namespace

Result<NotifyEndpoint> SqliteStore::addNotifyEndpoint(const NotifyEndpoint& endpoint) {
  std::lock_guard lock(mutex_);
  return sqlite::guardResult([&]() -> Result<NotifyEndpoint> {
    try {
      checkSitesOf(*connection_, endpoint);
    } catch (const std::invalid_argument&) {
      return makeError("not_found");
    }
    NotifyEndpoint created = endpoint;
    created.id = newId();
    created.created_at = formatRfc3339(clock_());
    connection_
        ->prepare("INSERT INTO notify_endpoints (id, collectivity_id, kind, target, secret, min_severity, "
                  "site_ids, digest_s, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                  "insert notify endpoint")
        .bind(1, created.id)
        .bind(2, created.collectivity_id)
        .bind(3, created.kind)
        .bind(4, created.target)
        .bind(5, created.secret)
        .bind(6, created.min_severity)
        .bind(7, sqlite::siteIdsJson(created.site_ids))
        .bind(8, static_cast<std::int64_t>(created.digest.count()))
        .bind(9, created.created_at)
        .run();
    return created;
  });
}

std::vector<NotifyEndpoint> SqliteStore::listNotifyEndpoints(const Scope& scope) {
  std::lock_guard lock(mutex_);
  return sqlite::guardValue([&] {
    sqlite::Conditions conditions;
    if (!scope.all) conditions.add("n.collectivity_id = ?", {scope.collectivity_id.value_or("")});
    auto query = connection_->prepare(std::string("SELECT ") + kEndpointColumns +
                                          " FROM notify_endpoints n" + conditions.where() +
                                          " ORDER BY n.collectivity_id, n.created_at, n.id",
                                      "list notify endpoints");
    query.bindAll(conditions.values());
    std::vector<NotifyEndpoint> endpoints;
    while (query.step()) endpoints.push_back(readEndpoint(query, 0));
    return endpoints;
  });
}

std::int64_t SqliteStore::notifyCursor() {
  std::lock_guard lock(mutex_);
  return sqlite::guardValue([&] {
    return std::stoll(connection_->queryText("SELECT last_event_id FROM notify_cursor WHERE id = 1",
                                             "read notify cursor"));
  });
}

Status SqliteStore::enqueueDeliveries(std::int64_t from_id, std::int64_t to_id,
                                      const std::vector<NewDelivery>& deliveries) {
  std::lock_guard lock(mutex_);
  return sqlite::guardResult([&]() -> Status {
    sqlite::Transaction transaction(*connection_);
    const auto at = formatRfc3339(clock_());
    for (const NewDelivery& delivery : deliveries) {
      // A digest endpoint's delivery joins its open window (pending, never tried).
      connection_
          ->prepare("INSERT OR IGNORE INTO notify_deliveries (id, endpoint_id, collectivity_id, event_id, "
                    "next_attempt_at, created_at) SELECT ?1, n.id, n.collectivity_id, ?2, "
                    "CASE WHEN n.kind = 'email' AND n.digest_s > 0 THEN COALESCE((SELECT MIN(p.next_attempt_at) "
                    "FROM notify_deliveries p WHERE p.endpoint_id = n.id AND p.state = 'pending' "
                    "AND p.attempts = 0), ?3) ELSE ?3 END, ?4 FROM notify_endpoints n WHERE n.id = ?5",
                    "insert notify delivery")
          .bind(1, newId())
          .bind(2, delivery.event_id)
          .bind(3, formatRfc3339(delivery.due))
          .bind(4, at)
          .bind(5, delivery.endpoint_id)
          .run();
    }
    connection_->prepare("UPDATE notify_cursor SET last_event_id = ? WHERE id = 1 AND last_event_id = ?",
                         "move notify cursor")
        .bind(1, to_id)
        .bind(2, from_id)
        .run();
    if (connection_->changes() != 1) return makeError("cursor_moved");
    transaction.commit();
    return {};
  });
}

std::vector<DueDelivery> SqliteStore::dueDeliveries(TimePoint now, std::size_t limit) {
  return dueDeliveriesFor("", now, limit);
}

// An empty `endpoint_id`: every endpoint.
std::vector<DueDelivery> SqliteStore::dueDeliveriesFor(const std::string& endpoint_id, TimePoint now,
                                                       std::size_t limit) {
  std::lock_guard lock(mutex_);
  return sqlite::guardValue([&] {
    auto query = connection_->prepare(
        std::string("SELECT ") + kDeliveryColumns + ", " + kEndpointColumns + ", " + kEventColumns +
            " FROM notify_deliveries d JOIN notify_endpoints n ON n.id = d.endpoint_id "
            "JOIN alert_events e ON e.id = d.event_id WHERE d.state = 'pending' AND d.next_attempt_at <= ?1 "
            "AND (?3 = '' OR d.endpoint_id = ?3) ORDER BY d.next_attempt_at, e.id LIMIT ?2",
        "list due deliveries");
    query.bind(1, formatRfc3339(now)).bind(2, static_cast<std::int64_t>(limit)).bind(3, endpoint_id);
    std::vector<DueDelivery> due;
    while (query.step()) due.push_back(DueDelivery{readDelivery(query, 0), readEndpoint(query, 10), readEvent(query, 19)});
    return due;
  });
}

Status SqliteStore::setNotifyDigest(const std::string& endpoint_id, std::chrono::seconds digest) {
  std::lock_guard lock(mutex_);
  return sqlite::guardResult([&]() -> Status {
    if (digest.count() < 0) return makeError("invalid_digest");
    connection_->prepare("UPDATE notify_endpoints SET digest_s = ? WHERE id = ? AND kind = 'email'",
                         "set notify digest")
        .bind(1, static_cast<std::int64_t>(digest.count()))
        .bind(2, endpoint_id)
        .run();
    if (connection_->changes() != 1) return makeError("not_found");
    return {};
  });
}

Status SqliteStore::markSent(const std::vector<std::string>& delivery_ids, TimePoint now) {
  std::lock_guard lock(mutex_);
  return sqlite::guardResult([&]() -> Status {
    sqlite::Transaction transaction(*connection_);
    for (const auto& id : delivery_ids) {
      connection_
          ->prepare("UPDATE notify_deliveries SET state = 'sent', sent_at = ?, attempts = attempts + 1, "
                    "last_error = NULL WHERE id = ? AND state = 'pending'",
                    "mark delivery sent")
          .bind(1, formatRfc3339(now))
          .bind(2, id)
          .run();
    }
    transaction.commit();
    return {};
  });
}

Status SqliteStore::markFailed(const std::vector<std::string>& delivery_ids, const std::string& error,
                               TimePoint retry_at, bool dead) {
  std::lock_guard lock(mutex_);
  return sqlite::guardResult([&]() -> Status {
    sqlite::Transaction transaction(*connection_);
    for (const auto& id : delivery_ids) {
      connection_
          ->prepare("UPDATE notify_deliveries SET state = ?, attempts = attempts + 1, last_error = ?, "
                    "next_attempt_at = ? WHERE id = ? AND state = 'pending'",
                    "mark delivery failed")
          .bind(1, dead ? "dead" : "pending")
          .bind(2, error.substr(0, 500))
          .bind(3, formatRfc3339(retry_at))
          .bind(4, id)
          .run();
    }
    transaction.commit();
    return {};
  });
}

std::vector<Delivery> SqliteStore::listDeliveries(const Scope& scope, const OptString& state,
                                                  std::size_t limit) {
  std::lock_guard lock(mutex_);
  return sqlite::guardValue([&] {
    sqlite::Conditions conditions;
    sqlite::addScope(scope, "s", conditions);
    if (state) conditions.add("d.state = ?", {*state});
    auto query = connection_->prepare(
        std::string("SELECT ") + kDeliveryColumns +
            " FROM notify_deliveries d JOIN alert_events e ON e.id = d.event_id "
            "JOIN sites s ON s.id = e.site_id" + conditions.where() + " ORDER BY d.created_at DESC, e.id DESC LIMIT ?",
        "list deliveries");
    conditions.append(static_cast<std::int64_t>(limit));
    query.bindAll(conditions.values());
    std::vector<Delivery> deliveries;
    while (query.step()) deliveries.push_back(readDelivery(query, 0));
    return deliveries;
  });
}

}  // namespace parc::server
