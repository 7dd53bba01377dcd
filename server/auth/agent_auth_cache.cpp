#include "server/auth/agent_auth_cache.h"

#include "shared/crypto.h"

namespace parc::server::auth {

AgentAuthCache::AgentAuthCache(std::size_t capacity) : capacity_(capacity == 0 ? 1 : capacity) {}

std::optional<AgentIdentity> AgentAuthCache::authenticate(Store& store, std::string_view secret) {
  if (secret.empty()) return std::nullopt;
  // Keyed by the secret's hash, as the store keeps it: no secret is held in memory.
  std::string hash = sha256Hex(secret);
  {
    std::lock_guard lock(mutex_);
    if (auto found = by_secret_hash_.find(hash); found != by_secret_hash_.end()) return found->second;
  }
  std::optional<AgentIdentity> agent = store.authenticateAgent(std::string(secret));
  if (!agent) return std::nullopt;  // unknown secrets are not kept: nothing to fill the cache with
  std::lock_guard lock(mutex_);
  if (by_secret_hash_.size() >= capacity_) by_secret_hash_.clear();
  by_secret_hash_.insert_or_assign(std::move(hash), *agent);
  return agent;
}

void AgentAuthCache::forget(std::string_view secret) {
  const std::string hash = sha256Hex(secret);
  std::lock_guard lock(mutex_);
  by_secret_hash_.erase(hash);
}

bool AgentAuthCache::stillValid(Store& store, std::string_view secret) {
  if (store.authenticateAgent(std::string(secret))) return true;
  forget(secret);
  return false;
}

std::size_t AgentAuthCache::size() const {
  std::lock_guard lock(mutex_);
  return by_secret_hash_.size();
}

}  // namespace parc::server::auth
