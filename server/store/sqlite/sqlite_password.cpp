// A person's own password change: the new hash, the first-login flag cleared and
// every other session of the user ended, in one transaction.

#include "server/store/sqlite/sqlite_db.h"
#include "server/store/sqlite/sqlite_guard.h"
#include "server/store/sqlite/sqlite_store.h"
#include "shared/crypto.h"

namespace parc::server {

Status SqliteStore::changePassword(const std::string& user_id, const std::string& password_hash,
                                   const std::string& kept_session_id, TimePoint now) {
  if (password_hash.empty()) return makeError("a user needs a password hash");
  const std::string kept_hash = sha256Hex(kept_session_id);
  std::lock_guard lock(mutex_);
  auto changed = sqlite::guardResult([&]() -> Result<bool> {
    sqlite::Transaction transaction(*connection_);
    connection_
        ->prepare("UPDATE users SET password_hash = ?, must_change_password = 0 "
                  "WHERE id = ? AND disabled_at IS NULL",
                  "change password")
        .bind(1, password_hash)
        .bind(2, user_id)
        .run();
    if (connection_->changes() == 0) return makeError("not_found");
    connection_
        ->prepare("UPDATE sessions SET ended_at = ? "
                  "WHERE user_id = ? AND ended_at IS NULL AND session_hash <> ?",
                  "end other sessions of user")
        .bind(1, formatRfc3339(now))
        .bind(2, user_id)
        .bind(3, kept_hash)
        .run();
    transaction.commit();
    return true;
  });
  if (!changed) return makeError(changed.error());
  return {};
}

}  // namespace parc::server
