#pragma once
// A task run every `period` on its own thread until the object is destroyed:
// the retention sweep, and any other housekeeping that must never run on the
// io threads. Stopping wakes the thread at once.

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

namespace parc::server {

class PeriodicTask {
 public:
  // The first run happens after `first_delay`, then every `period`.
  PeriodicTask(std::chrono::milliseconds first_delay, std::chrono::milliseconds period,
               std::function<void()> task);
  ~PeriodicTask();
  PeriodicTask(const PeriodicTask&) = delete;
  PeriodicTask& operator=(const PeriodicTask&) = delete;

 private:
  void loop(std::chrono::milliseconds first_delay);

  const std::chrono::milliseconds period_;
  std::function<void()> task_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;  // last: starts once everything above is ready
};

}  // namespace parc::server
