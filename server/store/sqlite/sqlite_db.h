#pragma once
// A thin RAII layer over the SQLite C API, for the store's own use: a connection
// with a cache of prepared statements, a statement handle that resets itself on
// scope exit, and a BEGIN IMMEDIATE transaction that rolls back unless committed.
//
// Failures throw SqliteError (inside the store only): each public SqliteStore
// method catches it at its boundary and turns it into an error value. The message
// names the step ("sqlite: insert device: database is locked").

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>
#include <variant>
#include <vector>

struct sqlite3;
struct sqlite3_stmt;

namespace parc::server::sqlite {

class SqliteError : public std::runtime_error {
 public:
  SqliteError(int code, const std::string& message) : std::runtime_error(message), code_(code) {}
  int code() const { return code_; }  // extended result code
  bool isFull() const;
  bool isBusy() const;

 private:
  int code_;
};

// A value bound to a placeholder; std::monostate is NULL.
using SqlValue = std::variant<std::monostate, std::string, std::int64_t>;

// One use of a cached prepared statement. Reset and unbound on destruction, so
// the next use starts clean.
class Statement {
 public:
  Statement(sqlite3* db, sqlite3_stmt* stmt, std::string_view context);
  ~Statement();
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  // Placeholders are numbered from 1.
  Statement& bind(int index, std::string_view text);
  Statement& bind(int index, const std::string& text) { return bind(index, std::string_view(text)); }
  Statement& bind(int index, const char* text) { return bind(index, std::string_view(text)); }
  Statement& bind(int index, const std::optional<std::string>& text);
  Statement& bind(int index, std::int64_t value);
  Statement& bindNull(int index);
  // Binds values to placeholders 1..n in order.
  Statement& bindAll(const std::vector<SqlValue>& values);

  bool step();  // true: a row is available; false: done
  void run();   // steps to completion, ignoring rows

  bool isNull(int column) const;
  std::string text(int column) const;
  std::optional<std::string> optText(int column) const;
  std::int64_t integer(int column) const;

 private:
  [[noreturn]] void fail(int code) const;

  sqlite3* db_;
  sqlite3_stmt* stmt_;
  std::string_view context_;
};

class Connection {
 public:
  // Opens (creating if needed) the database file. Throws SqliteError.
  static std::unique_ptr<Connection> open(const std::filesystem::path& file);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // Runs SQL text without parameters (pragmas, DDL, BEGIN/COMMIT). Never for data.
  void exec(const std::string& sql, std::string_view context);
  // A single-value pragma or query without parameters, as text.
  std::string queryText(const std::string& sql, std::string_view context);

  // The prepared statement for `sql`, prepared once and reused. `context` names
  // the step in error messages and must outlive the Statement (a literal).
  Statement prepare(const std::string& sql, std::string_view context);

  std::int64_t changes() const;
  // False once SQLite has rolled an open transaction back by itself (some errors do).
  bool inTransaction() const;

 private:
  explicit Connection(sqlite3* db) : db_(db) {}
  [[noreturn]] void fail(int code, std::string_view context) const;

  sqlite3* db_;
  std::unordered_map<std::string, sqlite3_stmt*> statements_;
};

// BEGIN IMMEDIATE now; ROLLBACK on scope exit unless commit() succeeded.
class Transaction {
 public:
  explicit Transaction(Connection& connection);
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;

  void commit();

 private:
  Connection& connection_;
  bool open_ = true;
};

}  // namespace parc::server::sqlite
