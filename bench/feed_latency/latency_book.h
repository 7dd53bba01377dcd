#pragma once
// The matching of feed-latency: for each alert, when its report was acknowledged
// (2xx received) and when its alert.opened event arrived on the SSE stream,
// keyed by device id + rule. Thread-safe: lanes and the feed reader write to it.

#include <chrono>
#include <cstddef>
#include <map>
#include <mutex>
#include <string>
#include <vector>

namespace parc::bench {

struct LatencySummary {
  std::vector<double> latencies_ms;  // sorted; an event before its ack counts 0
  std::size_t acked = 0, matched = 0, missed = 0, before_ack = 0, unmatched_events = 0;
  double percentileMs(double q) const;
};

class LatencyBook {
 public:
  using Time = std::chrono::steady_clock::time_point;

  static std::string keyOf(const std::string& device_id, const std::string& rule) { return device_id + "|" + rule; }

  void acked(const std::string& key, Time at);
  void opened(const std::string& key, Time at);
  std::size_t ackedCount() const;
  // Acknowledged alerts whose event has come.
  std::size_t matchedCount() const;
  LatencySummary summary() const;

 private:
  mutable std::mutex mutex_;
  std::map<std::string, Time> acks_, events_;
};

}  // namespace parc::bench
