// SqliteStore::ingestBatch: group commit. Every report runs in its own savepoint
// inside one transaction, committed once; syncCommitted() then makes the batches
// committed so far durable (one fdatasync of the WAL), from the ingest queue's
// syncer thread, and only then are they acknowledged.
#include "server/store/sqlite/sqlite_db.h"
#include "server/store/sqlite/sqlite_guard.h"
#include "server/store/sqlite/sqlite_ingest.h"
#include "server/store/sqlite/sqlite_rule_settings.h"
#include "server/store/sqlite/sqlite_store.h"

namespace parc::server {
namespace {

using sqlite::Connection;

// One report in its savepoint: released when it is kept, rolled back alone when it
// is refused or fails. Throws SqliteError when the transaction itself is lost.
Result<IngestResult> ingestInSavepoint(Connection& db, IngestItem& item, sqlite::RuleSettingsCache& settings) {
  db.prepare("SAVEPOINT report", "savepoint").run();  // prepared once, not parsed per report
  Result<IngestResult> result = makeError("not ingested");
  try {
    result = sqlite::ingestReport(db, item.agent, std::move(item.report), item.received_at,
                                  item.prepared ? &*item.prepared : nullptr, &settings);
  } catch (const sqlite::SqliteError& error) {
    if (!db.inTransaction()) throw;  // SQLite rolled the whole transaction back
    result = makeError(sqlite::describe(error));
  }
  if (!result || !sqlite::keepsChanges(*result)) db.prepare("ROLLBACK TO report", "rollback to savepoint").run();
  db.prepare("RELEASE report", "release savepoint").run();
  return result;
}

std::vector<Result<IngestResult>> everyItemFails(std::size_t count, const std::string& error) {
  return std::vector<Result<IngestResult>>(count, Result<IngestResult>(makeError(error)));
}

}  // namespace

std::vector<Result<IngestResult>> SqliteStore::ingestBatch(std::vector<IngestItem> items) {
  if (items.empty()) return {};
  std::lock_guard lock(ingest_mutex_);
  Connection& db = *ingest_connection_;
  std::vector<Result<IngestResult>> results;
  results.reserve(items.size());
  try {
    sqlite::Transaction transaction(db);
    rule_settings_->refresh(db);  // once per batch: settings changed elsewhere are seen here
    for (IngestItem& item : items) results.push_back(ingestInSavepoint(db, item, *rule_settings_));
    transaction.commit();
  } catch (const sqlite::SqliteError& error) {
    // The transaction is gone (or its commit failed): nothing of this batch is kept.
    return everyItemFails(items.size(), sqlite::describe(error));
  }
  if (checkpointer_) checkpointer_->nudge();
  return results;
}

Status SqliteStore::syncCommitted() { return wal_sync_->sync(); }

}  // namespace parc::server
