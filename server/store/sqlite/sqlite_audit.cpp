// The audit log: who did what, when, from where. Appended, never changed; read
// newest first with a keyset cursor, each collectivity seeing its own entries.

#include <charconv>

#include "server/store/sqlite/sqlite_db.h"
#include "server/store/sqlite/sqlite_guard.h"
#include "server/store/sqlite/sqlite_scope.h"
#include "server/store/sqlite/sqlite_store.h"

namespace parc::server {
namespace {

using sqlite::Statement;

constexpr std::int64_t kMaxAuditPage = 1000;
constexpr std::string_view kAuditCursorPrefix = "a";

OptString encodeCursor(std::int64_t id) { return std::string(kAuditCursorPrefix) + std::to_string(id); }

std::optional<std::int64_t> decodeCursor(std::string_view cursor) {
  if (!cursor.starts_with(kAuditCursorPrefix)) return std::nullopt;
  cursor.remove_prefix(kAuditCursorPrefix.size());
  std::int64_t id = 0;
  const auto [end, error] = std::from_chars(cursor.data(), cursor.data() + cursor.size(), id);
  if (error != std::errc{} || end != cursor.data() + cursor.size() || id < 1) return std::nullopt;
  return id;
}

AuditEntry readEntry(const Statement& row) {
  return AuditEntry{.id = row.integer(0), .at = row.text(1), .action = row.text(2),
                    .collectivity_id = row.optText(3), .actor = row.optText(4),
                    .target = row.optText(5), .address = row.optText(6), .detail = row.optText(7)};
}

}  // namespace

Status SqliteStore::appendAudit(const AuditEntry& entry) {
  if (entry.action.empty()) return makeError("an audit entry needs an action");
  std::lock_guard lock(mutex_);
  auto appended = sqlite::guardResult([&]() -> Result<bool> {
    connection_
        ->prepare("INSERT INTO audit_log (at, collectivity_id, action, actor, target, address, detail) "
                  "VALUES (?, ?, ?, ?, ?, ?, ?)",
                  "append audit entry")
        .bind(1, entry.at.empty() ? formatRfc3339(clock_()) : entry.at)
        .bind(2, entry.collectivity_id)
        .bind(3, entry.action)
        .bind(4, entry.actor)
        .bind(5, entry.target)
        .bind(6, entry.address)
        .bind(7, entry.detail)
        .run();
    return true;
  });
  if (!appended) return makeError(appended.error());
  return {};
}

Result<AuditPage> SqliteStore::listAudit(const Scope& scope, std::int64_t limit, const OptString& cursor) {
  if (limit < 1 || limit > kMaxAuditPage) return makeError("limit: expected 1 to 1000");
  sqlite::Conditions conditions;
  if (!scope.all) conditions.add("l.collectivity_id = ?", {scope.collectivity_id.value_or("")});
  if (cursor) {
    const auto before = decodeCursor(*cursor);
    if (!before) return makeError("cursor: not a cursor this server gave");
    conditions.add("l.id < ?", {*before});
  }
  std::lock_guard lock(mutex_);
  return sqlite::guardResult([&]() -> Result<AuditPage> {
    Statement query = connection_->prepare(
        "SELECT l.id, l.at, l.action, l.collectivity_id, l.actor, l.target, l.address, l.detail "
        "FROM audit_log l" + conditions.where() + " ORDER BY l.id DESC LIMIT ?",
        "list audit entries");
    query.bindAll(conditions.values());
    query.bind(static_cast<int>(conditions.values().size()) + 1, limit + 1);
    AuditPage page;
    while (query.step()) page.entries.push_back(readEntry(query));
    if (static_cast<std::int64_t>(page.entries.size()) > limit) {
      page.entries.pop_back();
      page.next_cursor = encodeCursor(page.entries.back().id);
    }
    return page;
  });
}

}  // namespace parc::server
