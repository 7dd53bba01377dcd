#pragma once
// WHERE clauses built from fixed SQL fragments with '?' placeholders and their
// values, bound in order. Data never enters the SQL text.

#include <string>
#include <vector>

#include "server/store/sqlite/sqlite_db.h"
#include "server/store/store.h"

namespace parc::server::sqlite {

class Conditions {
 public:
  // `clause` has one '?' per value, in order.
  void add(std::string clause, std::vector<SqlValue> values = {});
  std::string where() const;  // " WHERE a AND b", or "" with no condition
  const std::vector<SqlValue>& values() const { return values_; }
  void append(SqlValue value) { values_.push_back(std::move(value)); }

 private:
  std::vector<std::string> clauses_;
  std::vector<SqlValue> values_;
};

// Restricts rows of the sites table, aliased `site_alias`, to what `scope` may see.
// A scope with neither `all` nor a collectivity sees nothing.
void addScope(const Scope& scope, const std::string& site_alias, Conditions& conditions);

// Checks that a scope given to a new user or token names a collectivity that
// exists and only sites of it. Scope::all passes.
Status checkScopeExists(Connection& connection, const Scope& scope);

}  // namespace parc::server::sqlite
