#pragma once
// A ResponseStream that keeps what it is given: a queue with a limit, like the
// session's, that the test drains by hand (a reader that never reads stays full).

#include <mutex>
#include <string>
#include <vector>

#include "server/http/http_message.h"

namespace parc::server::feed::testing {

class FakeStream : public ResponseStream {
 public:
  explicit FakeStream(std::size_t limit = 1000) : limit_(limit) {}

  bool write(std::string chunk) override {
    std::lock_guard lock(mutex_);
    if (closed_ || gone_) return false;
    if (queued_.size() >= limit_) return false;
    queued_.push_back(std::move(chunk));
    return true;
  }
  bool waitWritable(std::chrono::milliseconds) override {
    std::lock_guard lock(mutex_);
    return !closed_ && !gone_ && queued_.size() < limit_ / 2 + 1;
  }
  void close() override {
    std::lock_guard lock(mutex_);
    closed_ = true;
  }
  bool open() const override {
    std::lock_guard lock(mutex_);
    return !closed_ && !gone_;
  }

  // What the client would have read so far; empties the queue.
  std::string drain() {
    std::lock_guard lock(mutex_);
    for (auto& chunk : queued_) read_ += chunk;
    queued_.clear();
    return read_;
  }
  void hangUp() {
    std::lock_guard lock(mutex_);
    gone_ = true;
  }
  bool closed() const {
    std::lock_guard lock(mutex_);
    return closed_;
  }

 private:
  mutable std::mutex mutex_;
  std::size_t limit_;
  std::vector<std::string> queued_;
  std::string read_;
  bool closed_ = false, gone_ = false;
};

}  // namespace parc::server::feed::testing
