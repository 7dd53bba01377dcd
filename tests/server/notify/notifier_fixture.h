#pragma once
// The notifier's pass against a real store (the conformance fixture's SQLite
// one) with an injected clock: the queue, and notifiers whose sends fail fast.

#include <cstdint>
#include <string>
#include <vector>

#include "server/notify/notifier.h"
#include "tests/server/store/store_conformance.h"

namespace parc::server::testing {

class NotifierFixture : public StoreConformance {
 protected:
  void SetUp() override {
    StoreConformance::SetUp();
    queue_ = dynamic_cast<NotificationStore*>(store_.get());
    ASSERT_NE(queue_, nullptr);
  }

  // A notifier on the store and queue, reading clock_.
  notify::Notifier notifierWith(const notify::NotifierOptions& options) {
    return notify::Notifier(*store_, *queue_, options, [this] { return clock_; }, nullLogger());
  }

  // `max_attempts`, a 30 s back-off, 2 s / 4 s timeouts; e-mail through `smtp`.
  notify::Notifier makeNotifier(std::int64_t max_attempts, notify::SmtpSettings smtp = {}) {
    notify::NotifierOptions options;
    options.max_attempts = max_attempts;
    options.retry_base = std::chrono::seconds(30);
    options.smtp = std::move(smtp);
    options.timeouts = {std::chrono::milliseconds(2000), std::chrono::milliseconds(4000)};
    return notifierWith(options);
  }

  NotificationStore* queue_ = nullptr;
  TimePoint clock_ = at("2026-11-23T09:00:00Z");
};

}  // namespace parc::server::testing
