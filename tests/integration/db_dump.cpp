#include "tests/integration/db_dump.h"

#include <sqlite3.h>

#include <stdexcept>
#include <vector>

namespace parc::testing {
namespace {

std::vector<std::string> tables(sqlite3* db) {
  std::vector<std::string> names;
  sqlite3_stmt* stmt = nullptr;
  sqlite3_prepare_v2(db, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name", -1, &stmt,
                     nullptr);
  while (sqlite3_step(stmt) == SQLITE_ROW) {
    names.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0)));
  }
  sqlite3_finalize(stmt);
  return names;
}

}  // namespace

std::string dumpDatabase(const std::filesystem::path& file) {
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(file.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    sqlite3_close(db);
    throw std::runtime_error("cannot open " + file.string());
  }
  sqlite3_busy_timeout(db, 5000);
  std::string dump;
  for (const auto& table : tables(db)) {
    dump += "== " + table + "\n";
    sqlite3_stmt* stmt = nullptr;
    // Table names come from sqlite_master, not from input.
    sqlite3_prepare_v2(db, ("SELECT * FROM \"" + table + "\" ORDER BY 1").c_str(), -1, &stmt, nullptr);
    while (stmt && sqlite3_step(stmt) == SQLITE_ROW) {
      for (int c = 0; c < sqlite3_column_count(stmt); ++c) {
        const auto* text = sqlite3_column_text(stmt, c);
        dump += text ? reinterpret_cast<const char*>(text) : "NULL";
        dump += '\t';
      }
      dump += '\n';
    }
    sqlite3_finalize(stmt);
  }
  sqlite3_close(db);
  return dump;
}

}  // namespace parc::testing
