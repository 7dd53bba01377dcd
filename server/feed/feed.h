#pragma once
// The live feed as the server runs it: the hub, plus one thread of its own that
// plays each new reader's catch-up from the journal and sends the heartbeats.
// Nothing here runs on an io thread but publish() and the cheap half of open().

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>

#include "server/feed/feed_hub.h"

namespace parc::server::feed {

struct FeedOptions {
  HubOptions hub;
  std::chrono::milliseconds heartbeat{15000};
  std::size_t catch_up_batch = 500;                  // journal rows read per store call
  std::chrono::milliseconds catch_up_wait{10000};   // a reader this slow to drain is dropped
  std::int64_t retry_ms = 3000;                      // the SSE retry: field
};

class Feed {
 public:
  Feed(Store& store, FeedOptions options, Logger logger);
  ~Feed();  // stop()
  Feed(const Feed&) = delete;
  Feed& operator=(const Feed&) = delete;

  // Events committed by the store, in id order: to every subscriber in scope.
  void publish(const std::vector<AlertEvent>& events);
  // A new reader on `stream`: resumes after `after_id` (the journal first) or,
  // without one, receives live events from now. False when the subscriber cap is
  // reached (the stream is then closed).
  bool open(const Scope& scope, std::optional<std::int64_t> after_id, std::shared_ptr<ResponseStream> stream);
  bool full() const { return hub_.full(); }
  std::size_t subscribers() const { return hub_.size(); }

  // Ends every stream and joins the thread. Idempotent.
  void stop();

 private:
  struct CatchUp {
    std::shared_ptr<Subscription> subscription;
    std::int64_t after_id = 0;
  };

  void run();
  void catchUp(const CatchUp& job);

  Store& store_;
  const FeedOptions options_;
  Logger logger_;
  FeedHub hub_;
  std::mutex mutex_;  // guards jobs_ and stopping_
  std::condition_variable wake_;
  std::deque<CatchUp> jobs_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace parc::server::feed
