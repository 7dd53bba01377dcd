#include "server/notify/notifier.h"

#include <algorithm>
#include <set>

#include "server/notify/digest_message.h"
#include "server/notify/notify_message.h"
#include "shared/crypto.h"

namespace parc::server::notify {

Notifier::Notifier(Store& store, NotificationStore& queue, NotifierOptions options, Clock clock, Logger logger)
    : store_(store),
      queue_(queue),
      options_(std::move(options)),
      clock_(std::move(clock)),
      logger_(std::move(logger)),
      sender_(options_.timeouts) {}

Notifier::~Notifier() { stop(); }

void Notifier::start() {
  if (thread_) return;
  thread_ = std::make_unique<PeriodicTask>(options_.period, options_.period, [this] {
    try {
      runOnce();
    } catch (const std::exception& e) {
      logger_->error("notification pass failed: {}", e.what());
    }
  });
}

void Notifier::stop() { thread_.reset(); }

std::size_t Notifier::runOnce() {
  route();
  return sendDue();
}

std::size_t Notifier::route() {
  const std::int64_t cursor = queue_.notifyCursor();
  const auto events = store_.listAlertEvents(Scope::everything(), cursor, options_.batch);
  if (events.empty()) return 0;
  const auto endpoints = queue_.listNotifyEndpoints(Scope::everything());
  const TimePoint now = clock_();
  std::vector<NewDelivery> deliveries;
  for (const AlertEvent& event : events) {
    for (const NotifyEndpoint& endpoint : endpoints) {
      // A digest's window closes `digest` after its first event (the store joins later ones).
      const TimePoint due = isDigest(endpoint) ? now + endpoint.digest : now;
      if (endpointWants(endpoint, event)) deliveries.push_back({endpoint.id, event.id, due});
    }
  }
  if (auto status = queue_.enqueueDeliveries(cursor, events.back().id, deliveries); !status) {
    logger_->warn("routing events {} to {} failed: {}", cursor + 1, events.back().id, status.error());
    return 0;
  }
  if (!deliveries.empty()) {
    logger_->info("routed events {} to {}: {} deliveries", cursor + 1, events.back().id, deliveries.size());
  }
  return deliveries.size();
}

std::size_t Notifier::sendDue() {
  const auto due = queue_.dueDeliveries(clock_(), options_.batch);
  std::set<std::string> digests_sent;  // a digest's window goes whole, once per pass
  std::size_t tried = 0;
  for (const DueDelivery& one : due) {
    if (isDigest(one.endpoint)) {
      if (digests_sent.insert(one.endpoint.id).second) tried += sendDigest(one.endpoint);
      continue;
    }
    record({one.delivery.id}, one.delivery.attempts, one.endpoint, sendOne(one));
    ++tried;
  }
  return tried;
}

std::size_t Notifier::sendDigest(const NotifyEndpoint& endpoint) {
  const auto window = queue_.dueDeliveriesFor(endpoint.id, clock_(), options_.digest_max);
  if (window.empty()) return 0;
  std::vector<std::string> ids;
  std::vector<AlertEvent> events;
  std::int64_t attempts = 0;
  for (const DueDelivery& one : window) {
    ids.push_back(one.delivery.id);
    events.push_back(one.event);
    attempts = std::max(attempts, one.delivery.attempts);
  }
  // The same window gets the same Message-ID when sent again: receivers can dedupe.
  const MailEnvelope envelope{options_.smtp.from, endpoint.target, "digest-" + ids.front() + "@parc", clock_()};
  const Status sent = sender_.sendMail(options_.smtp, endpoint.target, digestMessage(events, envelope));
  if (sent) logger_->info("digest of {} alerts sent to endpoint {}", ids.size(), endpoint.id);
  record(ids, attempts, endpoint, sent);
  return window.size();
}

void Notifier::record(const std::vector<std::string>& ids, std::int64_t attempts_before,
                      const NotifyEndpoint& endpoint, const Status& sent) {
  const TimePoint now = clock_();
  if (sent) {
    if (auto status = queue_.markSent(ids, now); !status) {
      logger_->error("delivery {}: sent but not recorded: {}", ids.front(), status.error());
    }
    return;
  }
  const std::int64_t attempts = attempts_before + 1;
  const bool dead = attempts >= options_.max_attempts;
  const TimePoint retry_at = now + retryDelay(attempts_before, options_.retry_base, options_.retry_cap);
  logger_->warn("delivery {}{} ({} {}) attempt {} failed{}: {}", ids.front(),
                ids.size() > 1 ? " and " + std::to_string(ids.size() - 1) + " more" : std::string(), endpoint.kind,
                endpoint.id, attempts, dead ? ", giving up" : "", sent.error());
  if (auto status = queue_.markFailed(ids, sent.error(), retry_at, dead); !status) {
    logger_->error("delivery {}: failure not recorded: {}", ids.front(), status.error());
  }
}

Status Notifier::sendOne(const DueDelivery& due) {
  if (due.endpoint.kind == "webhook") {
    const std::string body = webhookBody(due.event);
    return sender_.postJson(due.endpoint.target, body,
                            {"X-Parc-Signature: " + webhookSignature(body, due.endpoint.secret),
                             "X-Parc-Delivery: " + due.delivery.id, "User-Agent: parc-server"});
  }
  if (due.endpoint.kind == "email") {
    MailEnvelope envelope{options_.smtp.from, due.endpoint.target, due.delivery.id + "@parc",
                          clock_()};
    return sender_.sendMail(options_.smtp, due.endpoint.target, mailMessage(due.event, envelope));
  }
  return makeError("unknown endpoint kind " + due.endpoint.kind);
}

}  // namespace parc::server::notify
