#pragma once
// Reading and writing the rows of people, sessions and API tokens: the scope's
// site list as a JSON array, the user columns every query selects alike.

#include <string>
#include <vector>

#include "server/store/sqlite/sqlite_db.h"
#include "server/store/sqlite/sqlite_scope.h"
#include "server/store/store.h"

namespace parc::server::sqlite {

// '["id1","id2"]'; '[]' for every site of the collectivity.
std::string siteIdsJson(const std::vector<std::string>& site_ids);
// The ids of a stored array; a damaged value reads as no site at all.
std::vector<std::string> parseSiteIds(const std::string& json_text);

// The columns readUser expects, for the users table aliased `u`.
inline constexpr const char* kUserColumns =
    "u.id, u.email, u.role, u.collectivity_id, u.site_ids, u.must_change_password, u.created_at, "
    "u.disabled_at";
inline constexpr int kUserColumnCount = 8;

// Reads kUserColumns starting at column `first`.
User readUser(const Statement& row, int first = 0);

// Restricts the users table aliased `u` (or any table with collectivity_id and
// site_ids columns) to what `scope` covers: same collectivity, and for a scope
// limited to sites, only rows limited to some of those sites.
void addPeopleScope(const Scope& scope, const std::string& alias, Conditions& conditions);

}  // namespace parc::server::sqlite
