#include "server/feed/feed_hub.h"

#include <algorithm>

namespace parc::server::feed {

FeedHub::FeedHub(HubOptions options, Logger logger) : options_(options), logger_(std::move(logger)) {}

std::shared_ptr<Subscription> FeedHub::subscribe(Scope scope, std::shared_ptr<ResponseStream> stream,
                                                 std::optional<std::int64_t> resume_after) {
  auto subscription = std::make_shared<Subscription>(std::move(scope), std::move(stream),
                                                     options_.catch_up_buffer, resume_after);
  std::lock_guard lock(mutex_);
  if (subscribers_.size() >= options_.max_subscribers) return nullptr;
  subscribers_.push_back(subscription);
  return subscription;
}

void FeedHub::publish(const std::vector<AlertEvent>& events) {
  if (events.empty()) return;
  std::vector<std::shared_ptr<Subscription>> gone;
  const auto subscribers = snapshot();
  for (const auto& subscriber : subscribers) {
    for (const AlertEvent& event : events) {
      if (!subscriber->offer(event)) {
        gone.push_back(subscriber);
        break;
      }
    }
  }
  if (!gone.empty()) {
    logger_->info("dropped {} feed subscriber(s): gone or too slow", gone.size());
    remove(gone);
  }
}

void FeedHub::pingAll() {
  std::vector<std::shared_ptr<Subscription>> gone;
  for (const auto& subscriber : snapshot()) {
    if (!subscriber->ping()) gone.push_back(subscriber);
  }
  if (!gone.empty()) {
    logger_->debug("heartbeat: {} feed subscriber(s) gone", gone.size());
    remove(gone);
  }
}

void FeedHub::unsubscribe(const Subscription& subscription) {
  std::lock_guard lock(mutex_);
  std::erase_if(subscribers_, [&](const std::shared_ptr<Subscription>& s) { return s.get() == &subscription; });
}

void FeedHub::closeAll() {
  std::vector<std::shared_ptr<Subscription>> all;
  {
    std::lock_guard lock(mutex_);
    all.swap(subscribers_);
  }
  for (const auto& subscriber : all) subscriber->close();
}

std::size_t FeedHub::size() const {
  std::lock_guard lock(mutex_);
  return subscribers_.size();
}

bool FeedHub::full() const { return size() >= options_.max_subscribers; }

std::vector<std::shared_ptr<Subscription>> FeedHub::snapshot() const {
  std::lock_guard lock(mutex_);
  return subscribers_;
}

// `gone` holds shared pointers: an address is not reused while it is compared.
void FeedHub::remove(const std::vector<std::shared_ptr<Subscription>>& gone) {
  std::lock_guard lock(mutex_);
  std::erase_if(subscribers_, [&](const std::shared_ptr<Subscription>& s) {
    return std::find(gone.begin(), gone.end(), s) != gone.end();
  });
}

}  // namespace parc::server::feed
