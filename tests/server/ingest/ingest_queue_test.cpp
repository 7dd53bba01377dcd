// IngestQueue: batching bounds, completion only after the commit and the sync that
// makes it durable, admission control with Retry-After and jitter, draining at
// stop. The store is a recording BatchIngester whose commits and syncs can be held
// to simulate a slow disk, and whose sync can fail.
#include <gtest/gtest.h>

#include <atomic>
#include <condition_variable>
#include <future>
#include <mutex>
#include <optional>
#include <set>
#include <thread>

#include "server/ingest/ingest_queue.h"
#include "server/store/store_error.h"

namespace parc::server {
namespace {

class RecordingStore final : public BatchIngester {
 public:
  std::vector<Result<IngestResult>> ingestBatch(std::vector<IngestItem> items) override {
    std::unique_lock lock(mutex_);
    ++calls_in_progress_;
    entered_.notify_all();
    released_.wait(lock, [this] { return !held_; });
    batch_sizes_.push_back(items.size());
    std::vector<Result<IngestResult>> out;
    for (const IngestItem& item : items) {
      committed_.push_back(item.report.seq);
      if (item.report.seq % 10 == 9) {
        out.emplace_back(makeError("refused: seq ends in 9"));
      } else {
        IngestResult result;
        result.ack = item.report.seq;
        out.emplace_back(result);
      }
    }
    --calls_in_progress_;
    return out;
  }
  Status syncCommitted() override {
    std::unique_lock lock(mutex_);
    ++syncs_started_;
    entered_.notify_all();
    released_.wait(lock, [this] { return !sync_held_; });
    if (sync_error_) return makeError(*sync_error_);
    return {};
  }
  void holdSyncs() {
    std::lock_guard lock(mutex_);
    sync_held_ = true;
  }
  void releaseSyncs() {
    {
      std::lock_guard lock(mutex_);
      sync_held_ = false;
    }
    released_.notify_all();
  }
  void failSyncs(std::string why) {
    std::lock_guard lock(mutex_);
    sync_error_ = std::move(why);
  }
  // Waits until `count` syncs have started (the first of them may be held).
  void waitForSyncs(int count) {
    std::unique_lock lock(mutex_);
    entered_.wait(lock, [&] { return syncs_started_ >= count; });
  }
  int syncsStarted() {
    std::lock_guard lock(mutex_);
    return syncs_started_;
  }
  void hold() {
    std::lock_guard lock(mutex_);
    held_ = true;
  }
  void release() {
    {
      std::lock_guard lock(mutex_);
      held_ = false;
    }
    released_.notify_all();
  }
  void waitForCall() {
    std::unique_lock lock(mutex_);
    entered_.wait(lock, [this] { return calls_in_progress_ > 0; });
  }
  std::vector<std::size_t> batchSizes() {
    std::lock_guard lock(mutex_);
    return batch_sizes_;
  }
  std::vector<std::uint64_t> committed() {
    std::lock_guard lock(mutex_);
    return committed_;
  }

 private:
  std::mutex mutex_;
  std::condition_variable entered_, released_;
  bool held_ = false;
  bool sync_held_ = false;
  std::optional<std::string> sync_error_;
  int calls_in_progress_ = 0;
  int syncs_started_ = 0;
  std::vector<std::size_t> batch_sizes_;
  std::vector<std::uint64_t> committed_;
};

IngestItem itemWithSeq(std::uint64_t seq) {
  IngestItem item;
  item.agent.agent_id = "agent-" + std::to_string(seq % 7);
  item.report.seq = seq;
  return item;
}

// Collects the answers given to the queue's completions.
struct Answers {
  std::mutex mutex;
  std::condition_variable changed;
  std::vector<std::pair<std::uint64_t, Result<IngestResult>>> got;

  IngestQueue::Done doneFor(std::uint64_t seq) {
    return [this, seq](Result<IngestResult> result) {
      std::lock_guard lock(mutex);
      got.emplace_back(seq, std::move(result));
      changed.notify_all();
    };
  }
  void waitFor(std::size_t count) {
    std::unique_lock lock(mutex);
    changed.wait(lock, [&] { return got.size() >= count; });
  }
  std::size_t size() {
    std::lock_guard lock(mutex);
    return got.size();
  }
};

IngestQueueOptions options(std::size_t max_batch, std::size_t max_queued) {
  IngestQueueOptions out;
  out.max_batch = max_batch;
  out.max_batch_wait = std::chrono::microseconds(0);
  out.max_queued = max_queued;
  out.max_queue_age = std::chrono::hours(1);
  return out;
}

TEST(IngestQueue, AnswersEachReportAfterItsBatchWithItsOwnResult) {
  RecordingStore store;
  Answers answers;
  {
    IngestQueue queue(store, options(4, 100), nullLogger());
    store.hold();
    ASSERT_TRUE(queue.submit(itemWithSeq(1), answers.doneFor(1)).queued);
    store.waitForCall();  // seq 1 is being committed alone; the others wait
    for (std::uint64_t seq = 2; seq <= 10; ++seq) {
      ASSERT_TRUE(queue.submit(itemWithSeq(seq), answers.doneFor(seq)).queued);
    }
    EXPECT_EQ(answers.size(), 0u);  // nothing answered before its commit
    store.release();
    answers.waitFor(10);
  }
  EXPECT_EQ(store.batchSizes(), (std::vector<std::size_t>{1, 4, 4, 1}));
  EXPECT_EQ(store.committed(), (std::vector<std::uint64_t>{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}));
  for (auto& [seq, result] : answers.got) {
    if (seq == 9) {
      EXPECT_FALSE(result.ok());
    } else {
      ASSERT_TRUE(result.ok()) << seq;
      EXPECT_EQ(result->ack, seq);
    }
  }
}

// Committed is not yet acknowledged: the answer waits for the sync that makes the
// batch durable, while the writer goes on committing the next batches; one sync
// then covers every batch committed meanwhile.
TEST(IngestQueue, AnswersOnlyOnceTheSyncHasMadeTheBatchDurable) {
  RecordingStore store;
  Answers answers;
  {
    IngestQueue queue(store, options(1, 100), nullLogger());
    store.holdSyncs();
    ASSERT_TRUE(queue.submit(itemWithSeq(1), answers.doneFor(1)).queued);
    store.waitForSyncs(1);  // seq 1 is committed; its sync is held
    for (std::uint64_t seq = 2; seq <= 5; ++seq) {
      ASSERT_TRUE(queue.submit(itemWithSeq(seq), answers.doneFor(seq)).queued);
    }
    while (store.committed().size() < 5) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    EXPECT_EQ(answers.size(), 0u) << "nothing is answered before a sync completed";
    store.releaseSyncs();
    answers.waitFor(5);
  }
  EXPECT_EQ(store.batchSizes(), (std::vector<std::size_t>{1, 1, 1, 1, 1}));
  // One sync for seq 1, then one for the batches committed meanwhile (two when the
  // last of them was still being handed over at the release): fewer than batches.
  EXPECT_LE(store.syncsStarted(), 3);
  for (std::size_t i = 0; i < answers.got.size(); ++i) EXPECT_EQ(answers.got[i].first, i + 1) << "in order";
}

TEST(IngestQueue, AFailedSyncAcknowledgesNothingOfTheBatches) {
  RecordingStore store;
  store.failSyncs("fdatasync: Input/output error");
  Answers answers;
  {
    IngestQueue queue(store, options(8, 100), nullLogger());
    ASSERT_TRUE(queue.submit(itemWithSeq(1), answers.doneFor(1)).queued);
    answers.waitFor(1);
  }
  ASSERT_FALSE(answers.got[0].second.ok());
  EXPECT_TRUE(isStorageUnavailable(answers.got[0].second.error())) << answers.got[0].second.error();
  EXPECT_NE(answers.got[0].second.error().find("Input/output error"), std::string::npos);
}

TEST(IngestQueue, RefusesPastItsDepthWithAJitteredRetryAfter) {
  RecordingStore store;
  Answers answers;
  IngestQueueOptions bounded = options(2, 3);
  bounded.min_retry_after = std::chrono::seconds(2);
  bounded.max_retry_after = std::chrono::seconds(9);
  IngestQueue queue(store, bounded, nullLogger(), 42);
  store.hold();
  ASSERT_TRUE(queue.submit(itemWithSeq(1), answers.doneFor(1)).queued);
  store.waitForCall();
  for (std::uint64_t seq = 2; seq <= 4; ++seq) ASSERT_TRUE(queue.submit(itemWithSeq(seq), answers.doneFor(seq)).queued);
  std::set<std::int64_t> delays;
  for (std::uint64_t seq = 100; seq < 160; ++seq) {
    const auto admission = queue.submit(itemWithSeq(seq), answers.doneFor(seq));
    ASSERT_FALSE(admission.queued);
    EXPECT_GE(admission.retry_after.count(), 2);
    EXPECT_LE(admission.retry_after.count(), 9);
    delays.insert(admission.retry_after.count());
  }
  EXPECT_GT(delays.size(), 1u) << "Retry-After must vary so refused agents do not return together";
  EXPECT_EQ(queue.stats().refused, 60u);
  store.release();
  answers.waitFor(4);
  EXPECT_EQ(store.committed().size(), 4u);  // the refused ones were never queued
}

TEST(IngestQueue, RefusesWhenTheOldestReportWaitedTooLong) {
  RecordingStore store;
  Answers answers;
  IngestQueueOptions aged = options(1, 1000);
  aged.max_queue_age = std::chrono::milliseconds(1);
  IngestQueue queue(store, aged, nullLogger());
  store.hold();
  ASSERT_TRUE(queue.submit(itemWithSeq(1), answers.doneFor(1)).queued);
  store.waitForCall();
  ASSERT_TRUE(queue.submit(itemWithSeq(2), answers.doneFor(2)).queued);
  // The writer is held, so the oldest waiting report can only grow older: sooner
  // or later a new one is refused (no assertion on how soon).
  std::size_t queued = 2;
  while (queue.submit(itemWithSeq(queued + 1), answers.doneFor(queued + 1)).queued) {
    ++queued;
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  EXPECT_EQ(queue.stats().refused, 1u);
  store.release();
  answers.waitFor(queued);
  EXPECT_EQ(store.committed().size(), queued);
}

TEST(IngestQueue, GathersABatchUpToItsWaitBound) {
  RecordingStore store;
  Answers answers;
  IngestQueueOptions gathering = options(3, 100);
  gathering.max_batch_wait = std::chrono::seconds(30);  // reached only by count here
  {
    IngestQueue queue(store, gathering, nullLogger());
    for (std::uint64_t seq = 1; seq <= 3; ++seq) ASSERT_TRUE(queue.submit(itemWithSeq(seq), answers.doneFor(seq)).queued);
    answers.waitFor(3);
  }
  EXPECT_EQ(store.batchSizes(), (std::vector<std::size_t>{3}));
}

TEST(IngestQueue, StoppingCommitsWhatWaits) {
  RecordingStore store;
  Answers answers;
  {
    IngestQueueOptions slow = options(2, 100);
    slow.max_batch_wait = std::chrono::seconds(30);
    IngestQueue queue(store, slow, nullLogger());
    ASSERT_TRUE(queue.submit(itemWithSeq(1), answers.doneFor(1)).queued);
  }  // the destructor does not wait 30 s for a second report
  EXPECT_EQ(answers.size(), 1u);
  EXPECT_EQ(store.committed(), (std::vector<std::uint64_t>{1}));
}

TEST(IngestQueue, AStoreThatThrowsFailsTheBatchAsUnavailable) {
  class ThrowingStore final : public BatchIngester {
    std::vector<Result<IngestResult>> ingestBatch(std::vector<IngestItem>) override {
      throw std::runtime_error("disk on fire");
    }
  } store;
  Answers answers;
  {
    IngestQueue queue(store, options(8, 100), nullLogger());
    ASSERT_TRUE(queue.submit(itemWithSeq(1), answers.doneFor(1)).queued);
    answers.waitFor(1);
  }
  ASSERT_FALSE(answers.got[0].second.ok());
  EXPECT_TRUE(isStorageUnavailable(answers.got[0].second.error()));
}

}  // namespace
}  // namespace parc::server
