#pragma once
// The notifier: on its own thread, routes each new alert journal event to the
// endpoints of its collectivity that want it (a delivery per pair, kept in the
// store), then sends the due deliveries: webhooks signed with HMAC-SHA256,
// e-mail over SMTP. A failure is retried with exponential back-off, then the
// delivery is dead. Everything lives in the store, so a restart loses nothing.
// An e-mail endpoint with a digest window gets one message per window: its
// deliveries wait in the store until the window closes, then go together.

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>

#include "server/maintenance/periodic_task.h"
#include "server/notify/curl_sender.h"
#include "server/store/notification_store.h"
#include "shared/logging.h"
#include "shared/time.h"

namespace parc::server::notify {

struct NotifierOptions {
  SmtpSettings smtp;
  SendTimeouts timeouts;
  std::int64_t max_attempts = 8;                  // then dead
  std::chrono::seconds retry_base{30};            // first retry after this, doubled each time
  std::chrono::seconds retry_cap{3600};
  std::chrono::milliseconds period{2000};         // how often the journal and the queue are read
  std::size_t batch = 200;                        // events routed, deliveries sent per pass
  std::size_t digest_max = 1000;                  // alerts in one digest e-mail at most
};

class Notifier {
 public:
  Notifier(Store& store, NotificationStore& queue, NotifierOptions options, Clock clock, Logger logger);
  ~Notifier();  // stop()
  Notifier(const Notifier&) = delete;
  Notifier& operator=(const Notifier&) = delete;

  // Runs runOnce() every options.period on a thread of its own until stop().
  void start();
  // Wakes the thread at once and joins it (a send under way finishes first). Idempotent.
  void stop();

  // One pass: route new events, then send what is due. Returns the deliveries tried.
  std::size_t runOnce();
  // Routes journal events after the cursor; returns the deliveries created.
  std::size_t route();
  // Sends the due deliveries; returns how many were tried.
  std::size_t sendDue();

 private:
  Status sendOne(const DueDelivery& due);
  // Sends the due window of a digest endpoint as one e-mail; returns its deliveries.
  std::size_t sendDigest(const NotifyEndpoint& endpoint);
  // Marks `ids` sent, or failed once more (retried later, or dead).
  void record(const std::vector<std::string>& ids, std::int64_t attempts_before, const NotifyEndpoint& endpoint,
              const Status& sent);
  static bool isDigest(const NotifyEndpoint& endpoint) {
    return endpoint.kind == "email" && endpoint.digest.count() > 0;
  }

  Store& store_;
  NotificationStore& queue_;
  const NotifierOptions options_;
  Clock clock_;
  Logger logger_;
  CurlSender sender_;
  std::unique_ptr<PeriodicTask> thread_;
};

}  // namespace parc::server::notify
