#include "server/alerts/alert_json.h"

#include <nlohmann/json.hpp>

#include "server/alerts/rule_catalog.h"

namespace parc::server::alerts {

std::string encodeAlert(const Alert& a) {
  using nlohmann::json;
  const RuleDefinition* rule = findRule(a.rule_id);
  const auto opt = [](const OptString& value) { return value ? json(*value) : json(nullptr); };
  const json out = {
      {"id", a.id},
      {"rule", a.rule_id},
      {"title", rule ? json(std::string(rule->title)) : json(nullptr)},
      {"key", a.key},
      {"severity", a.severity},
      {"state", a.state},
      {"summary", a.summary},
      {"details", a.details},
      {"device", {{"id", a.device_id}, {"name", opt(a.device_name)}, {"room", opt(a.room)}}},
      {"site", {{"id", a.site_id}, {"name", opt(a.site_name)}}},
      {"collectivity_id", a.collectivity_id},
      {"opened_at", a.opened_at},
      {"last_seen_at", a.last_seen_at},
      {"count", a.count},
      {"acknowledged_at", opt(a.acknowledged_at)},
      {"acknowledged_by", opt(a.acknowledged_by)},
      {"resolved_at", opt(a.resolved_at)},
      {"resolved_by", opt(a.resolved_by)},
      {"resolution_note", opt(a.resolution_note)},
  };
  return out.dump(-1, ' ', false, json::error_handler_t::replace);
}

}  // namespace parc::server::alerts
