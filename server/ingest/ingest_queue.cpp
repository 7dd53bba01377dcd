#include "server/ingest/ingest_queue.h"

#include <algorithm>
#include <cmath>
#include <exception>
#include <vector>

#include "server/store/store_error.h"

namespace parc::server {
namespace {

using SteadyClock = std::chrono::steady_clock;

// The committed rate is smoothed over a few batches; below this floor an idle
// queue would promise absurd drain times.
constexpr double kRateFloor = 100.0;
constexpr double kRateSmoothing = 0.2;

}  // namespace

IngestQueue::IngestQueue(BatchIngester& store, IngestQueueOptions options, Logger logger,
                         std::uint64_t seed)
    : store_(store), options_(options), logger_(std::move(logger)), jitter_(seed) {
  syncer_ = std::thread([this] { syncerLoop(); });
  writer_ = std::thread([this] { writerLoop(); });
}

IngestQueue::~IngestQueue() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  writer_.join();  // everything waiting is committed and handed to the syncer
  {
    std::lock_guard lock(sync_mutex_);
    writer_done_ = true;
  }
  sync_wake_.notify_all();
  syncer_.join();
}

IngestQueue::Admission IngestQueue::submit(IngestItem item, Done done) {
  const auto now = SteadyClock::now();
  std::unique_lock lock(mutex_);
  const bool too_deep = queue_.size() >= options_.max_queued;
  const bool too_old = !queue_.empty() && now - queue_.front().since > options_.max_queue_age;
  if (stopping_ || too_deep || too_old) {
    ++stats_.refused;
    return Admission{false, retryAfter()};
  }
  queue_.push_back(Waiting{std::move(item), std::move(done), now});
  const bool first = queue_.size() == 1;
  const bool full = queue_.size() >= options_.max_batch;
  lock.unlock();
  if (first || full) wake_.notify_one();
  return Admission{true, {}};
}

IngestQueueStats IngestQueue::stats() const {
  std::lock_guard lock(mutex_);
  IngestQueueStats out = stats_;
  out.queued = queue_.size();
  return out;
}

// The time the queue needs to drain at the recent rate, spread at random over
// [base, 2 base + 1] so the refused agents come back over a window, not together.
std::chrono::seconds IngestQueue::retryAfter() {
  const double rate = std::max(commit_rate_, kRateFloor);
  const auto min_s = options_.min_retry_after.count();
  const auto max_s = std::max(min_s, options_.max_retry_after.count());
  const auto base = std::clamp<std::int64_t>(
      static_cast<std::int64_t>(std::ceil(double(queue_.size()) / rate)), min_s, max_s);
  std::uniform_int_distribution<std::int64_t> spread(base, std::min<std::int64_t>(2 * base + 1, max_s));
  return std::chrono::seconds(spread(jitter_));
}

void IngestQueue::writerLoop() {
  std::unique_lock lock(mutex_);
  while (true) {
    wake_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
    if (queue_.empty()) return;  // stopping, and everything waiting was committed
    std::deque<Waiting> batch = takeBatch(lock);
    lock.unlock();
    Committed committed = commit(batch);
    {
      std::lock_guard sync_lock(sync_mutex_);
      to_sync_.push_back(std::move(committed));
    }
    sync_wake_.notify_one();
    lock.lock();
  }
}

// Up to max_batch reports; when fewer are waiting, gathers for at most
// max_batch_wait after the first one arrived (never while stopping).
std::deque<IngestQueue::Waiting> IngestQueue::takeBatch(std::unique_lock<std::mutex>& lock) {
  if (queue_.size() < options_.max_batch && options_.max_batch_wait.count() > 0) {
    const auto deadline = queue_.front().since + options_.max_batch_wait;
    wake_.wait_until(lock, deadline,
                     [this] { return stopping_ || queue_.size() >= options_.max_batch; });
  }
  const auto count = static_cast<std::ptrdiff_t>(std::min(queue_.size(), options_.max_batch));
  std::deque<Waiting> batch(std::make_move_iterator(queue_.begin()),
                            std::make_move_iterator(queue_.begin() + count));
  queue_.erase(queue_.begin(), queue_.begin() + count);
  return batch;
}

IngestQueue::Committed IngestQueue::commit(std::deque<Waiting>& batch) {
  std::vector<IngestItem> items;
  items.reserve(batch.size());
  for (Waiting& waiting : batch) items.push_back(std::move(waiting.item));
  const std::size_t count = items.size();  // the items are handed over to the store
  const auto start = SteadyClock::now();
  std::vector<Result<IngestResult>> results;
  try {
    results = store_.ingestBatch(std::move(items));
  } catch (const std::exception& e) {
    logger_->error("ingest batch of {} reports failed: {}", count, e.what());
  }
  if (results.size() != count) {
    results.assign(count, Result<IngestResult>(makeError(
                                     std::string(kStorageBusyPrefix) + "the ingest batch failed")));
  }
  const double seconds = std::chrono::duration<double>(SteadyClock::now() - start).count();
  logger_->trace("committed a batch of {} reports in {:.2f} ms", count, seconds * 1000);
  {
    std::lock_guard lock(mutex_);
    const double rate = double(count) / std::max(seconds, 1e-6);
    commit_rate_ = commit_rate_ == 0 ? rate : (1 - kRateSmoothing) * commit_rate_ + kRateSmoothing * rate;
    stats_.committed += count;
    ++stats_.batches;
  }
  Committed committed{{}, std::move(results)};
  committed.dones.reserve(batch.size());
  for (Waiting& waiting : batch) committed.dones.push_back(std::move(waiting.done));
  return committed;
}

// Takes every batch committed so far, makes them durable with one sync, then
// answers them in order. A failed sync acknowledges none of them: their reports are
// answered as storage errors and the agents send them again (a replay of a report
// that did reach the disk gets its stored acknowledgement).
void IngestQueue::syncerLoop() {
  std::unique_lock lock(sync_mutex_);
  while (true) {
    sync_wake_.wait(lock, [this] { return writer_done_ || !to_sync_.empty(); });
    if (to_sync_.empty()) return;  // the writer has stopped and everything is answered
    std::vector<Committed> pending = std::move(to_sync_);
    to_sync_.clear();
    lock.unlock();
    Status synced;
    try {
      synced = store_.syncCommitted();
    } catch (const std::exception& e) {
      synced = makeError(e.what());
    }
    if (!synced) logger_->error("ingest: committed reports not made durable: {}", synced.error());
    for (Committed& committed : pending) answer(committed, synced);
    lock.lock();
  }
}

void IngestQueue::answer(Committed& committed, const Status& synced) {
  for (std::size_t i = 0; i < committed.dones.size(); ++i) {
    Result<IngestResult> result = std::move(committed.results[i]);
    if (!synced && result) {
      result = makeError(std::string(kStorageBusyPrefix) + "the batch could not be made durable: " + synced.error());
    }
    try {
      committed.dones[i](std::move(result));
    } catch (const std::exception& e) {
      logger_->error("answering an ingested report failed: {}", e.what());
    }
  }
}

}  // namespace parc::server
