#include "server/store/sqlite/sqlite_scope.h"

#include <nlohmann/json.hpp>

namespace parc::server::sqlite {

void Conditions::add(std::string clause, std::vector<SqlValue> values) {
  clauses_.push_back(std::move(clause));
  for (SqlValue& value : values) values_.push_back(std::move(value));
}

std::string Conditions::where() const {
  std::string out;
  for (const std::string& clause : clauses_) {
    out += out.empty() ? " WHERE " : " AND ";
    out += "(" + clause + ")";
  }
  return out;
}

void addScope(const Scope& scope, const std::string& site_alias, Conditions& conditions) {
  if (scope.all) return;
  if (!scope.collectivity_id) {
    conditions.add("0");
    return;
  }
  conditions.add(site_alias + ".collectivity_id = ?", {*scope.collectivity_id});
  if (!scope.site_ids.empty()) {
    const std::string ids =
        nlohmann::json(scope.site_ids).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    conditions.add(site_alias + ".id IN (SELECT value FROM json_each(?))", {ids});
  }
}

}  // namespace parc::server::sqlite
