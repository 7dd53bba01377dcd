// People: creation with a scope checked against the park, login lookup, listing
// within a scope, and disabling (which ends the user's sessions).

#include <algorithm>

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

constexpr std::size_t kMaxEmailLength = 254;

bool validEmail(const std::string& email) {
  if (email.empty() || email.size() > kMaxEmailLength) return false;
  const auto at = email.find('@');
  if (at == 0 || at == std::string::npos || at + 1 >= email.size()) return false;
  return std::none_of(email.begin(), email.end(), [](unsigned char c) { return c <= ' ' || c == 0x7f; });
}

Status checkUserScope(Connection& connection, const Scope& scope) {
  if (scope.all || !scope.collectivity_id) return makeError("a user belongs to exactly one collectivity");
  return sqlite::checkScopeExists(connection, scope);
}

bool emailTaken(Connection& connection, const std::string& email) {
  Statement query = connection.prepare("SELECT 1 FROM users WHERE email = ?", "find user email");
  query.bind(1, email);
  return query.step();
}

std::optional<User> findInScope(Connection& connection, const Scope& scope, const std::string& email) {
  sqlite::Conditions conditions;
  conditions.add("u.email = ?", {email});
  sqlite::addPeopleScope(scope, "u", conditions);
  Statement query = connection.prepare(
      std::string("SELECT ") + sqlite::kUserColumns + " FROM users u" + conditions.where(), "find user");
  query.bindAll(conditions.values());
  if (!query.step()) return std::nullopt;
  return sqlite::readUser(query);
}

}  // namespace

Result<User> SqliteStore::createUser(const NewUser& user) {
  if (!validEmail(user.email)) return makeError("invalid email address");
  if (user.password_hash.empty()) return makeError("a user needs a password hash");
  std::lock_guard lock(mutex_);
  return sqlite::guardResult([&]() -> Result<User> {
    sqlite::Transaction transaction(*connection_);
    if (auto status = checkUserScope(*connection_, user.scope); !status) return makeError(status.error());
    if (emailTaken(*connection_, user.email)) return makeError("a user with this email already exists");
    User created{.id = newId(), .email = user.email, .role = user.role, .scope = user.scope,
                 .must_change_password = user.must_change_password,
                 .created_at = formatRfc3339(clock_()), .disabled_at = std::nullopt};
    connection_
        ->prepare("INSERT INTO users (id, email, role, collectivity_id, site_ids, password_hash, "
                  "must_change_password, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                  "insert user")
        .bind(1, created.id)
        .bind(2, created.email)
        .bind(3, roleName(created.role))
        .bind(4, *created.scope.collectivity_id)
        .bind(5, sqlite::siteIdsJson(created.scope.site_ids))
        .bind(6, user.password_hash)
        .bind(7, std::int64_t{user.must_change_password ? 1 : 0})
        .bind(8, created.created_at)
        .run();
    transaction.commit();
    return created;
  });
}

std::optional<UserLogin> SqliteStore::findLogin(const std::string& email) {
  if (email.empty()) return std::nullopt;
  std::lock_guard lock(mutex_);
  return sqlite::guardValue([&]() -> std::optional<UserLogin> {
    Statement query = connection_->prepare(
        std::string("SELECT ") + sqlite::kUserColumns + ", u.password_hash FROM users u WHERE u.email = ?",
        "find login");
    query.bind(1, email);
    if (!query.step()) return std::nullopt;
    return UserLogin{sqlite::readUser(query), query.text(sqlite::kUserColumnCount)};
  });
}

std::vector<User> SqliteStore::listUsers(const Scope& scope) {
  std::lock_guard lock(mutex_);
  return sqlite::guardValue([&] {
    sqlite::Conditions conditions;
    sqlite::addPeopleScope(scope, "u", conditions);
    Statement query = connection_->prepare(std::string("SELECT ") + sqlite::kUserColumns +
                                               " FROM users u" + conditions.where() +
                                               " ORDER BY u.email, u.id",
                                           "list users");
    query.bindAll(conditions.values());
    std::vector<User> out;
    while (query.step()) out.push_back(sqlite::readUser(query));
    return out;
  });
}

Result<User> SqliteStore::disableUser(const Scope& scope, const std::string& email, TimePoint now) {
  std::lock_guard lock(mutex_);
  return sqlite::guardResult([&]() -> Result<User> {
    sqlite::Transaction transaction(*connection_);
    auto user = findInScope(*connection_, scope, email);
    if (!user) return makeError("not_found");
    const std::string when = formatRfc3339(now);
    if (!user->disabled_at) {
      connection_->prepare("UPDATE users SET disabled_at = ? WHERE id = ?", "disable user")
          .bind(1, when)
          .bind(2, user->id)
          .run();
      user->disabled_at = when;
    }
    connection_->prepare("UPDATE sessions SET ended_at = ? WHERE user_id = ? AND ended_at IS NULL",
                         "end sessions of user")
        .bind(1, when)
        .bind(2, user->id)
        .run();
    transaction.commit();
    return *user;
  });
}

}  // namespace parc::server
