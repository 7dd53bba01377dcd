#include "server/api/device_json.h"

#include <nlohmann/json.hpp>

namespace parc::server {
namespace {

void putOptional(nlohmann::json& object, const char* key, const OptString& value) {
  if (value) object[key] = *value;
}

}  // namespace

nlohmann::json deviceSummaryJson(const DeviceSummary& d, std::int64_t current_year) {
  nlohmann::json out = {{"id", d.id},
                        {"site", {{"id", d.site_id}, {"name", d.site_name}}},
                        {"last_seq", d.last_seq},
                        {"source", d.source},
                        {"open_alerts", d.open_alerts}};
  putOptional(out, "room", d.room);
  putOptional(out, "kind", d.kind);
  putOptional(out, "status", d.status);
  putOptional(out, "hostname", d.hostname);
  putOptional(out, "manufacturer", d.manufacturer);
  putOptional(out, "model", d.model);
  putOptional(out, "serial", d.serial);
  putOptional(out, "os", d.os);
  putOptional(out, "enrolled_at", d.enrolled_at);
  putOptional(out, "last_seen_at", d.last_seen_at);
  if (d.built_year) {
    out["built_year"] = *d.built_year;
    out["age_years"] = current_year - *d.built_year;
  }
  return out;
}

std::int64_t currentYear(TimePoint now) {
  return static_cast<int>(std::chrono::year_month_day(std::chrono::floor<std::chrono::days>(now)).year());
}

}  // namespace parc::server
