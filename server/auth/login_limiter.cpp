#include "server/auth/login_limiter.h"

#include <algorithm>

namespace parc::server::auth {

std::string accountKey(std::string_view email) {
  std::string out(email);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : static_cast<char>(c); });
  return out;
}

LoginLimiter::LoginLimiter(LoginLimits limits, Clock clock) : limits_(limits), clock_(std::move(clock)) {}

std::optional<std::chrono::seconds> LoginLimiter::lockedFor(Table& table, const std::string& key,
                                                            std::size_t max, TimePoint now) {
  const auto it = table.find(key);
  if (it == table.end()) return std::nullopt;
  Failures& failures = it->second;
  while (!failures.empty() && failures.front() + limits_.window <= now) failures.pop_front();
  if (failures.empty()) {
    table.erase(it);
    return std::nullopt;
  }
  if (failures.size() < max) return std::nullopt;
  // Allowed again once the oldest of the last `max` failures leaves the window.
  const TimePoint unlocks = failures[failures.size() - max] + limits_.window;
  return std::max(std::chrono::seconds{1}, std::chrono::duration_cast<std::chrono::seconds>(unlocks - now));
}

void LoginLimiter::add(Table& table, const std::string& key, std::size_t max, TimePoint now) {
  if (table.size() >= limits_.max_tracked && !table.contains(key)) prune(table, now);
  Failures& failures = table[key];
  failures.push_back(now);
  while (failures.size() > max) failures.pop_front();
}

// Drops keys without a failure in the window; when all are recent, the key whose
// last failure is oldest, so the table never grows past max_tracked.
void LoginLimiter::prune(Table& table, TimePoint now) {
  std::erase_if(table, [&](const auto& entry) { return entry.second.back() + limits_.window <= now; });
  if (table.size() < limits_.max_tracked) return;
  const auto oldest = std::min_element(table.begin(), table.end(), [](const auto& a, const auto& b) {
    return a.second.back() < b.second.back();
  });
  if (oldest != table.end()) table.erase(oldest);
}

std::optional<std::chrono::seconds> LoginLimiter::retryAfter(const std::string& account,
                                                             const std::string& address) {
  const TimePoint now = clock_();
  std::lock_guard lock(mutex_);
  const auto by_account = lockedFor(accounts_, accountKey(account), limits_.max_account_failures, now);
  const auto by_address = lockedFor(addresses_, address, limits_.max_address_failures, now);
  if (!by_account) return by_address;
  if (!by_address) return by_account;
  return std::max(*by_account, *by_address);
}

void LoginLimiter::recordFailure(const std::string& account, const std::string& address) {
  const TimePoint now = clock_();
  std::lock_guard lock(mutex_);
  add(accounts_, accountKey(account), limits_.max_account_failures, now);
  add(addresses_, address, limits_.max_address_failures, now);
}

void LoginLimiter::recordSuccess(const std::string& account) {
  std::lock_guard lock(mutex_);
  accounts_.erase(accountKey(account));
}

}  // namespace parc::server::auth
