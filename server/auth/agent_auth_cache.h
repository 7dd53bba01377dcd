#pragma once
// Agent credentials already seen, so authenticating a report on an io thread does
// not take the store's read connection (and its lock) for every report: at
// thousands of reports a second that lookup was the largest cost of the request
// path after decoding the JSON (docs/benchmarks.md).
//
// An entry may outlive a revocation made by another process (`parc-server admin
// agent revoke`). That is safe: this check only decides whether a report is worth
// queueing; the ingest writer reads the agent again inside its transaction and
// answers 401 (reenroll) for a revoked one, and that answer drops the entry
// (forget), so the next report of that secret is checked against the store again.

#include <cstddef>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "server/store/store.h"

namespace parc::server::auth {

class AgentAuthCache {
 public:
  // At most `capacity` secrets are kept; past it the cache starts again empty
  // (a park's agents refill it in one report interval).
  explicit AgentAuthCache(std::size_t capacity = 250000);

  // The agent of `secret`: from the cache, else from the store (and kept).
  std::optional<AgentIdentity> authenticate(Store& store, std::string_view secret);
  // The store refused `secret` (unknown or revoked agent): ask it again next time.
  void forget(std::string_view secret);
  // Asks the store again (a request is about to be refused for another reason: a
  // revoked agent must hear 401 first); forgets the secret when the store refuses it.
  bool stillValid(Store& store, std::string_view secret);
  std::size_t size() const;

 private:
  const std::size_t capacity_;
  mutable std::mutex mutex_;  // guards by_secret_hash_
  std::unordered_map<std::string, AgentIdentity> by_secret_hash_;
};

}  // namespace parc::server::auth
