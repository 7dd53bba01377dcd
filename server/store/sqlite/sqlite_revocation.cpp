// Enrollment tokens listed and revoked, agents revoked: the server admin's means
// of taking back what was handed out. Secrets never leave the store.

#include "server/store/sqlite/sqlite_db.h"
#include "server/store/sqlite/sqlite_guard.h"
#include "server/store/sqlite/sqlite_scope.h"
#include "server/store/sqlite/sqlite_store.h"
#include "shared/crypto.h"

namespace parc::server {
namespace {

using sqlite::Connection;
using sqlite::Statement;

constexpr const char* kTokenColumns =
    "SELECT t.id, t.site_id, s.name, t.room, t.uses, t.max_uses, t.expires_at, t.created_at, "
    "t.revoked_at FROM enrollment_tokens t JOIN sites s ON s.id = t.site_id";

EnrollmentTokenInfo readToken(const Statement& row) {
  EnrollmentTokenInfo info;
  info.id = row.text(0);
  info.site_id = row.text(1);
  info.site_name = row.text(2);
  info.room = row.optText(3);
  info.uses = row.integer(4);
  info.max_uses = row.integer(5);
  info.expires_at = row.text(6);
  info.created_at = row.text(7);
  info.revoked_at = row.optText(8);
  return info;
}

std::optional<EnrollmentTokenInfo> findToken(Connection& db, const std::string& id_or_secret) {
  Statement query = db.prepare(std::string(kTokenColumns) + " WHERE t.id = ? OR t.token_hash = ?",
                               "find enrollment token by id");
  query.bind(1, id_or_secret).bind(2, sha256Hex(id_or_secret));
  if (!query.step()) return std::nullopt;
  return readToken(query);
}

std::optional<RevokedAgent> findAgent(Connection& db, const std::string& agent_or_device_id) {
  Statement query = db.prepare("SELECT id, device_id FROM agents WHERE id = ? OR device_id = ?",
                               "find agent to revoke");
  query.bind(1, agent_or_device_id).bind(2, agent_or_device_id);
  if (!query.step()) return std::nullopt;
  return RevokedAgent{query.text(0), query.text(1)};
}

}  // namespace

std::vector<EnrollmentTokenInfo> SqliteStore::listEnrollmentTokens(const Scope& scope) {
  std::lock_guard lock(mutex_);
  return sqlite::guardValue([&] {
    sqlite::Conditions conditions;
    sqlite::addScope(scope, "s", conditions);
    Statement query = connection_->prepare(
        std::string(kTokenColumns) + conditions.where() + " ORDER BY t.created_at, t.id",
        "list enrollment tokens");
    query.bindAll(conditions.values());
    std::vector<EnrollmentTokenInfo> out;
    while (query.step()) out.push_back(readToken(query));
    return out;
  });
}

Result<EnrollmentTokenInfo> SqliteStore::revokeEnrollmentToken(const std::string& id_or_secret,
                                                               TimePoint now) {
  if (id_or_secret.empty()) return makeError("not_found");
  std::lock_guard lock(mutex_);
  return sqlite::guardResult([&]() -> Result<EnrollmentTokenInfo> {
    Connection& db = *connection_;
    sqlite::Transaction transaction(db);
    auto token = findToken(db, id_or_secret);
    if (!token) return makeError("not_found");
    if (!token->revoked_at) {
      token->revoked_at = formatRfc3339(now);
      db.prepare("UPDATE enrollment_tokens SET revoked_at = ? WHERE id = ?", "revoke enrollment token")
          .bind(1, *token->revoked_at)
          .bind(2, token->id)
          .run();
    }
    transaction.commit();
    return *token;
  });
}

Result<RevokedAgent> SqliteStore::revokeAgent(const std::string& agent_or_device_id, TimePoint now) {
  if (agent_or_device_id.empty()) return makeError("not_found");
  std::lock_guard lock(mutex_);
  return sqlite::guardResult([&]() -> Result<RevokedAgent> {
    Connection& db = *connection_;
    sqlite::Transaction transaction(db);
    const auto agent = findAgent(db, agent_or_device_id);
    if (!agent) return makeError("not_found");
    // The secret hash is replaced too: the old secret can never match again, even
    // if revoked_at were cleared by a later enrollment.
    db.prepare("UPDATE agents SET revoked_at = COALESCE(revoked_at, ?), secret_hash = ? WHERE id = ?",
               "revoke agent")
        .bind(1, formatRfc3339(now))
        .bind(2, "revoked:" + randomHex(16))
        .bind(3, agent->agent_id)
        .run();
    transaction.commit();
    return *agent;
  });
}

}  // namespace parc::server
