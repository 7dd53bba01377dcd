// Web sessions: a random id given to the browser as a cookie and stored as its
// SHA-256, a CSRF token, an absolute expiry and an idle timeout.

#include "server/store/sqlite/sqlite_db.h"
#include "server/store/sqlite/sqlite_guard.h"
#include "server/store/sqlite/sqlite_people_rows.h"
#include "server/store/sqlite/sqlite_store.h"
#include "shared/crypto.h"

namespace parc::server {
namespace {

using sqlite::Statement;

constexpr const char* kSessionPrefix = "ps_";
constexpr std::size_t kSessionRandomBytes = 32;
constexpr std::size_t kCsrfRandomBytes = 32;

// Stored times are our own RFC 3339 text; an unreadable one counts as long past.
TimePoint storedTime(const std::string& text) {
  auto parsed = parseRfc3339(text);
  return parsed ? *parsed : TimePoint{};
}

}  // namespace

Result<SessionSecrets> SqliteStore::createSession(const std::string& user_id, TimePoint now,
                                                  TimePoint expires_at) {
  if (expires_at <= now) return makeError("a session must expire after it starts");
  std::lock_guard lock(mutex_);
  return sqlite::guardResult([&]() -> Result<SessionSecrets> {
    Statement user = connection_->prepare("SELECT 1 FROM users WHERE id = ? AND disabled_at IS NULL",
                                          "find active user");
    user.bind(1, user_id);
    if (!user.step()) return makeError("not_found");
    SessionSecrets secrets{kSessionPrefix + randomHex(kSessionRandomBytes), randomHex(kCsrfRandomBytes),
                           expires_at};
    const std::string started = formatRfc3339(now);
    connection_
        ->prepare("INSERT INTO sessions (id, session_hash, csrf_token, user_id, created_at, "
                  "last_seen_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                  "insert session")
        .bind(1, newId())
        .bind(2, sha256Hex(secrets.session_id))
        .bind(3, secrets.csrf_token)
        .bind(4, user_id)
        .bind(5, started)
        .bind(6, started)
        .bind(7, formatRfc3339(expires_at))
        .run();
    return secrets;
  });
}

std::optional<ActiveSession> SqliteStore::useSession(const std::string& session_id, TimePoint now,
                                                     std::chrono::seconds idle_timeout) {
  if (session_id.empty()) return std::nullopt;
  const std::string hash = sha256Hex(session_id);
  std::lock_guard lock(mutex_);
  return sqlite::guardValue([&]() -> std::optional<ActiveSession> {
    Statement query = connection_->prepare(
        std::string("SELECT s.id, s.session_hash, s.csrf_token, s.last_seen_at, s.expires_at, ") +
            sqlite::kUserColumns +
            " FROM sessions s JOIN users u ON u.id = s.user_id "
            "WHERE s.session_hash = ? AND s.ended_at IS NULL AND u.disabled_at IS NULL",
        "find session");
    query.bind(1, hash);
    if (!query.step() || !constantTimeEquals(query.text(1), hash)) return std::nullopt;
    const TimePoint last_seen = storedTime(query.text(3));
    const TimePoint expires_at = storedTime(query.text(4));
    if (now >= expires_at || now - last_seen > idle_timeout) return std::nullopt;
    ActiveSession session{sqlite::readUser(query, 5), query.text(2), expires_at};
    const std::string row_id = query.text(0);
    connection_->prepare("UPDATE sessions SET last_seen_at = ? WHERE id = ?", "touch session")
        .bind(1, formatRfc3339(now))
        .bind(2, row_id)
        .run();
    return session;
  });
}

Status SqliteStore::endSession(const std::string& session_id, TimePoint now) {
  const std::string hash = sha256Hex(session_id);
  std::lock_guard lock(mutex_);
  auto ended = sqlite::guardResult([&]() -> Result<bool> {
    connection_
        ->prepare("UPDATE sessions SET ended_at = ? WHERE session_hash = ? AND ended_at IS NULL",
                  "end session")
        .bind(1, formatRfc3339(now))
        .bind(2, hash)
        .run();
    return connection_->changes() > 0;
  });
  if (!ended) return makeError(ended.error());
  return {};
}

}  // namespace parc::server
