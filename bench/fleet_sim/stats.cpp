#include "bench/fleet_sim/stats.h"

#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <sstream>

namespace parc::bench {

std::size_t PhaseStats::errorCount() const {
  std::size_t total = 0;
  for (const auto& [kind, count] : errors_) total += count;
  return total;
}

double PhaseStats::percentileMs(double q) const {
  if (latencies_us_.empty()) return 0;
  const auto index = std::min(latencies_us_.size() - 1,
                              static_cast<std::size_t>(std::ceil(q * double(latencies_us_.size())) - (q > 0 ? 1 : 0)));
  std::nth_element(latencies_us_.begin(), latencies_us_.begin() + static_cast<long>(index), latencies_us_.end());
  return double(latencies_us_[index]) / 1000.0;
}

ProcessSample sampleProcess(int pid) {
  ProcessSample sample;
  std::ifstream status("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(status, line)) {
    std::istringstream fields(line);
    std::string key;
    std::int64_t value = 0;
    fields >> key >> value;
    if (key == "VmRSS:") sample.rss_kib = value;
    if (key == "VmHWM:") sample.peak_rss_kib = value;
  }
  std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
  std::string text((std::istreambuf_iterator<char>(stat)), std::istreambuf_iterator<char>());
  // Fields after the command name (which may contain spaces) start after ") ".
  const auto close = text.rfind(')');
  if (close != std::string::npos) {
    std::istringstream rest(text.substr(close + 2));
    std::string field;
    long long utime = 0, stime = 0;
    for (int i = 3; i <= 15 && rest >> field; ++i) {
      if (i == 14) utime = std::stoll(field);
      if (i == 15) stime = std::stoll(field);
    }
    sample.cpu_seconds = double(utime + stime) / double(::sysconf(_SC_CLK_TCK));
  }
  return sample;
}

}  // namespace parc::bench
