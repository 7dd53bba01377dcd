#pragma once
// The device list's WHERE clause, shared by the list, the facets and the charts.

#include <string>

#include "server/store/sqlite/sqlite_scope.h"
#include "server/store/store.h"

namespace parc::server::sqlite {

// Every filter of `filter` (not its cursor), over devices `d` joined to sites `s`.
void addDeviceFilters(const DeviceFilter& filter, std::int64_t current_year, Conditions& conditions);

// q as a LIKE pattern (ESCAPE '\') that matches it literally, anywhere in the text.
std::string containsPattern(const std::string& q);

// The calendar year of `now`, UTC.
std::int64_t yearOf(TimePoint now);

}  // namespace parc::server::sqlite
