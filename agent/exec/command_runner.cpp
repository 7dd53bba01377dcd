#include "agent/exec/command_runner.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <thread>

namespace parc::agent::exec {
namespace {

using Clock = std::chrono::steady_clock;

// The child's whole environment: nothing of the agent's leaks into it.
constexpr const char* kChildEnvironment[] = {"PATH=/usr/sbin:/usr/bin:/sbin:/bin", "LC_ALL=C", nullptr};

std::string errnoText(int error) { return std::strerror(error); }

// Closes a descriptor when it goes out of scope.
class Fd {
 public:
  explicit Fd(int fd = -1) : fd_(fd) {}
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  ~Fd() { reset(); }
  int get() const { return fd_; }
  void reset() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
  }

 private:
  int fd_;
};

// posix_spawn attributes and file actions, destroyed with the object.
struct SpawnSetup {
  posix_spawn_file_actions_t actions{};
  posix_spawnattr_t attr{};
  SpawnSetup() {
    posix_spawn_file_actions_init(&actions);
    posix_spawnattr_init(&attr);
  }
  SpawnSetup(const SpawnSetup&) = delete;
  SpawnSetup& operator=(const SpawnSetup&) = delete;
  ~SpawnSetup() {
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attr);
  }
};

// stdin and stderr from /dev/null, stdout to the pipe; a process group of its own so a
// timeout kills what it started too; default signal dispositions and an empty mask.
void prepare(SpawnSetup& setup, int write_end) {
  posix_spawn_file_actions_addopen(&setup.actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&setup.actions, write_end, 1);
  posix_spawn_file_actions_addopen(&setup.actions, 2, "/dev/null", O_WRONLY, 0);
  sigset_t all;
  sigfillset(&all);
  sigset_t none;
  sigemptyset(&none);
  posix_spawnattr_setsigdefault(&setup.attr, &all);
  posix_spawnattr_setsigmask(&setup.attr, &none);
  posix_spawnattr_setpgroup(&setup.attr, 0);
  posix_spawnattr_setflags(&setup.attr,
                           POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETPGROUP);
}

int remainingMs(Clock::time_point deadline) {
  const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
  return left.count() > 0 ? static_cast<int>(left.count()) : 0;
}

// Reads stdout until end of file or the deadline; true when end of file was reached.
bool readOutput(int fd, const CommandRequest& request, Clock::time_point deadline,
                CommandOutcome& outcome) {
  char buffer[16384];
  for (;;) {
    const int wait_ms = remainingMs(deadline);
    if (wait_ms == 0) return false;
    pollfd pfd{fd, POLLIN, 0};
    const int ready = ::poll(&pfd, 1, wait_ms);
    if (ready < 0 && errno == EINTR) continue;
    if (ready <= 0) return false;
    const ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n < 0 && (errno == EINTR || errno == EAGAIN)) continue;
    if (n <= 0) return true;
    const std::size_t room = request.max_output_bytes - outcome.output.size();
    const auto got = static_cast<std::size_t>(n);
    outcome.output.append(buffer, got < room ? got : room);
    if (got > room) outcome.output_truncated = true;
  }
}

// Waits for the child until the deadline; nullopt-like false when it is still running.
bool reapBefore(pid_t pid, Clock::time_point deadline, int& wait_status) {
  for (;;) {
    const pid_t done = ::waitpid(pid, &wait_status, WNOHANG);
    if (done == pid) return true;
    if (done < 0 && errno != EINTR) return true;  // already reaped elsewhere: nothing to wait for
    if (remainingMs(deadline) == 0) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
}

void killAndReap(pid_t pid, int& wait_status) {
  ::kill(-pid, SIGKILL);  // the child's process group
  ::kill(pid, SIGKILL);
  while (::waitpid(pid, &wait_status, 0) < 0 && errno == EINTR) {
  }
}

void recordStatus(int wait_status, CommandOutcome& outcome) {
  if (WIFEXITED(wait_status)) outcome.exit_status = WEXITSTATUS(wait_status);
  if (WIFSIGNALED(wait_status)) outcome.term_signal = WTERMSIG(wait_status);
}

std::vector<char*> argvFor(const CommandRequest& request) {
  std::vector<char*> argv;
  argv.push_back(const_cast<char*>(request.program.c_str()));
  for (const auto& arg : request.args) argv.push_back(const_cast<char*>(arg.c_str()));
  argv.push_back(nullptr);
  return argv;
}

}  // namespace

Result<CommandOutcome> PosixCommandRunner::run(const CommandRequest& request) const {
  if (request.program.empty() || request.program.front() != '/') {
    return makeError("command '" + request.program + "': not an absolute path");
  }
  if (::access(request.program.c_str(), X_OK) != 0) {
    return makeError("command " + request.program + ": " + errnoText(errno));
  }
  int ends[2];
  if (::pipe2(ends, O_CLOEXEC) != 0) return makeError("pipe: " + errnoText(errno));
  Fd read_end(ends[0]);
  Fd write_end(ends[1]);
  SpawnSetup setup;
  prepare(setup, write_end.get());
  auto argv = argvFor(request);
  pid_t pid = -1;
  const int spawned = ::posix_spawn(&pid, request.program.c_str(), &setup.actions, &setup.attr,
                                    argv.data(), const_cast<char* const*>(kChildEnvironment));
  write_end.reset();
  if (spawned != 0) return makeError("command " + request.program + ": " + errnoText(spawned));

  const auto deadline = Clock::now() + request.timeout;
  CommandOutcome outcome;
  int wait_status = 0;
  const bool eof = readOutput(read_end.get(), request, deadline, outcome);
  if (!eof || !reapBefore(pid, deadline, wait_status)) {
    outcome.timed_out = true;
    killAndReap(pid, wait_status);
  }
  recordStatus(wait_status, outcome);
  return outcome;
}

}  // namespace parc::agent::exec
