#include "bench/feed_latency/latency_book.h"

#include <algorithm>
#include <cmath>

namespace parc::bench {

double LatencySummary::percentileMs(double q) const {
  if (latencies_ms.empty()) return 0;
  const auto rank = static_cast<std::size_t>(std::ceil(q * double(latencies_ms.size())));
  return latencies_ms[std::min(latencies_ms.size() - 1, rank == 0 ? 0 : rank - 1)];
}

void LatencyBook::acked(const std::string& key, Time at) {
  std::lock_guard lock(mutex_);
  acks_.try_emplace(key, at);
}

void LatencyBook::opened(const std::string& key, Time at) {
  std::lock_guard lock(mutex_);
  events_.try_emplace(key, at);
}

std::size_t LatencyBook::ackedCount() const {
  std::lock_guard lock(mutex_);
  return acks_.size();
}

std::size_t LatencyBook::matchedCount() const {
  std::lock_guard lock(mutex_);
  return static_cast<std::size_t>(std::count_if(acks_.begin(), acks_.end(),
                                                [&](const auto& ack) { return events_.count(ack.first) > 0; }));
}

LatencySummary LatencyBook::summary() const {
  std::lock_guard lock(mutex_);
  LatencySummary out;
  out.acked = acks_.size();
  for (const auto& [key, ack] : acks_) {
    const auto event = events_.find(key);
    if (event == events_.end()) {
      ++out.missed;
      continue;
    }
    ++out.matched;
    const double ms = std::chrono::duration<double, std::milli>(event->second - ack).count();
    if (ms < 0) ++out.before_ack;
    out.latencies_ms.push_back(std::max(0.0, ms));
  }
  for (const auto& [key, at] : events_) out.unmatched_events += acks_.count(key) == 0 ? 1 : 0;
  std::sort(out.latencies_ms.begin(), out.latencies_ms.end());
  return out;
}

}  // namespace parc::bench
