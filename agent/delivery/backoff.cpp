#include "agent/delivery/backoff.h"

#include <algorithm>
#include <memory>
#include <random>

namespace parc::agent {
namespace {

using std::chrono::milliseconds;

// Beyond 2^30 times the base, every ceiling is reached; stops the shift overflowing.
constexpr int kMaxDoublings = 30;

milliseconds uniformBetween(milliseconds low, milliseconds high, double unit) {
  if (high <= low) return low;
  const double span = static_cast<double>((high - low).count());
  const auto offset = static_cast<milliseconds::rep>(span * std::clamp(unit, 0.0, 1.0));
  return low + milliseconds(offset);
}

}  // namespace

RandomSource seededRandom(std::uint64_t seed) {
  auto engine = std::make_shared<std::mt19937_64>(seed);
  return [engine] { return std::uniform_real_distribution<double>(0.0, 1.0)(*engine); };
}

RandomSource systemRandom() {
  std::random_device device;
  const std::uint64_t seed = (static_cast<std::uint64_t>(device()) << 32) ^ device();
  return seededRandom(seed);
}

Backoff::Backoff(BackoffOptions options, RandomSource random)
    : options_(options), random_(std::move(random)) {
  options_.base = std::max(options_.base, milliseconds(1));
  options_.ceiling = std::max(options_.ceiling, options_.base);
  options_.floor = std::min(options_.floor, options_.ceiling);
}

milliseconds Backoff::jittered() {
  if (options_.jitter == Jitter::kDecorrelated) {
    const milliseconds previous = std::max(previous_, options_.base);
    const milliseconds high = std::min(options_.ceiling, previous * 3);
    previous_ = uniformBetween(options_.base, high, random_());
    return previous_;
  }
  const int doublings = std::min(failures_ - 1, kMaxDoublings);
  const milliseconds grown = options_.base * (std::int64_t{1} << doublings);
  return uniformBetween(milliseconds(0), std::min(options_.ceiling, grown), random_());
}

milliseconds Backoff::nextDelay(std::optional<std::chrono::seconds> retry_after) {
  failures_ += 1;
  milliseconds delay = std::max(jittered(), options_.floor);
  if (retry_after) {
    const std::chrono::seconds honoured =
        std::clamp(*retry_after, std::chrono::seconds(0), options_.max_retry_after);
    delay = std::max<milliseconds>(delay, honoured);
  }
  return delay;
}

void Backoff::reset() {
  failures_ = 0;
  previous_ = milliseconds(0);
}

}  // namespace parc::agent
