#pragma once
// The ingest queue: reports wait here for the one writer thread, which commits
// them in batches (group commit, BatchIngester::ingestBatch) and hands each
// committed batch to the syncer thread; the syncer makes the batches committed so
// far durable (BatchIngester::syncCommitted, one fdatasync for all of them) and
// only then calls each report's completion. The writer meanwhile commits the next
// batch: the disk's latency is no longer on the single writer's path.
// Admission control: past a depth, or when the oldest waiting report has waited
// too long, a report is refused at once with a Retry-After (with jitter, so a
// refused crowd does not come back at one instant).

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>
#include <random>
#include <thread>

#include "server/store/batch_ingest.h"
#include "shared/logging.h"

namespace parc::server {

struct IngestQueueOptions {
  std::size_t max_batch = 256;                      // reports in one transaction at most
  std::chrono::microseconds max_batch_wait{2000};   // gathering after the first report of a batch
  std::size_t max_queued = 8192;                    // waiting reports beyond which new ones are refused
  std::chrono::milliseconds max_queue_age{3000};    // refuse when the oldest waits longer than this
  std::chrono::seconds min_retry_after{1};
  std::chrono::seconds max_retry_after{120};
};

struct IngestQueueStats {
  std::uint64_t committed = 0;  // reports answered after a commit (success or refusal)
  std::uint64_t batches = 0;
  std::uint64_t refused = 0;    // overload answers
  std::size_t queued = 0;
};

class IngestQueue {
 public:
  using Done = std::function<void(Result<IngestResult>)>;

  struct Admission {
    bool queued = false;
    std::chrono::seconds retry_after{0};  // when refused
  };

  IngestQueue(BatchIngester& store, IngestQueueOptions options, Logger logger,
              std::uint64_t seed = std::random_device{}());
  // Stops the writer after the batch in progress; reports still waiting are
  // answered with a storage_busy error (their agents retry; nothing was acknowledged).
  ~IngestQueue();
  IngestQueue(const IngestQueue&) = delete;
  IngestQueue& operator=(const IngestQueue&) = delete;

  // Queues one report; `done` is called once, from the syncer thread, after the
  // batch holding it has been committed and made durable (or has failed). When
  // refused, nothing is queued and `done` is never called.
  Admission submit(IngestItem item, Done done);
  IngestQueueStats stats() const;

 private:
  struct Waiting {
    IngestItem item;
    Done done;
    std::chrono::steady_clock::time_point since;
  };

  // A committed batch waiting for the syncer: its completions and results.
  struct Committed {
    std::vector<Done> dones;
    std::vector<Result<IngestResult>> results;
  };

  void writerLoop();
  std::deque<Waiting> takeBatch(std::unique_lock<std::mutex>& lock);
  Committed commit(std::deque<Waiting>& batch);
  void syncerLoop();
  void answer(Committed& committed, const Status& synced);
  std::chrono::seconds retryAfter();  // under mutex_

  BatchIngester& store_;
  const IngestQueueOptions options_;
  Logger logger_;
  mutable std::mutex mutex_;  // guards everything below
  std::condition_variable wake_;
  std::deque<Waiting> queue_;
  bool stopping_ = false;
  double commit_rate_ = 0;  // reports per second, smoothed; drives Retry-After
  IngestQueueStats stats_;
  std::mt19937_64 jitter_;
  std::mutex sync_mutex_;  // guards the two below
  std::condition_variable sync_wake_;
  std::vector<Committed> to_sync_;
  bool writer_done_ = false;  // the syncer drains to_sync_ and stops
  std::thread syncer_;
  std::thread writer_;  // last: started once the rest is built
};

}  // namespace parc::server
