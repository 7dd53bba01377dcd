// footprint-measure: runs one command several times and prints the medians of its
// wall time, CPU time (user + system, the command and every descendant it waited
// for) and peak RSS (the largest of those processes), from wait4()'s rusage.
//   footprint-measure RUNS LABEL -- PROGRAM ARGS...
// prints: LABEL <runs> <wall_ms> <cpu_ms> <maxrss_kib> <failures>
// The command's stdout and stderr go to /dev/null; it runs in the current directory.

#include <fcntl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

namespace {

struct Sample {
  double wall_ms = 0, cpu_ms = 0, maxrss_kib = 0;
  bool ok = false;
};

double toMs(const timeval& t) { return static_cast<double>(t.tv_sec) * 1e3 + static_cast<double>(t.tv_usec) / 1e3; }

Sample runOnce(char* const* argv) {
  Sample sample;
  const auto start = std::chrono::steady_clock::now();
  const pid_t pid = ::fork();
  if (pid < 0) return sample;
  if (pid == 0) {
    const int null = ::open("/dev/null", O_WRONLY);
    ::dup2(null, STDOUT_FILENO);
    ::dup2(null, STDERR_FILENO);
    ::execvp(argv[0], argv);
    ::_exit(127);
  }
  int status = 0;
  rusage usage{};
  if (::wait4(pid, &status, 0, &usage) != pid) return sample;
  sample.wall_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  sample.cpu_ms = toMs(usage.ru_utime) + toMs(usage.ru_stime);
  sample.maxrss_kib = static_cast<double>(usage.ru_maxrss);
  sample.ok = WIFEXITED(status) && WEXITSTATUS(status) == 0;
  return sample;
}

double median(std::vector<double> values) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  const std::size_t mid = values.size() / 2;
  return values.size() % 2 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 5 || std::string(argv[3]) != "--") {
    std::fprintf(stderr, "usage: footprint-measure RUNS LABEL -- PROGRAM ARGS...\n");
    return 2;
  }
  const int runs = std::max(1, std::atoi(argv[1]));
  std::vector<double> wall, cpu, rss;
  int failures = 0;
  for (int i = 0; i < runs; ++i) {
    const Sample sample = runOnce(argv + 4);
    if (!sample.ok) ++failures;
    wall.push_back(sample.wall_ms);
    cpu.push_back(sample.cpu_ms);
    rss.push_back(sample.maxrss_kib);
  }
  std::printf("%s %d %.1f %.1f %.0f %d\n", argv[2], runs, median(wall), median(cpu), median(rss), failures);
  return failures == runs ? 1 : 0;
}
