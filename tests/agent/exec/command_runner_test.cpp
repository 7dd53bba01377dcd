// The real runner against real programs. No timing is asserted: a timeout is checked
// by its effect (the child was killed and reaped), never by how long it took.

#include "agent/exec/command_runner.h"

#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>

namespace parc::agent::exec {
namespace {

CommandRequest request(std::string program, std::vector<std::string> args = {}) {
  CommandRequest r;
  r.program = std::move(program);
  r.args = std::move(args);
  return r;
}

TEST(CommandRunner, CapturesStdoutAndExitStatus) {
  const auto outcome = PosixCommandRunner().run(request("/bin/echo", {"hello", "a b", "$HOME;ls"}));
  ASSERT_TRUE(outcome.ok()) << outcome.error();
  EXPECT_EQ(outcome->output, "hello a b $HOME;ls\n");  // arguments reach argv untouched: no shell
  EXPECT_EQ(outcome->exit_status, 0);
  EXPECT_FALSE(outcome->timed_out);
  EXPECT_FALSE(outcome->output_truncated);
}

TEST(CommandRunner, NonZeroExit) {
  const auto outcome = PosixCommandRunner().run(request("/bin/false"));
  ASSERT_TRUE(outcome.ok());
  EXPECT_EQ(outcome->exit_status, 1);
  EXPECT_TRUE(outcome->output.empty());
}

TEST(CommandRunner, TimeoutKillsAndReaps) {
  auto r = request("/bin/sleep", {"30"});
  r.timeout = std::chrono::milliseconds(200);
  const auto outcome = PosixCommandRunner().run(r);
  ASSERT_TRUE(outcome.ok());
  EXPECT_TRUE(outcome->timed_out);
  EXPECT_EQ(outcome->term_signal, SIGKILL);
  EXPECT_EQ(outcome->exit_status, -1);
  int status = 0;
  EXPECT_EQ(::waitpid(-1, &status, WNOHANG), -1);  // nothing left to reap
  EXPECT_EQ(errno, ECHILD);
}

TEST(CommandRunner, MegabytesOfOutputAreBounded) {
  auto r = request("/usr/bin/head", {"-c", "8388608", "/dev/zero"});
  r.max_output_bytes = 1 << 20;
  const auto outcome = PosixCommandRunner().run(r);
  ASSERT_TRUE(outcome.ok()) << outcome.error();
  EXPECT_EQ(outcome->output.size(), 1u << 20);
  EXPECT_TRUE(outcome->output_truncated);
  EXPECT_EQ(outcome->exit_status, 0);  // drained to the end: the child was not blocked
}

TEST(CommandRunner, OutputAtTheBoundIsNotTruncated) {
  auto r = request("/usr/bin/head", {"-c", "4096", "/dev/zero"});
  r.max_output_bytes = 4096;
  const auto outcome = PosixCommandRunner().run(r);
  ASSERT_TRUE(outcome.ok());
  EXPECT_EQ(outcome->output.size(), 4096u);
  EXPECT_FALSE(outcome->output_truncated);
}

TEST(CommandRunner, MissingOrRelativeProgramsAreErrors) {
  const auto missing = PosixCommandRunner().run(request("/nonexistent/parc-no-such-binary"));
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.error().find("/nonexistent/parc-no-such-binary"), std::string::npos);
  EXPECT_FALSE(PosixCommandRunner().run(request("echo", {"x"})).ok());
  EXPECT_FALSE(PosixCommandRunner().run(request("")).ok());
  EXPECT_FALSE(PosixCommandRunner().run(request("/etc/passwd")).ok());  // not executable
}

TEST(CommandRunner, ChildSeesOnlyItsOwnEnvironment) {
  ::setenv("PARC_SECRET_FOR_TEST", "do-not-leak", 1);
  const auto outcome = PosixCommandRunner().run(request("/usr/bin/env"));
  ASSERT_TRUE(outcome.ok());
  EXPECT_EQ(outcome->output.find("PARC_SECRET_FOR_TEST"), std::string::npos);
  EXPECT_NE(outcome->output.find("LC_ALL=C"), std::string::npos);
}

}  // namespace
}  // namespace parc::agent::exec
