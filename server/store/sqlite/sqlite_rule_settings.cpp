#include "server/store/sqlite/sqlite_rule_settings.h"

#include <algorithm>

#include "server/alerts/rule_catalog.h"
#include "server/store/sqlite/sqlite_alert_rows.h"

namespace parc::server::sqlite {
namespace {

// Earlier reports the rules look back over: as many as the longest "N reports in
// a row" setting needs, at least one (growing sector counts).
std::size_t historyLength(const alerts::Overrides& overrides) {
  double reports = 2;
  for (const char* id : {"temperature_high", "projector_unreachable"}) {
    const auto settings = alerts::effectiveSettings(*alerts::findRule(id), overrides);
    reports = std::max(reports, settings.number("reports", 1));
  }
  return static_cast<std::size_t>(std::min(reports, 20.0)) - 1;
}

CollectivityRuleSettings derive(const alerts::Overrides& overrides) {
  CollectivityRuleSettings out;
  out.history_length = historyLength(overrides);
  out.settings = alerts::effectiveSettingsById(overrides);
  for (const auto& [id, settings] : out.settings) out.clear_after[id] = settings.clearAfter();
  return out;
}

std::set<std::string> idsOf(alerts::RuleKind kind) {
  const std::vector<std::string> ids = alerts::ruleIds(kind);
  return {ids.begin(), ids.end()};
}

}  // namespace

RuleSettingsCache::RuleSettingsCache()
    : computer_rules_(idsOf(alerts::RuleKind::computer)), projector_rules_(idsOf(alerts::RuleKind::projector)) {
  computer_rules_.insert("device_silent");
}

std::int64_t CollectivityRuleSettings::clearAfter(const std::string& rule_id) const {
  const auto it = clear_after.find(rule_id);
  return it == clear_after.end() ? 1 : it->second;  // an unknown rule clears at once
}

void RuleSettingsCache::refresh(Connection& db) {
  Statement query = db.prepare("PRAGMA data_version", "read data version");
  const std::int64_t version = query.step() ? query.integer(0) : -1;
  if (version != data_version_ || version == -1) by_collectivity_.clear();
  data_version_ = version;
}

const CollectivityRuleSettings& RuleSettingsCache::forCollectivity(Connection& db,
                                                                   const std::string& collectivity_id) {
  if (const auto it = by_collectivity_.find(collectivity_id); it != by_collectivity_.end()) return it->second;
  return by_collectivity_.emplace(collectivity_id, derive(loadOverrides(db, collectivity_id))).first->second;
}

}  // namespace parc::server::sqlite
