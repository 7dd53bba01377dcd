#pragma once
// The technician's side of feed-latency: GET /api/v1/feed (Server-Sent Events)
// with an API token, through libcurl on a thread of its own; every
// "opened" event is stamped on arrival in the LatencyBook under its device id
// and rule.

#include <atomic>
#include <string>
#include <thread>

#include "bench/feed_latency/latency_book.h"

namespace parc::bench {

class FeedReader {
 public:
  FeedReader(std::string url, std::string api_token, LatencyBook& book);
  ~FeedReader();  // stop()
  FeedReader(const FeedReader&) = delete;
  FeedReader& operator=(const FeedReader&) = delete;

  // Waits up to `seconds` for the stream's first bytes (the subscription is live).
  bool waitConnected(double seconds) const;
  void stop();
  std::size_t events() const { return events_; }
  // Empty while the stream runs; then how it ended.
  std::string error() const;

 private:
  static std::size_t onData(char* data, std::size_t size, std::size_t count, void* user);
  static int onProgress(void* user, long long, long long, long long, long long);
  void consume(const std::string& block);

  const std::string url_, api_token_;
  LatencyBook& book_;
  std::string pending_;
  std::atomic<bool> connected_{false}, stopping_{false};
  std::atomic<std::size_t> events_{0};
  std::string error_;
  std::thread thread_;
};

}  // namespace parc::bench
