#pragma once
// One reader of the live feed: its scope, the stream its events are written to,
// and the switch from catch-up (the journal read from the store) to live events
// (published by the hub) without loss or duplicates.
//
// While catching up, live events are buffered (bounded); once the journal has been
// read up to its newest event, goLive() sends the buffered events newer than the
// last one sent, then every live event as it comes. Thread-safe.

#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <vector>

#include "server/http/http_message.h"
#include "server/store/store.h"

namespace parc::server::feed {

class Subscription {
 public:
  // `buffer_limit`: live events held while catching up before the reader is
  // dropped. `resume_after`: the reader has every event up to this id and catches
  // up from the journal; nullopt: live at once (a reader with no resume point).
  Subscription(Scope scope, std::shared_ptr<ResponseStream> stream, std::size_t buffer_limit,
               std::optional<std::int64_t> resume_after);

  const Scope& scope() const { return scope_; }

  // A published event: written (live), buffered (catching up) or ignored (outside
  // the scope, or already sent). False once the reader is dropped.
  bool offer(const AlertEvent& event);
  // An event of the catch-up read, in id order. False once the reader is dropped.
  bool sendCatchUp(const AlertEvent& event);
  // The catch-up is complete: flush the buffer and go live.
  bool goLive();
  // A heartbeat comment. False once the reader is dropped.
  bool ping();
  // Waits for the stream's queue to drain (on the catch-up thread, never an io thread).
  bool waitWritable(std::chrono::milliseconds timeout);
  // Ends the stream (server shutdown, or the reader was dropped).
  void close();

  bool alive() const;
  std::int64_t lastSentId() const;

 private:
  bool writeLocked(const AlertEvent& event);
  bool dropLocked();

  const Scope scope_;
  const std::shared_ptr<ResponseStream> stream_;
  const std::size_t buffer_limit_;
  mutable std::mutex mutex_;  // guards everything below
  bool catching_up_;
  bool dropped_ = false;
  std::int64_t last_sent_id_ = 0;
  std::int64_t catch_up_high_ = 0;  // live events at or below this were in the journal read
  std::vector<AlertEvent> buffered_;
};

}  // namespace parc::server::feed
