#pragma once
// The agent's only way to start a child process: posix_spawn of an absolute path with
// its arguments (never a shell), stdout captured up to a bound, stderr discarded, a
// timeout after which the child is killed (SIGKILL) and reaped. Behind an interface so
// tests can substitute a fake runner.

#include <chrono>
#include <cstddef>
#include <string>
#include <vector>

#include "shared/result.h"

namespace parc::agent::exec {

struct CommandRequest {
  std::string program;              // absolute path; no PATH lookup
  std::vector<std::string> args;    // argv[1..]
  std::chrono::milliseconds timeout{10'000};
  std::size_t max_output_bytes = 4 << 20;  // stdout beyond this is read and dropped
};

struct CommandOutcome {
  std::string output;       // stdout, at most max_output_bytes
  bool output_truncated = false;
  bool timed_out = false;   // killed with SIGKILL when the timeout ran out
  int exit_status = -1;     // the child's exit code when it exited, else -1
  int term_signal = 0;      // the signal that ended it, if one did
};

class CommandRunner {
 public:
  virtual ~CommandRunner() = default;
  // An error when the child could not be started (relative path, missing binary,
  // spawn failure); a child that starts and fails is an outcome, not an error.
  virtual Result<CommandOutcome> run(const CommandRequest& request) const = 0;
};

class PosixCommandRunner final : public CommandRunner {
 public:
  Result<CommandOutcome> run(const CommandRequest& request) const override;
};

}  // namespace parc::agent::exec
