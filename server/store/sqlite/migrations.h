#pragma once
// Versioned schema migrations for the SQLite store. The applied version is the
// database's PRAGMA user_version; each step runs in its own transaction, so a
// crash leaves the database at a whole version. A database written by a newer
// server (user_version above the last step) is refused, never downgraded.

#include <cstdint>
#include <span>
#include <string_view>

namespace parc::server::sqlite {

class Connection;

struct Migration {
  std::int64_t version;  // 1, 2, 3, ... in order, no gaps
  std::string_view sql;
};

std::span<const Migration> migrations();
std::int64_t latestSchemaVersion();

// Brings the database up to latestSchemaVersion(). Throws SqliteError on a failed
// step, std::runtime_error on a database newer than this code.
void migrate(Connection& connection);

}  // namespace parc::server::sqlite
