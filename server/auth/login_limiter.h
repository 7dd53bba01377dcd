#pragma once
// Limits failed logins per account and per client address over a sliding window.
// While either is over its limit every attempt is refused, even with the right
// password; a success forgets the account's failures (not the address's).
// Memory is bounded: at most `max_failures` times per key, `max_tracked` keys.

#include <chrono>
#include <cstddef>
#include <deque>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "shared/time.h"

namespace parc::server::auth {

struct LoginLimits {
  std::chrono::seconds window{15 * 60};
  std::size_t max_account_failures = 5;
  std::size_t max_address_failures = 20;
  std::size_t max_tracked = 100000;  // keys per table
};

class LoginLimiter {
 public:
  LoginLimiter(LoginLimits limits, Clock clock);

  // How long until an attempt for this account from this address is allowed;
  // nullopt when it is allowed now. `account` is compared case-insensitively.
  std::optional<std::chrono::seconds> retryAfter(const std::string& account, const std::string& address);
  void recordFailure(const std::string& account, const std::string& address);
  void recordSuccess(const std::string& account);

 private:
  using Failures = std::deque<TimePoint>;
  using Table = std::unordered_map<std::string, Failures>;

  std::optional<std::chrono::seconds> lockedFor(Table& table, const std::string& key, std::size_t max,
                                                TimePoint now);
  void add(Table& table, const std::string& key, std::size_t max, TimePoint now);
  void prune(Table& table, TimePoint now);

  const LoginLimits limits_;
  const Clock clock_;
  std::mutex mutex_;  // guards accounts_ and addresses_
  Table accounts_;
  Table addresses_;
};

// The account key: the email in ASCII lower case.
std::string accountKey(std::string_view email);

}  // namespace parc::server::auth
