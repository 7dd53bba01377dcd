#include "server/feed/subscription.h"

#include "server/feed/sse_format.h"

namespace parc::server::feed {

Subscription::Subscription(Scope scope, std::shared_ptr<ResponseStream> stream, std::size_t buffer_limit,
                           std::optional<std::int64_t> resume_after)
    : scope_(std::move(scope)), stream_(std::move(stream)), buffer_limit_(buffer_limit),
      catching_up_(resume_after.has_value()), catch_up_high_(resume_after.value_or(0)) {}

bool Subscription::offer(const AlertEvent& event) {
  if (!eventInScope(scope_, event)) return alive();
  std::lock_guard lock(mutex_);
  if (dropped_) return false;
  if (catching_up_) {
    if (buffered_.size() >= buffer_limit_) return dropLocked();
    buffered_.push_back(event);
    return true;
  }
  // The journal commits in id order, so a live event at or below the highest one
  // read from it was sent during the catch-up.
  if (event.id <= catch_up_high_) return true;
  return writeLocked(event);
}

bool Subscription::sendCatchUp(const AlertEvent& event) {
  std::lock_guard lock(mutex_);
  if (dropped_) return false;
  catch_up_high_ = std::max(catch_up_high_, event.id);
  if (!eventInScope(scope_, event)) return true;  // the store filters too; never trust one layer
  return writeLocked(event);
}

bool Subscription::goLive() {
  std::lock_guard lock(mutex_);
  if (dropped_) return false;
  catching_up_ = false;
  std::vector<AlertEvent> pending;
  pending.swap(buffered_);
  for (const AlertEvent& event : pending) {
    if (event.id <= catch_up_high_) continue;
    if (!writeLocked(event)) return false;
  }
  return true;
}

bool Subscription::ping() {
  std::lock_guard lock(mutex_);
  if (dropped_) return false;
  if (!stream_->write(formatSsePing())) return dropLocked();
  return true;
}

bool Subscription::waitWritable(std::chrono::milliseconds timeout) {
  if (!alive()) return false;
  return stream_->waitWritable(timeout);
}

void Subscription::close() {
  std::lock_guard lock(mutex_);
  dropLocked();
}

bool Subscription::alive() const {
  std::lock_guard lock(mutex_);
  return !dropped_ && stream_->open();
}

std::int64_t Subscription::lastSentId() const {
  std::lock_guard lock(mutex_);
  return last_sent_id_;
}

bool Subscription::writeLocked(const AlertEvent& event) {
  if (!stream_->write(formatSseEvent(event))) return dropLocked();
  last_sent_id_ = event.id;
  return true;
}

bool Subscription::dropLocked() {
  if (!dropped_) {
    dropped_ = true;
    buffered_.clear();
    stream_->close();
  }
  return false;
}

}  // namespace parc::server::feed
