#pragma once
// The ResponseStream a session hands to the producer of a streamed body: a
// bounded, thread-safe queue of chunks that the session drains on its strand.

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <optional>
#include <string>

#include "server/http/http_message.h"

namespace parc::server {

class SessionStream final : public ResponseStream {
 public:
  // `wake` asks the session to drain; it may be called from any thread.
  SessionStream(std::size_t limit_bytes, std::function<void()> wake)
      : limit_bytes_(limit_bytes), wake_(std::move(wake)) {}

  bool write(std::string chunk) override;
  bool waitWritable(std::chrono::milliseconds timeout) override;
  void close() override;
  bool open() const override;

  // For the session, on its strand.
  enum class Next { kChunk, kEnd, kGone, kIdle };
  // The next thing to send: a chunk (in `chunk`), the end of the body, nothing
  // yet, or nothing ever (the reader was dropped).
  Next take(std::string& chunk);
  // The chunk taken last has been written (or failed: `ok` false).
  void written(std::size_t bytes, bool ok);
  void drop();  // the client has gone

 private:
  const std::size_t limit_bytes_;
  std::function<void()> wake_;
  mutable std::mutex mutex_;
  std::condition_variable drained_;
  std::deque<std::string> queue_;
  std::size_t queued_bytes_ = 0;
  bool closed_ = false;  // the producer ended the body
  bool gone_ = false;    // the client went away or was too slow
  bool end_sent_ = false;
};

}  // namespace parc::server
