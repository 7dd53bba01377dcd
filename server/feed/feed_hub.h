#pragma once
// Publish/subscribe of alert events inside the server process: the live feed.
//
// The model is Beast's chat-multi hub: publish() copies the subscriber list under
// the lock and writes outside it; every subscriber's stream has a bounded queue,
// and a subscriber whose queue is full is dropped, so a slow reader never slows
// down ingest. Events reach only the subscribers whose scope covers them.

#include <cstddef>
#include <memory>
#include <mutex>
#include <vector>

#include "server/feed/subscription.h"
#include "shared/logging.h"

namespace parc::server::feed {

struct HubOptions {
  std::size_t max_subscribers = 1000;
  std::size_t catch_up_buffer = 10000;  // live events held per reader while it catches up
};

class FeedHub {
 public:
  FeedHub(HubOptions options, Logger logger);

  // nullptr when max_subscribers are already connected. `resume_after`: see Subscription.
  std::shared_ptr<Subscription> subscribe(Scope scope, std::shared_ptr<ResponseStream> stream,
                                          std::optional<std::int64_t> resume_after);
  // Hands each event to every subscriber; drops those that are gone or too slow.
  void publish(const std::vector<AlertEvent>& events);
  // A heartbeat to every subscriber; drops the ones whose client has gone.
  void pingAll();
  // Forgets a subscriber (its catch-up failed, or its stream ended).
  void unsubscribe(const Subscription& subscription);
  // Ends every stream (shutdown).
  void closeAll();

  std::size_t size() const;
  bool full() const;

 private:
  std::vector<std::shared_ptr<Subscription>> snapshot() const;
  void remove(const std::vector<std::shared_ptr<Subscription>>& gone);

  const HubOptions options_;
  Logger logger_;
  mutable std::mutex mutex_;  // guards subscribers_
  std::vector<std::shared_ptr<Subscription>> subscribers_;
};

}  // namespace parc::server::feed
