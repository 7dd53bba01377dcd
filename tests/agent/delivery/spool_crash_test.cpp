// A child process pushes and removes reports in a loop and is SIGKILLed at a random
// moment, fifty times. It tells the parent through a pipe what it is about to do and
// what it has done. After each kill the parent reopens the spool and checks: every
// report the child finished pushing (and did not remove) is there, intact; every report
// it finished removing is gone; no temp file survives the reopen; order is seq order.

#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <iostream>
#include <random>
#include <set>
#include <sstream>

#include "agent/delivery/spool.h"
#include "tests/agent/delivery/temp_dir.h"

namespace parc::agent {
namespace {

constexpr int kCycles = 50;
constexpr std::size_t kKeptByChild = 20;

std::string bodyFor(std::uint64_t seq) {
  std::string body = "{\"seq\":" + std::to_string(seq) + ",\"pad\":\"";
  body.append(200 + (seq * 7919) % 6000, static_cast<char>('a' + seq % 26));
  return body + "\"}";
}

ReportKind kindFor(std::uint64_t seq) {
  return seq % 10 == 0 ? ReportKind::kFull : ReportKind::kState;
}

void tell(int fd, char what, std::uint64_t seq) {
  const std::string line = std::string(1, what) + " " + std::to_string(seq) + "\n";
  if (::write(fd, line.data(), line.size()) != static_cast<ssize_t>(line.size())) ::_exit(3);
}

// p = about to push, P = pushed, r = about to remove, R = removed.
[[noreturn]] void childLoop(const std::filesystem::path& dir, std::uint64_t next_seq, int fd) {
  auto spool = Spool::open(dir);
  if (!spool) ::_exit(2);
  for (std::uint64_t seq = next_seq;; ++seq) {
    tell(fd, 'p', seq);
    if (!spool->push(seq, kindFor(seq), bodyFor(seq))) ::_exit(4);
    tell(fd, 'P', seq);
    if (spool->stats().count > kKeptByChild) {
      const SpoolEntry oldest = spool->pending().front();
      tell(fd, 'r', oldest.seq);
      if (!spool->remove(oldest)) ::_exit(5);
      tell(fd, 'R', oldest.seq);
    }
  }
}

struct Journal {
  std::set<std::uint64_t> pushing, pushed, removing, removed;
};

void readJournal(int fd, Journal& journal) {
  std::string text;
  char buffer[4096];
  ssize_t got = 0;
  while ((got = ::read(fd, buffer, sizeof buffer)) > 0)
    text.append(buffer, static_cast<std::size_t>(got));
  std::istringstream lines(text);
  char what = 0;
  std::uint64_t seq = 0;
  while (lines >> what >> seq) {
    if (what == 'p') journal.pushing.insert(seq);
    if (what == 'P') journal.pushed.insert(seq), journal.pushing.erase(seq);
    if (what == 'r') journal.removing.insert(seq);
    if (what == 'R') journal.removed.insert(seq), journal.removing.erase(seq);
  }
}

void checkSpool(const Spool& spool, const Journal& journal) {
  std::set<std::uint64_t> present;
  std::uint64_t previous = 0;
  for (const SpoolEntry& entry : spool.pending()) {
    EXPECT_LT(previous, entry.seq) << "order";
    previous = entry.seq;
    present.insert(entry.seq);
    const auto body = spool.read(entry);
    ASSERT_TRUE(body) << body.error();
    EXPECT_TRUE(*body == bodyFor(entry.seq)) << "seq " << entry.seq << " damaged: " << body->size()
                                             << " bytes, expected " << bodyFor(entry.seq).size();
    EXPECT_EQ(entry.kind, kindFor(entry.seq));
    const bool known = journal.pushed.contains(entry.seq) || journal.pushing.contains(entry.seq);
    EXPECT_TRUE(known) << "seq " << entry.seq << " was never pushed";
    EXPECT_FALSE(journal.removed.contains(entry.seq))
        << "seq " << entry.seq << " came back after removal";
  }
  for (const std::uint64_t seq : journal.pushed) {
    if (journal.removed.contains(seq) || journal.removing.contains(seq)) continue;
    EXPECT_TRUE(present.contains(seq)) << "seq " << seq << " was lost";
  }
  for (const auto& file : std::filesystem::directory_iterator(spool.dir())) {
    EXPECT_FALSE(file.path().filename().string().starts_with(".tmp-")) << file.path();
  }
}

TEST(DeliverySpoolCrash, SigkillAtRandomMomentsLosesNothingAndResurrectsNothing) {
  testing::TempDir dir;
  std::mt19937 random(20261123);
  std::uniform_int_distribution<int> delay_us(0, 50000);
  Journal journal;
  std::uint64_t next_seq = 1;
  for (int cycle = 0; cycle < kCycles; ++cycle) {
    int fds[2];
    ASSERT_EQ(::pipe2(fds, O_CLOEXEC), 0);
    const pid_t child = ::fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
      ::close(fds[0]);
      childLoop(dir.path(), next_seq, fds[1]);
    }
    ::close(fds[1]);
    ::usleep(static_cast<useconds_t>(2000 + delay_us(random)));
    ::kill(child, SIGKILL);
    int status = 0;
    ::waitpid(child, &status, 0);
    ASSERT_TRUE(WIFSIGNALED(status)) << "the child stopped by itself, status " << status;
    readJournal(fds[0], journal);
    ::close(fds[0]);

    auto spool = Spool::open(dir.path());
    ASSERT_TRUE(spool) << spool.error();
    checkSpool(*spool, journal);
    if (HasFailure()) return;
    // Whatever was half-done is now settled one way or the other.
    std::set<std::uint64_t> present;
    for (const SpoolEntry& entry : spool->pending()) present.insert(entry.seq);
    for (const std::uint64_t seq : journal.pushing) {
      if (present.contains(seq)) journal.pushed.insert(seq);
    }
    for (const std::uint64_t seq : journal.removing) {
      if (!present.contains(seq)) journal.removed.insert(seq);
    }
    journal.pushing.clear();
    journal.removing.clear();
    next_seq = spool->highestSeq().value_or(0) + 1;
    next_seq = std::max(next_seq, journal.pushed.empty() ? 1 : *journal.pushed.rbegin() + 1);
  }
  std::cerr << "[crash] " << journal.pushed.size() << " pushes, " << journal.removed.size()
            << " removals over " << kCycles << " kills\n";
  EXPECT_GT(journal.pushed.size(),
            static_cast<std::size_t>(2 * kCycles));  // the child did real work
}

}  // namespace
}  // namespace parc::agent
