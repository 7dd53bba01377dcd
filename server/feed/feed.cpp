#include "server/feed/feed.h"

#include <exception>

#include "server/feed/sse_format.h"

namespace parc::server::feed {

Feed::Feed(Store& store, FeedOptions options, Logger logger)
    : store_(store), options_(options), logger_(std::move(logger)), hub_(options.hub, logger_),
      thread_([this] { run(); }) {}

Feed::~Feed() { stop(); }

void Feed::publish(const std::vector<AlertEvent>& events) { hub_.publish(events); }

bool Feed::open(const Scope& scope, std::optional<std::int64_t> after_id,
                std::shared_ptr<ResponseStream> stream) {
  if (!stream->write(formatSseRetry(options_.retry_ms))) return false;
  // Subscribe before the journal is read: an event committed meanwhile is either
  // in the read or in the subscription's buffer (or both; goLive() drops the copy).
  auto subscription = hub_.subscribe(scope, stream, after_id);
  if (!subscription) {
    stream->close();
    return false;
  }
  if (after_id) {
    std::lock_guard lock(mutex_);
    jobs_.push_back(CatchUp{std::move(subscription), *after_id});
    wake_.notify_one();
  }
  return true;
}

void Feed::stop() {
  {
    std::lock_guard lock(mutex_);
    if (stopping_) return;
    stopping_ = true;
    wake_.notify_all();
  }
  if (thread_.joinable()) thread_.join();
  hub_.closeAll();
}

void Feed::run() {
  auto next_ping = std::chrono::steady_clock::now() + options_.heartbeat;
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    if (jobs_.empty()) {
      wake_.wait_until(lock, next_ping, [this] { return stopping_ || !jobs_.empty(); });
    }
    if (stopping_) break;
    if (!jobs_.empty()) {
      CatchUp job = std::move(jobs_.front());
      jobs_.pop_front();
      lock.unlock();
      catchUp(job);
      lock.lock();
    }
    if (std::chrono::steady_clock::now() >= next_ping) {
      lock.unlock();
      hub_.pingAll();
      lock.lock();
      next_ping = std::chrono::steady_clock::now() + options_.heartbeat;
    }
  }
}

void Feed::catchUp(const CatchUp& job) {
  Subscription& reader = *job.subscription;
  std::int64_t after = job.after_id;
  try {
    while (true) {
      const auto events = store_.listAlertEvents(reader.scope(), after, options_.catch_up_batch);
      for (const AlertEvent& event : events) {
        if (!reader.sendCatchUp(event)) return hub_.unsubscribe(reader);
        after = event.id;
      }
      if (events.size() < options_.catch_up_batch) break;
      if (!reader.waitWritable(options_.catch_up_wait)) {
        logger_->info("feed reader too slow to catch up: dropped");
        reader.close();
        return hub_.unsubscribe(reader);
      }
    }
  } catch (const std::exception& e) {
    logger_->error("feed catch-up after event {} failed: {}", after, e.what());
    reader.close();
    return hub_.unsubscribe(reader);
  }
  if (!reader.goLive()) hub_.unsubscribe(reader);
}

}  // namespace parc::server::feed
