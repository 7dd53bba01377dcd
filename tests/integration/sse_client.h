#pragma once
// A streaming client of the live feed for tests: libcurl on its own thread,
// trusting the server's CA (trustServer), collecting the bytes of the event
// stream as they come, until stop().

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace parc::testing {

struct SseEvent {
  std::int64_t id = 0;
  std::string type, data;
};

// The events in an SSE text (comments skipped), in order.
std::vector<SseEvent> parseSse(const std::string& text);

class SseClient {
 public:
  SseClient(const std::string& url, std::vector<std::string> headers);
  ~SseClient();  // stop()
  SseClient(const SseClient&) = delete;
  SseClient& operator=(const SseClient&) = delete;

  // Waits until `done(text so far)` holds or `timeout` passes; the final answer.
  bool waitFor(const std::function<bool(const std::string&)>& done, std::chrono::milliseconds timeout);
  std::string text() const;
  long status() const;
  void stop();

 private:
  static std::size_t onData(char* data, std::size_t size, std::size_t count, void* user);
  static int onProgress(void* user, long long, long long, long long, long long);

  mutable std::mutex mutex_;
  std::condition_variable changed_;
  std::string text_;
  long status_ = 0;
  bool finished_ = false;
  std::atomic<bool> stopping_{false};
  std::thread thread_;
};

}  // namespace parc::testing
