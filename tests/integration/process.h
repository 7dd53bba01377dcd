#pragma once
// Real processes for integration tests: spawn a binary with arguments, its output
// going to files, then signal, wait and read what it printed.

#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

namespace parc::testing {

struct Finished {
  int exit_code = -1;  // -1 when killed by a signal
  std::string out, err;
};

class Process {
 public:
  // Starts `program args...`; stdout and stderr go to <log_prefix>.out / .err.
  Process(const std::filesystem::path& program, const std::vector<std::string>& args,
          const std::filesystem::path& log_prefix);
  ~Process();  // SIGKILL if still running
  Process(const Process&) = delete;
  Process& operator=(const Process&) = delete;

  pid_t pid() const { return pid_; }
  bool running();
  void signal(int signo);
  // Waits for the exit (SIGKILL after `timeout`).
  Finished wait(std::chrono::milliseconds timeout = std::chrono::seconds(30));
  std::string stderrText() const;

 private:
  pid_t pid_ = -1;
  bool reaped_ = false;
  int status_ = 0;
  std::filesystem::path out_, err_;
};

// Runs to completion and returns what it printed.
Finished run(const std::filesystem::path& program, const std::vector<std::string>& args,
             const std::filesystem::path& log_prefix,
             std::chrono::milliseconds timeout = std::chrono::seconds(60));

std::string readFile(const std::filesystem::path& path);

// A fresh directory under the build tree, removed at destruction.
class TempDir {
 public:
  explicit TempDir(const std::string& name);
  ~TempDir();
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

}  // namespace parc::testing
