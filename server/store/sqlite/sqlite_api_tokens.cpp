// API tokens: a random secret shown once, stored as its SHA-256, carrying a scope
// (a collectivity or some of its sites, or everything for the server admin's own
// tokens) and, for tokens people make, their owner. A token never sees more than
// its owner does now, and stops working when its owner is disabled.

#include "server/store/scope_rules.h"
#include "server/store/sqlite/sqlite_db.h"
#include "server/store/sqlite/sqlite_guard.h"
#include "server/store/sqlite/sqlite_people_rows.h"
#include "server/store/sqlite/sqlite_scope.h"
#include "server/store/sqlite/sqlite_store.h"
#include "shared/crypto.h"

namespace parc::server {
namespace {

using sqlite::Connection;
using sqlite::Statement;

constexpr const char* kApiTokenPrefix = "pa_";
constexpr std::size_t kApiTokenRandomBytes = 32;

constexpr const char* kTokenInfoSelect =
    "SELECT t.id, t.label, t.created_at, t.collectivity_id, t.site_ids, t.owner_user_id, u.email, "
    "t.revoked_at FROM api_tokens t LEFT JOIN users u ON u.id = t.owner_user_id";

Scope storedScope(const OptString& collectivity_id, const std::string& site_ids) {
  if (!collectivity_id) return Scope::everything();
  Scope scope = Scope::collectivity(*collectivity_id);
  scope.site_ids = sqlite::parseSiteIds(site_ids);
  return scope;
}

ApiTokenInfo readTokenInfo(const Statement& row) {
  return ApiTokenInfo{.id = row.text(0), .label = row.text(1), .created_at = row.text(2),
                      .scope = storedScope(row.optText(3), row.text(4)),
                      .owner_user_id = row.optText(5), .owner_email = row.optText(6),
                      .revoked_at = row.optText(7)};
}

Status checkTokenScope(Connection& connection, const Scope& scope) {
  if (!scope.all && !scope.collectivity_id) return makeError("an API token needs a collectivity");
  return sqlite::checkScopeExists(connection, scope);
}

// The owner, when it may own this token: active, and at least as wide as the scope.
Status checkOwner(Connection& connection, const std::string& owner_id, const Scope& scope) {
  Statement query = connection.prepare(std::string("SELECT ") + sqlite::kUserColumns +
                                           " FROM users u WHERE u.id = ? AND u.disabled_at IS NULL",
                                       "find token owner");
  query.bind(1, owner_id);
  if (!query.step()) return makeError("unknown or disabled owner");
  if (!scopeWithin(scope, sqlite::readUser(query).scope)) {
    return makeError("a token cannot see more than its owner");
  }
  return {};
}

sqlite::Conditions tokenConditions(const Scope& scope, const OptString& owner_user_id) {
  sqlite::Conditions conditions;
  sqlite::addPeopleScope(scope, "t", conditions);
  if (owner_user_id) conditions.add("t.owner_user_id = ?", {*owner_user_id});
  return conditions;
}

}  // namespace

Result<std::string> SqliteStore::createApiToken(const Scope& scope, const std::string& label) {
  auto created = createOwnedApiToken(NewApiToken{.scope = scope, .label = label, .owner_user_id = {}});
  if (!created) return makeError(created.error());
  return created->secret;
}

Result<CreatedApiToken> SqliteStore::createOwnedApiToken(const NewApiToken& token) {
  std::lock_guard lock(mutex_);
  return sqlite::guardResult([&]() -> Result<CreatedApiToken> {
    sqlite::Transaction transaction(*connection_);
    if (auto status = checkTokenScope(*connection_, token.scope); !status) return makeError(status.error());
    if (token.owner_user_id) {
      if (auto status = checkOwner(*connection_, *token.owner_user_id, token.scope); !status) {
        return makeError(status.error());
      }
    }
    CreatedApiToken created{newId(), kApiTokenPrefix + randomHex(kApiTokenRandomBytes)};
    auto insert = connection_->prepare(
        "INSERT INTO api_tokens (id, token_hash, collectivity_id, site_ids, owner_user_id, label, "
        "created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
        "insert api token");
    insert.bind(1, created.id).bind(2, sha256Hex(created.secret));
    insert.bind(3, token.scope.all ? OptString{} : token.scope.collectivity_id);
    insert.bind(4, sqlite::siteIdsJson(token.scope.all ? std::vector<std::string>{} : token.scope.site_ids));
    insert.bind(5, token.owner_user_id).bind(6, token.label).bind(7, formatRfc3339(clock_())).run();
    transaction.commit();
    return created;
  });
}

std::optional<TokenHolder> SqliteStore::authenticateToken(const std::string& secret) {
  if (secret.empty()) return std::nullopt;
  const std::string hash = sha256Hex(secret);
  std::lock_guard lock(mutex_);
  return sqlite::guardValue([&]() -> std::optional<TokenHolder> {
    Statement query = connection_->prepare(
        std::string("SELECT t.id, t.token_hash, t.collectivity_id, t.site_ids, t.owner_user_id, ") +
            sqlite::kUserColumns +
            " FROM api_tokens t LEFT JOIN users u ON u.id = t.owner_user_id "
            "WHERE t.token_hash = ? AND t.revoked_at IS NULL",
        "authenticate api token");
    query.bind(1, hash);
    if (!query.step() || !constantTimeEquals(query.text(1), hash)) return std::nullopt;
    TokenHolder holder{query.text(0), storedScope(query.optText(2), query.text(3)), std::nullopt};
    if (query.isNull(4)) return holder;
    if (query.isNull(5)) return std::nullopt;  // owner row missing: refuse rather than widen
    User owner = sqlite::readUser(query, 5);
    if (owner.disabled_at) return std::nullopt;
    holder.scope = intersectScopes(holder.scope, owner.scope);
    holder.owner = std::move(owner);
    return holder;
  });
}

std::optional<Scope> SqliteStore::authenticateApiToken(const std::string& secret) {
  auto holder = authenticateToken(secret);
  if (!holder) return std::nullopt;
  return holder->scope;
}

std::vector<ApiTokenInfo> SqliteStore::listApiTokens(const Scope& scope, const OptString& owner_user_id) {
  std::lock_guard lock(mutex_);
  return sqlite::guardValue([&] {
    const auto conditions = tokenConditions(scope, owner_user_id);
    Statement query = connection_->prepare(
        std::string(kTokenInfoSelect) + conditions.where() + " ORDER BY t.created_at DESC, t.id",
        "list api tokens");
    query.bindAll(conditions.values());
    std::vector<ApiTokenInfo> out;
    while (query.step()) out.push_back(readTokenInfo(query));
    return out;
  });
}

Result<ApiTokenInfo> SqliteStore::revokeApiToken(const Scope& scope, const OptString& owner_user_id,
                                                 const std::string& token_id, TimePoint now) {
  std::lock_guard lock(mutex_);
  return sqlite::guardResult([&]() -> Result<ApiTokenInfo> {
    sqlite::Transaction transaction(*connection_);
    auto conditions = tokenConditions(scope, owner_user_id);
    conditions.add("t.id = ?", {token_id});
    Statement query = connection_->prepare(std::string(kTokenInfoSelect) + conditions.where(),
                                           "find api token");
    query.bindAll(conditions.values());
    if (!query.step()) return makeError("not_found");
    ApiTokenInfo info = readTokenInfo(query);
    if (!info.revoked_at) {
      info.revoked_at = formatRfc3339(now);
      connection_->prepare("UPDATE api_tokens SET revoked_at = ? WHERE id = ?", "revoke api token")
          .bind(1, *info.revoked_at)
          .bind(2, info.id)
          .run();
    }
    transaction.commit();
    return info;
  });
}

}  // namespace parc::server
