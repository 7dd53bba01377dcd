#pragma once
// The notification queue kept in the store, so a restart loses nothing: where
// each collectivity wants its alerts sent (webhooks, e-mail addresses), the
// deliveries waiting, sent or dead, and how far the notifier has routed the
// alert event journal. SqliteStore implements it (sqlite_notifications.cpp).

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "server/store/store.h"

namespace parc::server {

// A place a collectivity's alerts go to.
struct NotifyEndpoint {
  std::string id;  // assigned by the store
  std::string collectivity_id;
  std::string kind;    // webhook, email
  std::string target;  // the URL, or the e-mail address
  std::string secret;  // webhook: the HMAC-SHA256 key (kept: it signs every body)
  std::string min_severity = "info";  // info, warning, critical
  std::vector<std::string> site_ids;  // empty: every site of the collectivity
  std::chrono::seconds digest{0};     // email: one message per window; 0: one per alert
  std::string created_at;             // assigned by the store
};

// A delivery to create: one event to one endpoint, first tried at `due`.
struct NewDelivery {
  std::string endpoint_id;
  std::int64_t event_id = 0;
  TimePoint due;
};

struct Delivery {
  std::string id;  // sent as X-Parc-Delivery: receivers dedupe on it
  std::string endpoint_id, collectivity_id;
  std::int64_t event_id = 0;
  std::string state;  // pending, sent, dead
  std::int64_t attempts = 0;
  std::string next_attempt_at, created_at;
  OptString last_error, sent_at;
};

// A pending delivery that is due, with what sending it needs.
struct DueDelivery {
  Delivery delivery;
  NotifyEndpoint endpoint;
  AlertEvent event;
};

class NotificationStore {
 public:
  virtual ~NotificationStore() = default;

  // "not_found" when the collectivity (or one of the sites, in it) is unknown.
  virtual Result<NotifyEndpoint> addNotifyEndpoint(const NotifyEndpoint& endpoint) = 0;
  virtual std::vector<NotifyEndpoint> listNotifyEndpoints(const Scope& scope) = 0;

  // The last journal event the notifier has routed (0 at first).
  virtual std::int64_t notifyCursor() = 0;
  // One transaction: when the cursor is still `from_id`, creates the deliveries
  // (an existing (endpoint, event) pair is kept) and moves the cursor to `to_id`.
  // "cursor_moved" when another notifier got there first. A delivery to a digest
  // endpoint joins the window already open (its pending deliveries never tried
  // yet: they share one due time) or, when none is, is due at `due`.
  virtual Status enqueueDeliveries(std::int64_t from_id, std::int64_t to_id,
                                   const std::vector<NewDelivery>& deliveries) = 0;
  // Pending deliveries with next_attempt_at <= now, oldest first.
  virtual std::vector<DueDelivery> dueDeliveries(TimePoint now, std::size_t limit) = 0;
  // The same, of one endpoint only: the window of a digest, gathered whole.
  virtual std::vector<DueDelivery> dueDeliveriesFor(const std::string& endpoint_id, TimePoint now,
                                                    std::size_t limit) = 0;
  // Sets the digest window of an e-mail endpoint (0: one message per alert).
  // "not_found" when there is no such e-mail endpoint.
  virtual Status setNotifyDigest(const std::string& endpoint_id, std::chrono::seconds digest) = 0;
  virtual Status markSent(const std::vector<std::string>& delivery_ids, TimePoint now) = 0;
  // Counts one failed attempt: pending again at `retry_at`, or dead.
  virtual Status markFailed(const std::vector<std::string>& delivery_ids, const std::string& error,
                            TimePoint retry_at, bool dead) = 0;
  // Deliveries of the scope, newest first; only those in `state` when given.
  virtual std::vector<Delivery> listDeliveries(const Scope& scope, const OptString& state,
                                               std::size_t limit) = 0;
};

}  // namespace parc::server
