#include "server/store/sqlite/sqlite_people_rows.h"

#include <nlohmann/json.hpp>

#include "server/store/sqlite/sqlite_scope.h"

namespace parc::server::sqlite {

std::string siteIdsJson(const std::vector<std::string>& site_ids) {
  return nlohmann::json(site_ids).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::vector<std::string> parseSiteIds(const std::string& json_text) {
  const auto parsed = nlohmann::json::parse(json_text, nullptr, /*allow_exceptions=*/false);
  std::vector<std::string> out;
  if (!parsed.is_array()) return {"-"};  // matches no site: damage never widens a scope
  for (const auto& item : parsed) {
    if (item.is_string()) out.push_back(item.get<std::string>());
  }
  return out;
}

User readUser(const Statement& row, int first) {
  User user;
  user.id = row.text(first);
  user.email = row.text(first + 1);
  user.role = parseRole(row.text(first + 2)).value_or(Role::viewer);
  user.scope = Scope::collectivity(row.text(first + 3));
  user.scope.site_ids = parseSiteIds(row.text(first + 4));
  user.must_change_password = row.integer(first + 5) != 0;
  user.created_at = row.text(first + 6);
  user.disabled_at = row.optText(first + 7);
  return user;
}

void addPeopleScope(const Scope& scope, const std::string& alias, Conditions& conditions) {
  if (scope.all) return;
  if (!scope.collectivity_id) {
    conditions.add("0");
    return;
  }
  conditions.add(alias + ".collectivity_id = ?", {*scope.collectivity_id});
  if (!scope.site_ids.empty()) {
    // Every site of the row must be one of the scope's; '[]' (all sites) is wider.
    conditions.add(alias + ".site_ids <> '[]' AND NOT EXISTS (SELECT 1 FROM json_each(" + alias +
                       ".site_ids) j WHERE j.value NOT IN (SELECT value FROM json_each(?)))",
                   {siteIdsJson(scope.site_ids)});
  }
}

}  // namespace parc::server::sqlite
