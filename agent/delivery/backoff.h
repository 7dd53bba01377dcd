#pragma once
// Exponential back-off with jitter between delivery attempts. Randomness is injected,
// so a test with a fixed source gets fixed delays.

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>

namespace parc::agent {

// Uniform in [0, 1).
using RandomSource = std::function<double()>;
RandomSource seededRandom(std::uint64_t seed);
RandomSource systemRandom();  // seeded from std::random_device

enum class Jitter {
  kFull,         // uniform in [0, min(ceiling, base * 2^failures)]
  kDecorrelated  // uniform in [base, previous * 3], capped at the ceiling
};

struct BackoffOptions {
  std::chrono::milliseconds base{std::chrono::seconds(5)};
  std::chrono::milliseconds ceiling{std::chrono::minutes(15)};
  // Never retry sooner than this, whatever the jitter drew.
  std::chrono::milliseconds floor{std::chrono::seconds(1)};
  // A server's Retry-After is honoured up to this (a broken answer cannot silence the
  // agent for a year).
  std::chrono::seconds max_retry_after{std::chrono::hours(24)};
  Jitter jitter = Jitter::kFull;
};

class Backoff {
 public:
  Backoff(BackoffOptions options, RandomSource random);

  // Records one more failure and returns how long to wait before the next attempt:
  // never less than `retry_after` (capped at max_retry_after).
  std::chrono::milliseconds nextDelay(
      std::optional<std::chrono::seconds> retry_after = std::nullopt);
  // After a success.
  void reset();
  int failures() const { return failures_; }

 private:
  std::chrono::milliseconds jittered();

  BackoffOptions options_;
  RandomSource random_;
  int failures_ = 0;
  std::chrono::milliseconds previous_{0};
};

}  // namespace parc::agent
