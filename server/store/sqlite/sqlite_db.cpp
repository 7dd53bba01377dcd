#include "server/store/sqlite/sqlite_db.h"

#include <sqlite3.h>

#include <mutex>

namespace parc::server::sqlite {
namespace {

std::string message(sqlite3* db, int code, std::string_view context) {
  const char* text = db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(code);
  return "sqlite: " + std::string(context) + ": " + (text != nullptr ? text : "unknown error");
}

constexpr int kBusyTimeoutMs = 5000;

// Unless told otherwise, SQLite counts every allocation in process-wide statistics
// behind a global mutex. Nothing here reads them, and the ingest writer allocates
// dozens of times per report (about 5 % of its instructions went to that mutex).
// Only possible before SQLite initialises; when it already has (a test opened a
// database itself first), the statistics simply stay on.
void configureLibraryOnce() {
  static std::once_flag once;
  std::call_once(once, [] { sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); });
}

}  // namespace

bool SqliteError::isFull() const { return (code_ & 0xff) == SQLITE_FULL; }
bool SqliteError::isBusy() const {
  return (code_ & 0xff) == SQLITE_BUSY || (code_ & 0xff) == SQLITE_LOCKED;
}

// ---- Statement ----

Statement::Statement(sqlite3* db, sqlite3_stmt* stmt, std::string_view context)
    : db_(db), stmt_(stmt), context_(context) {}

Statement::~Statement() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

void Statement::fail(int code) const { throw SqliteError(code, message(db_, code, context_)); }

Statement& Statement::bind(int index, std::string_view text) {
  const int rc = sqlite3_bind_text(stmt_, index, text.data(), static_cast<int>(text.size()),
                                   SQLITE_TRANSIENT);
  if (rc != SQLITE_OK) fail(rc);
  return *this;
}

Statement& Statement::bind(int index, const std::optional<std::string>& text) {
  return text ? bind(index, std::string_view(*text)) : bindNull(index);
}

Statement& Statement::bind(int index, std::int64_t value) {
  const int rc = sqlite3_bind_int64(stmt_, index, value);
  if (rc != SQLITE_OK) fail(rc);
  return *this;
}

Statement& Statement::bindNull(int index) {
  const int rc = sqlite3_bind_null(stmt_, index);
  if (rc != SQLITE_OK) fail(rc);
  return *this;
}

Statement& Statement::bindAll(const std::vector<SqlValue>& values) {
  for (std::size_t i = 0; i < values.size(); ++i) {
    const int index = static_cast<int>(i) + 1;
    if (const auto* text = std::get_if<std::string>(&values[i])) {
      bind(index, std::string_view(*text));
    } else if (const auto* number = std::get_if<std::int64_t>(&values[i])) {
      bind(index, *number);
    } else {
      bindNull(index);
    }
  }
  return *this;
}

bool Statement::step() {
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  fail(rc);
}

void Statement::run() {
  while (step()) {
  }
}

bool Statement::isNull(int column) const {
  return sqlite3_column_type(stmt_, column) == SQLITE_NULL;
}

std::string Statement::text(int column) const {
  const auto* data = sqlite3_column_text(stmt_, column);
  const int size = sqlite3_column_bytes(stmt_, column);
  return data != nullptr ? std::string(reinterpret_cast<const char*>(data), size) : std::string();
}

std::optional<std::string> Statement::optText(int column) const {
  if (isNull(column)) return std::nullopt;
  return text(column);
}

std::int64_t Statement::integer(int column) const { return sqlite3_column_int64(stmt_, column); }

// ---- Connection ----

std::unique_ptr<Connection> Connection::open(const std::filesystem::path& file) {
  configureLibraryOnce();
  sqlite3* db = nullptr;
  const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
  const int rc = sqlite3_open_v2(file.c_str(), &db, flags, nullptr);
  if (rc != SQLITE_OK) {
    const std::string text = message(db, rc, "open " + file.string());
    sqlite3_close(db);
    throw SqliteError(rc, text);
  }
  sqlite3_extended_result_codes(db, 1);
  sqlite3_busy_timeout(db, kBusyTimeoutMs);
  return std::unique_ptr<Connection>(new Connection(db));
}

Connection::~Connection() {
  for (auto& [sql, stmt] : statements_) sqlite3_finalize(stmt);
  sqlite3_close(db_);
}

void Connection::fail(int code, std::string_view context) const {
  throw SqliteError(code, message(db_, code, context));
}

void Connection::exec(const std::string& sql, std::string_view context) {
  const int rc = sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, nullptr);
  if (rc != SQLITE_OK) fail(rc, context);
}

std::string Connection::queryText(const std::string& sql, std::string_view context) {
  Statement statement = prepare(sql, context);
  return statement.step() ? statement.text(0) : std::string();
}

Statement Connection::prepare(const std::string& sql, std::string_view context) {
  auto found = statements_.find(sql);
  if (found == statements_.end()) {
    sqlite3_stmt* stmt = nullptr;
    const int rc = sqlite3_prepare_v3(db_, sql.c_str(), static_cast<int>(sql.size()),
                                      SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
    if (rc != SQLITE_OK) fail(rc, context);
    found = statements_.emplace(sql, stmt).first;
  }
  return Statement(db_, found->second, context);
}

std::int64_t Connection::changes() const { return sqlite3_changes64(db_); }

bool Connection::inTransaction() const { return sqlite3_get_autocommit(db_) == 0; }

// ---- Transaction ----

Transaction::Transaction(Connection& connection) : connection_(connection) {
  connection_.exec("BEGIN IMMEDIATE", "begin transaction");
}

Transaction::~Transaction() {
  if (!open_) return;
  try {
    connection_.exec("ROLLBACK", "rollback");
  } catch (const SqliteError&) {
    // The transaction is already gone (SQLite rolls back by itself on some errors).
  }
}

void Transaction::commit() {
  connection_.exec("COMMIT", "commit");
  open_ = false;
}

}  // namespace parc::server::sqlite
