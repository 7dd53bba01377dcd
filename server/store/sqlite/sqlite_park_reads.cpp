// SqliteStore park reads for the dashboard: filter menus, retirement suggestions,
// the age pyramid, sites with their counts and the overview. All scoped.
#include <map>

#include "server/store/sqlite/sqlite_device_list.h"
#include "server/store/sqlite/sqlite_device_rows.h"
#include "server/store/sqlite/sqlite_guard.h"
#include "server/store/sqlite/sqlite_store.h"

namespace parc::server {
namespace {

using sqlite::Conditions;
using sqlite::Connection;
using sqlite::Statement;
using sqlite::SqlValue;

constexpr std::int64_t kFacetCap = 500;
constexpr std::int64_t kSuggestionCap = 1000;
constexpr std::int64_t kOldestBucket = 10;
constexpr std::int64_t kFaultDays = 180;
constexpr std::int64_t kFaultsToSuggest = 3;
constexpr std::int64_t kFaultAgeMargin = 2;

// Devices of the scope, optionally of one site.
Conditions scopedDevices(const Scope& scope, const OptString& site_id) {
  Conditions conditions;
  sqlite::addScope(scope, "s", conditions);
  if (site_id) conditions.add("d.site_id = ?", {*site_id});
  return conditions;
}

std::vector<std::string> distinctValues(Connection& db, const Conditions& scoped, const char* column) {
  Statement query = db.prepare(std::string("SELECT DISTINCT ") + column + sqlite::kDeviceFrom + scoped.where() +
                                   " AND " + column + " IS NOT NULL AND " + column + " <> '' ORDER BY " + column +
                                   " LIMIT " + std::to_string(kFacetCap),
                               "read device facet");
  query.bindAll(scoped.values());
  std::vector<std::string> out;
  while (query.step()) out.push_back(query.text(0));
  return out;
}

// Silent: an open device_silent alert, or a report older than its site's open
// site_offline alert (the sweep raises one instead of many then).
constexpr const char* kSilentCondition =
    "(EXISTS (SELECT 1 FROM alerts x WHERE x.device_id = d.id AND x.rule_id = 'device_silent' "
    "AND x.state <> 'resolved') OR EXISTS (SELECT 1 FROM alerts o WHERE o.site_id = d.site_id "
    "AND o.rule_id = 'site_offline' AND o.state <> 'resolved' AND d.last_seen_at < o.opened_at))";

// `first`, then the values of `conditions`: for a statement with a placeholder
// before its WHERE.
std::vector<SqlValue> prefixed(SqlValue first, const Conditions& conditions) {
  std::vector<SqlValue> values{std::move(first)};
  values.insert(values.end(), conditions.values().begin(), conditions.values().end());
  return values;
}

std::vector<std::pair<std::string, std::int64_t>> countsBy(Connection& db, const std::string& sql,
                                                          const Conditions& conditions) {
  Statement query = db.prepare(sql, "count park");
  query.bindAll(conditions.values());
  std::vector<std::pair<std::string, std::int64_t>> out;
  while (query.step()) out.emplace_back(query.text(0), query.integer(1));
  return out;
}

}  // namespace

Result<DeviceFacets> SqliteStore::deviceFacets(const Scope& scope, const OptString& site_id) {
  const Conditions scoped = scopedDevices(scope, site_id);
  std::lock_guard lock(mutex_);
  return sqlite::guardResult([&]() -> Result<DeviceFacets> {
    Conditions conditions = scoped;
    conditions.add("1");  // a WHERE never empty, for distinctValues' " AND "
    return DeviceFacets{.manufacturers = distinctValues(*connection_, conditions, "d.manufacturer"),
                        .models = distinctValues(*connection_, conditions, "d.model"),
                        .os = distinctValues(*connection_, conditions, "d.os"),
                        .rooms = distinctValues(*connection_, conditions, "d.room")};
  });
}

Result<std::vector<RetireSuggestion>> SqliteStore::retireSuggestions(const Scope& scope, const OptString& site_id,
                                                                     std::int64_t min_age, TimePoint now) {
  const std::int64_t year = sqlite::yearOf(now);
  Conditions conditions = scopedDevices(scope, site_id);
  conditions.add("d.status NOT IN ('to_retire', 'retired') AND d.built_year IS NOT NULL");
  const std::string since = formatRfc3339(now - std::chrono::days(kFaultDays));
  const char* faults = "(SELECT COUNT(*) FROM alerts f WHERE f.device_id = d.id AND f.opened_at >= ?)";
  conditions.add(std::string("d.built_year <= ? OR (d.built_year <= ? AND ") + faults + " >= ?)",
                 {year - min_age, year - (min_age - kFaultAgeMargin), since, kFaultsToSuggest});
  std::lock_guard lock(mutex_);
  return sqlite::guardResult([&]() -> Result<std::vector<RetireSuggestion>> {
    Statement query = connection_->prepare(std::string(sqlite::kSummaryColumns) + ", " + faults +
                                               sqlite::kDeviceFrom + conditions.where() +
                                               " ORDER BY d.built_year, d.id LIMIT " + std::to_string(kSuggestionCap),
                                           "read retire suggestions");
    query.bindAll(prefixed(since, conditions));
    std::vector<RetireSuggestion> out;
    while (query.step()) {
      RetireSuggestion suggestion{.device = sqlite::readSummary(query), .reasons = {},
                                  .faults_180d = query.integer(sqlite::kSummaryColumnCount)};
      if (year - *suggestion.device.built_year >= min_age) suggestion.reasons.emplace_back("age");
      if (suggestion.faults_180d >= kFaultsToSuggest) suggestion.reasons.emplace_back("faults");
      out.push_back(std::move(suggestion));
    }
    return out;
  });
}

Result<std::vector<SiteAges>> SqliteStore::agePyramid(const Scope& scope, const OptString& site_id, TimePoint now) {
  Conditions conditions;
  sqlite::addScope(scope, "s", conditions);
  if (site_id) conditions.add("s.id = ?", {*site_id});
  std::lock_guard lock(mutex_);
  return sqlite::guardResult([&]() -> Result<std::vector<SiteAges>> {
    Statement query = connection_->prepare(
        "SELECT s.id, s.name, CASE WHEN d.built_year IS NULL THEN -1 "
        "ELSE min(max(? - d.built_year, 0), " + std::to_string(kOldestBucket) + ") END AS bucket, COUNT(d.id) "
        "FROM sites s LEFT JOIN devices d ON d.site_id = s.id AND d.status <> 'retired'" + conditions.where() +
        " GROUP BY s.id, bucket ORDER BY s.name, s.id",
        "read age pyramid");
    query.bindAll(prefixed(sqlite::yearOf(now), conditions));
    std::vector<SiteAges> out;
    while (query.step()) {
      if (out.empty() || out.back().site_id != query.text(0)) {
        out.push_back({query.text(0), query.text(1), std::vector<std::int64_t>(kOldestBucket + 1, 0), 0});
      }
      const std::int64_t bucket = query.integer(2);
      (bucket < 0 ? out.back().unknown : out.back().buckets[static_cast<std::size_t>(bucket)]) += query.integer(3);
    }
    return out;
  });
}

Result<std::vector<SiteOverview>> SqliteStore::siteOverviews(const Scope& scope, const OptString& site_id,
                                                             TimePoint /*now*/) {
  Conditions conditions;
  sqlite::addScope(scope, "s", conditions);
  if (site_id) conditions.add("s.id = ?", {*site_id});
  std::lock_guard lock(mutex_);
  return sqlite::guardResult([&]() -> Result<std::vector<SiteOverview>> {
    Statement query = connection_->prepare(
        std::string("SELECT s.id, s.collectivity_id, s.name, s.zone, s.kind, s.address, c.name, "
                    "(SELECT COUNT(*) FROM devices d WHERE d.site_id = s.id), "
                    "(SELECT COUNT(DISTINCT d.room) FROM devices d WHERE d.site_id = s.id), "
                    "(SELECT COUNT(*) FROM alerts a WHERE a.site_id = s.id AND a.state <> 'resolved'), "
                    "(SELECT COUNT(*) FROM devices d WHERE d.site_id = s.id AND ") + kSilentCondition + ") "
            "FROM sites s JOIN collectivities c ON c.id = s.collectivity_id" + conditions.where() +
            " ORDER BY s.name, s.id",
        "read site overviews");
    query.bindAll(conditions.values());
    std::vector<SiteOverview> out;
    while (query.step()) {
      out.push_back({.site = {query.text(0), query.text(1), query.text(2), query.optText(3), query.optText(4),
                              query.optText(5)},
                     .collectivity_name = query.text(6), .device_count = query.integer(7),
                     .room_count = query.integer(8), .open_alerts = query.integer(9),
                     .silent_devices = query.integer(10)});
    }
    return out;
  });
}

Result<ParkOverview> SqliteStore::parkOverview(const Scope& scope, const OptString& site_id, TimePoint now) {
  auto sites = siteOverviews(scope, site_id, now);
  if (!sites) return makeError(sites.error());
  const Conditions scoped = scopedDevices(scope, site_id);
  std::lock_guard lock(mutex_);
  return sqlite::guardResult([&]() -> Result<ParkOverview> {
    ParkOverview out;
    const std::string from = std::string(sqlite::kDeviceFrom) + scoped.where();
    out.by_kind = countsBy(*connection_, "SELECT COALESCE(d.kind, 'other'), COUNT(*)" + from +
                                             " GROUP BY 1 ORDER BY 1", scoped);
    out.by_status = countsBy(*connection_, "SELECT d.status, COUNT(*)" + from + " GROUP BY 1 ORDER BY 1", scoped);
    out.alerts_by_severity = countsBy(
        *connection_, "SELECT a.severity, COUNT(*) FROM alerts a JOIN devices d ON d.id = a.device_id "
                      "JOIN sites s ON s.id = d.site_id" + scoped.where() +
                          (scoped.where().empty() ? " WHERE" : " AND") + " a.state <> 'resolved' GROUP BY 1",
        scoped);
    for (const auto& [kind, count] : out.by_kind) out.total_devices += count;
    for (const SiteOverview& site : *sites) out.silent_devices += site.silent_devices;
    out.sites = std::move(*sites);
    return out;
  });
}

}  // namespace parc::server
