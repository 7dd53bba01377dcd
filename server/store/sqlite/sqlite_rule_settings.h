#pragma once
// The alert rule settings of each collectivity as the ingest writer needs them:
// the admin's overrides and the few figures derived from them for every report
// (how many earlier reports the rules look back over, each rule's clear_after),
// computed once and kept until the database changes under the writer.
//
// Rule settings are written by another connection (the API's, or `parc-server
// admin` in another process), never by the ingest connection. PRAGMA data_version
// on the ingest connection moves whenever another connection commits, so the
// cache is dropped at the start of a transaction when it has moved: a setting
// changed anywhere is in force from the next batch on.

#include <cstdint>
#include <map>
#include <set>
#include <string>

#include "server/alerts/rule_set.h"
#include "server/store/sqlite/sqlite_db.h"

namespace parc::server::sqlite {

struct CollectivityRuleSettings {
  alerts::SettingsById settings;   // every built-in rule's effective settings
  std::size_t history_length = 1;  // earlier reports the rules look back over
  std::map<std::string, std::int64_t, std::less<>> clear_after;  // by rule id

  std::int64_t clearAfter(const std::string& rule_id) const;
};

class RuleSettingsCache {
 public:
  RuleSettingsCache();
  // Call inside each transaction before the first forCollectivity(): drops what
  // was cached when another connection has committed since the last call.
  void refresh(Connection& db);
  const CollectivityRuleSettings& forCollectivity(Connection& db, const std::string& collectivity_id);
  // The rules evaluated at each report of a PC (with device_silent: a report proves
  // the device alive), and per projector it polls.
  const std::set<std::string>& computerRules() const { return computer_rules_; }
  const std::set<std::string>& projectorRules() const { return projector_rules_; }

 private:
  std::set<std::string> computer_rules_, projector_rules_;
  std::int64_t data_version_ = -1;
  std::map<std::string, CollectivityRuleSettings, std::less<>> by_collectivity_;
};

}  // namespace parc::server::sqlite
