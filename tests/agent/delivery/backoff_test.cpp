#include "agent/delivery/backoff.h"

#include <gtest/gtest.h>

#include <set>

namespace parc::agent {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;
using namespace std::chrono_literals;

RandomSource constant(double value) {
  return [value] { return value; };
}

BackoffOptions fullJitter() {
  BackoffOptions options;
  options.base = 5s;
  options.ceiling = 15min;
  options.floor = 1s;
  return options;
}

TEST(DeliveryBackoff, GrowsExponentiallyUpToTheCeiling) {
  Backoff backoff(fullJitter(), constant(1.0));  // the top of every jitter range
  const std::vector<milliseconds> expected = {5s, 10s, 20s, 40s, 80s, 160s, 320s, 640s, 900s, 900s};
  for (const milliseconds want : expected) EXPECT_EQ(backoff.nextDelay(), want);
  for (int i = 0; i < 100; ++i) EXPECT_EQ(backoff.nextDelay(), 900s);  // no overflow
  EXPECT_EQ(backoff.failures(), 110);
}

TEST(DeliveryBackoff, NeverBelowTheFloor) {
  Backoff backoff(fullJitter(), constant(0.0));
  EXPECT_EQ(backoff.nextDelay(), 1s);
  EXPECT_EQ(backoff.nextDelay(), 1s);
}

TEST(DeliveryBackoff, FullJitterStaysInRangeAndSpreads) {
  Backoff backoff(fullJitter(), seededRandom(7));
  for (int attempt = 1; attempt <= 12; ++attempt) {
    const milliseconds cap = std::min<milliseconds>(15min, 5s * (1 << (attempt - 1)));
    const milliseconds delay = backoff.nextDelay();
    EXPECT_GE(delay, 1s) << attempt;
    EXPECT_LE(delay, cap) << attempt;
  }
  // Many agents failing together pick different delays.
  std::set<milliseconds::rep> picked;
  for (std::uint64_t seed = 0; seed < 50; ++seed) {
    Backoff agent(fullJitter(), seededRandom(seed));
    for (int i = 0; i < 5; ++i) agent.nextDelay();
    picked.insert(agent.nextDelay().count());
  }
  EXPECT_GT(picked.size(), 40u);
}

TEST(DeliveryBackoff, DecorrelatedJitterStaysBetweenBaseAndThreeTimesThePrevious) {
  BackoffOptions options = fullJitter();
  options.jitter = Jitter::kDecorrelated;
  Backoff backoff(options, seededRandom(11));
  milliseconds previous = options.base;
  for (int attempt = 0; attempt < 200; ++attempt) {
    const milliseconds delay = backoff.nextDelay();
    EXPECT_GE(delay, options.base);
    EXPECT_LE(delay, std::min<milliseconds>(options.ceiling, previous * 3));
    previous = delay;
  }
}

TEST(DeliveryBackoff, SameSeedSameDelays) {
  Backoff first(fullJitter(), seededRandom(42));
  Backoff second(fullJitter(), seededRandom(42));
  for (int i = 0; i < 20; ++i) EXPECT_EQ(first.nextDelay(), second.nextDelay());
}

TEST(DeliveryBackoff, RetryAfterIsHonouredButCapped) {
  BackoffOptions options = fullJitter();
  options.max_retry_after = 1h;
  Backoff backoff(options, constant(0.0));
  EXPECT_EQ(backoff.nextDelay(seconds(120)), 120s);  // never sooner than the server says
  Backoff high(options, constant(1.0));
  high.nextDelay();
  high.nextDelay();                            // jitter range now up to 20 s
  EXPECT_EQ(high.nextDelay(seconds(3)), 20s);  // a later jittered delay wins
  EXPECT_EQ(backoff.nextDelay(seconds(86400 * 30)), 1h);
}

TEST(DeliveryBackoff, ResetStartsOverAfterASuccess) {
  Backoff backoff(fullJitter(), constant(1.0));
  for (int i = 0; i < 6; ++i) backoff.nextDelay();
  backoff.reset();
  EXPECT_EQ(backoff.failures(), 0);
  EXPECT_EQ(backoff.nextDelay(), 5s);
  BackoffOptions options = fullJitter();
  options.jitter = Jitter::kDecorrelated;
  Backoff decorrelated(options, constant(1.0));
  for (int i = 0; i < 6; ++i) decorrelated.nextDelay();
  decorrelated.reset();
  EXPECT_EQ(decorrelated.nextDelay(), 15s);  // base * 3 again, not from the old delay
}

}  // namespace
}  // namespace parc::agent
