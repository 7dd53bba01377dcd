#pragma once
// Latency and outcome counts for one phase of a load run.

#include <chrono>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace parc::bench {

class PhaseStats {
 public:
  explicit PhaseStats(std::string name) : name_(std::move(name)) {}

  void recordSuccess(std::chrono::microseconds latency) { latencies_us_.push_back(latency.count()); }
  void recordError(const std::string& kind, std::chrono::microseconds latency) {
    ++errors_[kind];
    latencies_us_.push_back(latency.count());
  }
  void recordStatus(int status) { ++statuses_[status]; }
  // A 503/429 with Retry-After: not an error; the report is sent again later.
  void recordThrottled() { ++throttled_; }
  // A transport failure retried as an agent would (--retry-errors): not an error.
  void recordRetried(const std::string& kind) { ++retried_[kind]; }

  const std::string& name() const { return name_; }
  std::size_t requests() const { return latencies_us_.size(); }
  std::size_t errorCount() const;
  const std::map<std::string, std::size_t>& errors() const { return errors_; }
  const std::map<int, std::size_t>& statuses() const { return statuses_; }
  std::size_t throttled() const { return throttled_; }
  const std::map<std::string, std::size_t>& retried() const { return retried_; }
  // Milliseconds at quantile q in [0, 1] (1 = max); 0 when empty.
  double percentileMs(double q) const;

 private:
  std::string name_;
  mutable std::vector<std::int64_t> latencies_us_;
  std::map<std::string, std::size_t> errors_;
  std::map<int, std::size_t> statuses_;
  std::size_t throttled_ = 0;
  std::map<std::string, std::size_t> retried_;
};

// The server's resource use, read from /proc/<pid>.
struct ProcessSample {
  double cpu_seconds = 0;  // user + system
  std::int64_t rss_kib = 0;
  std::int64_t peak_rss_kib = 0;
};
ProcessSample sampleProcess(int pid);

}  // namespace parc::bench
