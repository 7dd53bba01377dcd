#include "server/notify/notifier.h"

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
      if (endpointWants(endpoint, event)) deliveries.push_back({endpoint.id, event.id, now});
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
  for (const DueDelivery& one : due) {
    const Status sent = sendOne(one);
    const TimePoint now = clock_();
    if (sent) {
      if (auto status = queue_.markSent({one.delivery.id}, now); !status) {
        logger_->error("delivery {}: sent but not recorded: {}", one.delivery.id, status.error());
      }
      continue;
    }
    const std::int64_t attempts = one.delivery.attempts + 1;
    const bool dead = attempts >= options_.max_attempts;
    const TimePoint retry_at = now + retryDelay(one.delivery.attempts, options_.retry_base, options_.retry_cap);
    logger_->warn("delivery {} ({} {}) attempt {} failed{}: {}", one.delivery.id, one.endpoint.kind,
                  one.endpoint.id, attempts, dead ? ", giving up" : "", sent.error());
    if (auto status = queue_.markFailed({one.delivery.id}, sent.error(), retry_at, dead); !status) {
      logger_->error("delivery {}: failure not recorded: {}", one.delivery.id, status.error());
    }
  }
  return due.size();
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
