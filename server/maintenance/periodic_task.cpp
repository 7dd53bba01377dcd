#include "server/maintenance/periodic_task.h"

namespace parc::server {

PeriodicTask::PeriodicTask(std::chrono::milliseconds first_delay, std::chrono::milliseconds period,
                           std::function<void()> task)
    : period_(period), task_(std::move(task)), thread_([this, first_delay] { loop(first_delay); }) {}

PeriodicTask::~PeriodicTask() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

void PeriodicTask::loop(std::chrono::milliseconds first_delay) {
  std::unique_lock lock(mutex_);
  auto delay = first_delay;
  while (!wake_.wait_for(lock, delay, [this] { return stopping_; })) {
    lock.unlock();
    task_();
    lock.lock();
    delay = period_;
  }
}

}  // namespace parc::server
