#include <malloc.h>
#include <signal.h>

#include <algorithm>
#include <iostream>
#include <random>

#include "agent/cli/commands.h"
#include "agent/cli/runtime.h"
#include "agent/delivery/backoff.h"
#include "agent/net/leftover_pages.h"
#include "agent/reporter.h"

namespace parc::agent {
namespace {

using std::chrono::milliseconds;

// SIGTERM/SIGINT are blocked and waited for synchronously: the daemon sleeps in
// sigtimedwait, so a stop request wakes it at once and no handler or global flag
// is needed.
class StopSignals {
 public:
  StopSignals() {
    sigemptyset(&set_);
    sigaddset(&set_, SIGTERM);
    sigaddset(&set_, SIGINT);
    pthread_sigmask(SIG_BLOCK, &set_, nullptr);
  }
  // True when a stop signal arrived during the wait.
  bool waitFor(milliseconds duration) const {
    const auto clamped = std::max(duration, milliseconds{0});
    timespec timeout{static_cast<time_t>(clamped.count() / 1000),
                     static_cast<long>((clamped.count() % 1000) * 1000000)};
    while (true) {
      const int signal = sigtimedwait(&set_, nullptr, &timeout);
      if (signal > 0) return true;
      if (errno != EINTR) return false;  // EAGAIN: the time is up
    }
  }

 private:
  sigset_t set_{};
};

// The next collection comes after the interval, give or take 10%, so machines
// booted together drift apart instead of reporting at the same instant.
milliseconds jittered(std::chrono::seconds interval, std::mt19937_64& rng) {
  const auto base = std::chrono::duration_cast<milliseconds>(interval);
  std::uniform_int_distribution<long long> spread(-base.count() / 10, base.count() / 10);
  return base + milliseconds{spread(rng)};
}

// Before sleeping: the network module goes (agent/net/on_demand_net.h), the pages of
// the agent's own executable that are unwritten copies of the file are dropped (the
// next report maps them again from the page cache, agent/net/leftover_pages.h), and
// free heap goes back to the system.
void settleIdle(OnDemandNet& net, const Logger& logger) {
  if (!net.unload()) logger->debug("network module kept loaded: another thread still runs");
  const unsigned long released = releaseCleanPages({ownExecutable()});
  logger->debug("idle: {} KiB of the executable given back", released);
  malloc_trim(0);  // what reading smaps took, and the report's buffers, go back too
}

}  // namespace

int runCommand(const AgentConfig& config) {
  const StopSignals signals;
  auto runtime = makeRuntime(config);
  if (!runtime) {
    std::cerr << "parc-agent run: " << runtime.error() << "\n";
    return kExitFailure;
  }
  auto& logger = runtime->logger;
  Backoff backoff(BackoffOptions{}, systemRandom());
  std::mt19937_64 rng{std::random_device{}()};

  // First start of a silent install: enroll, retrying quietly until the server answers.
  std::optional<Identity> identity;
  while (!identity) {
    auto loaded = loadOrEnroll(config, *runtime);
    if (loaded) {
      identity = *loaded;
      break;
    }
    settleIdle(*runtime->net, logger);
    const auto delay = backoff.nextDelay();
    logger->warn("{}; retrying in {} s", loaded.error(), delay.count() / 1000);
    if (signals.waitFor(delay)) return kExitOk;
  }
  backoff.reset();

  Reporter reporter(config, runtime->state, *runtime->spool, *runtime->net, runtime->collectors,
                    logger, systemNow);
  logger->info("reporting to {} every {} s", identity->server, config.interval.count());
  using Clock = std::chrono::steady_clock;
  // A first report soon after start, spread over a few seconds for machines booted together.
  auto next_collection = Clock::now() + jittered(std::chrono::seconds{1}, rng) / 2;
  while (true) {
    if (Clock::now() >= next_collection) {
      if (auto queued = reporter.collectAndQueue(*identity); !queued) logger->error("{}", queued.error());
      next_collection = Clock::now() + jittered(config.interval, rng);
    }
    const DrainResult result = reporter.deliver(*identity);
    // Idle until the next report or retry without libcurl and OpenSSL mapped.
    settleIdle(*runtime->net, logger);
    auto wait = std::chrono::duration_cast<milliseconds>(next_collection - Clock::now());
    if (result.stopped_reason == DrainStop::kDrained) {
      backoff.reset();
    } else {
      if (result.stopped_reason == DrainStop::kNeedsReenroll) {
        logger->error("the server no longer knows this agent: re-enroll it (parc-agent enroll)");
      }
      wait = std::min(wait, backoff.nextDelay(result.retry_after));
    }
    if (signals.waitFor(wait)) break;
  }
  logger->info("stopped");
  return kExitOk;
}

}  // namespace parc::agent
