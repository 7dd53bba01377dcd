// API tokens: a random secret shown once, stored as its SHA-256, carrying the
// scope of what its holder may read.

#include "server/store/sqlite/sqlite_db.h"
#include "server/store/sqlite/sqlite_guard.h"
#include "server/store/sqlite/sqlite_store.h"
#include "shared/crypto.h"

namespace parc::server {
namespace {

constexpr const char* kApiTokenPrefix = "pa_";
constexpr std::size_t kApiTokenRandomBytes = 32;

}  // namespace

Result<std::string> SqliteStore::createApiToken(const Scope& scope, const std::string& label) {
  if (!scope.all && !scope.collectivity_id) return makeError("an API token needs a collectivity");
  if (!scope.site_ids.empty()) return makeError("API tokens restricted to sites are not supported yet");
  std::lock_guard lock(mutex_);
  return sqlite::guardResult([&]() -> Result<std::string> {
    if (!scope.all) {
      auto query = connection_->prepare("SELECT 1 FROM collectivities WHERE id = ?", "find collectivity");
      query.bind(1, *scope.collectivity_id);
      if (!query.step()) return makeError("unknown collectivity " + *scope.collectivity_id);
    }
    const std::string secret = kApiTokenPrefix + randomHex(kApiTokenRandomBytes);
    auto insert = connection_->prepare(
        "INSERT INTO api_tokens (id, token_hash, collectivity_id, label, created_at) VALUES (?, ?, ?, ?, ?)",
        "insert api token");
    insert.bind(1, newId()).bind(2, sha256Hex(secret));
    if (scope.all) {
      insert.bindNull(3);
    } else {
      insert.bind(3, *scope.collectivity_id);
    }
    insert.bind(4, label).bind(5, formatRfc3339(clock_())).run();
    return secret;
  });
}

std::optional<Scope> SqliteStore::authenticateApiToken(const std::string& secret) {
  if (secret.empty()) return std::nullopt;
  const std::string hash = sha256Hex(secret);
  std::lock_guard lock(mutex_);
  return sqlite::guardValue([&]() -> std::optional<Scope> {
    auto query = connection_->prepare(
        "SELECT collectivity_id, token_hash FROM api_tokens WHERE token_hash = ? AND revoked_at IS NULL",
        "authenticate api token");
    query.bind(1, hash);
    if (!query.step() || !constantTimeEquals(query.text(1), hash)) return std::nullopt;
    if (query.isNull(0)) return Scope::everything();
    return Scope::collectivity(query.text(0));
  });
}

}  // namespace parc::server
