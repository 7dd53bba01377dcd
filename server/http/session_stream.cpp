#include "server/http/session_stream.h"

namespace parc::server {

bool SessionStream::write(std::string chunk) {
  if (chunk.empty()) return open();  // an empty chunk would end the body
  {
    std::lock_guard lock(mutex_);
    if (gone_ || closed_) return false;
    if (queued_bytes_ + chunk.size() > limit_bytes_) {
      gone_ = true;  // too slow a reader: drop it rather than hold memory or the producer
    } else {
      queued_bytes_ += chunk.size();
      queue_.push_back(std::move(chunk));
    }
  }
  wake_();
  std::lock_guard lock(mutex_);
  return !gone_;
}

bool SessionStream::waitWritable(std::chrono::milliseconds timeout) {
  std::unique_lock lock(mutex_);
  drained_.wait_for(lock, timeout, [&] { return gone_ || queued_bytes_ < limit_bytes_ / 2; });
  return !gone_ && !closed_ && queued_bytes_ < limit_bytes_ / 2;
}

void SessionStream::close() {
  {
    std::lock_guard lock(mutex_);
    if (closed_) return;
    closed_ = true;
  }
  wake_();
}

bool SessionStream::open() const {
  std::lock_guard lock(mutex_);
  return !gone_ && !closed_;
}

SessionStream::Next SessionStream::take(std::string& chunk) {
  std::lock_guard lock(mutex_);
  if (gone_) return Next::kGone;
  if (!queue_.empty()) {
    chunk = std::move(queue_.front());
    queue_.pop_front();
    return Next::kChunk;
  }
  if (closed_ && !end_sent_) {
    end_sent_ = true;
    return Next::kEnd;
  }
  return Next::kIdle;
}

void SessionStream::written(std::size_t bytes, bool ok) {
  {
    std::lock_guard lock(mutex_);
    queued_bytes_ -= std::min(bytes, queued_bytes_);
    if (!ok) gone_ = true;
  }
  drained_.notify_all();
}

void SessionStream::drop() {
  {
    std::lock_guard lock(mutex_);
    gone_ = true;
  }
  drained_.notify_all();
}

}  // namespace parc::server
