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

Status checkScopeExists(Connection& connection, const Scope& scope) {
  if (scope.all) return {};
  if (!scope.collectivity_id) return makeError("a scope needs a collectivity");
  Statement collectivity = connection.prepare("SELECT 1 FROM collectivities WHERE id = ?", "find collectivity");
  collectivity.bind(1, *scope.collectivity_id);
  if (!collectivity.step()) return makeError("unknown collectivity " + *scope.collectivity_id);
  for (const std::string& site_id : scope.site_ids) {
    Statement site = connection.prepare("SELECT collectivity_id FROM sites WHERE id = ?", "find site");
    site.bind(1, site_id);
    if (!site.step() || site.text(0) != *scope.collectivity_id) {
      return makeError("site " + site_id + " is not a site of collectivity " + *scope.collectivity_id);
    }
  }
  return {};
}

}  // namespace parc::server::sqlite
