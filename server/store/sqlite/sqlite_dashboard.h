#pragma once
// Scope checks shared by the dashboard's reads (sqlite_rooms.cpp, sqlite_trends.cpp,
// sqlite_activity.cpp), inside the caller's lock.

#include <optional>
#include <string>

#include "server/store/sqlite/sqlite_db.h"
#include "server/store/store.h"

namespace parc::server::sqlite {

// The site, when `scope` may see it.
std::optional<Site> siteInScope(Connection& db, const Scope& scope, const std::string& site_id);
// True when `scope` may see the device.
bool deviceInScope(Connection& db, const Scope& scope, const std::string& device_id);

}  // namespace parc::server::sqlite
