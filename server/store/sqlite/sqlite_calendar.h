#pragma once
// School calendars as the sweep reads them: the zone's holidays, the site's
// closures and whether it has lessons on Wednesday afternoons.

#include <string>

#include "server/alerts/school_calendar.h"
#include "server/store/sqlite/sqlite_db.h"
#include "shared/report.h"

namespace parc::server::sqlite {

alerts::SchoolCalendar loadCalendar(Connection& db, const std::string& site_id, const OptString& zone);

}  // namespace parc::server::sqlite
