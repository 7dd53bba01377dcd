#pragma once
// The RuleSet: every built-in rule a report is checked against, as pure
// functions of the facts and the collectivity's overrides. Disabled rules say
// nothing. The silence rules live apart (silence_rules.h): the sweep runs them.

#include <map>
#include <string>
#include <vector>

#include "server/alerts/rule_catalog.h"
#include "server/alerts/rule_types.h"

namespace parc::server::alerts {

std::vector<Finding> evaluateComputer(const ComputerFacts& facts, const Overrides& overrides);
std::vector<Finding> evaluateProjector(const ProjectorFacts& facts, const Overrides& overrides);

// The same with every rule's effective settings computed beforehand (once per
// collectivity, not per report): effectiveSettingsById(overrides).
using SettingsById = std::map<std::string, RuleSettings, std::less<>>;
SettingsById effectiveSettingsById(const Overrides& overrides);
std::vector<Finding> evaluateComputerWith(const ComputerFacts& facts, const SettingsById& settings);
std::vector<Finding> evaluateProjectorWith(const ProjectorFacts& facts, const SettingsById& settings);

// The ids of the rules of one kind: those whose silence clears an alert.
std::vector<std::string> ruleIds(RuleKind kind);

// The rules themselves, one group per file; each gets its rule's settings.
namespace rules {
std::vector<Finding> smartFailed(const ComputerFacts& facts, const RuleSettings& settings);
std::vector<Finding> ataSectors(const ComputerFacts& facts, const RuleSettings& settings);
std::vector<Finding> nvmeCriticalWarning(const ComputerFacts& facts, const RuleSettings& settings);
std::vector<Finding> nvmeSpareLow(const ComputerFacts& facts, const RuleSettings& settings);
std::vector<Finding> nvmeWear(const ComputerFacts& facts, const RuleSettings& settings);
std::vector<Finding> nvmeMediaErrors(const ComputerFacts& facts, const RuleSettings& settings);
std::vector<Finding> filesystemFull(const ComputerFacts& facts, const RuleSettings& settings);
std::vector<Finding> batteryWorn(const ComputerFacts& facts, const RuleSettings& settings);
std::vector<Finding> temperatureHigh(const ComputerFacts& facts, const RuleSettings& settings);
std::vector<Finding> kitGone(const ComputerFacts& facts, const RuleSettings& settings);
std::vector<Finding> componentRemoved(const ComputerFacts& facts, const RuleSettings& settings);
std::vector<Finding> serialChanged(const ComputerFacts& facts, const RuleSettings& settings);
std::vector<Finding> projectorError(const ProjectorFacts& facts, const RuleSettings& settings);
std::vector<Finding> projectorLampHours(const ProjectorFacts& facts, const RuleSettings& settings);
std::vector<Finding> projectorUnreachable(const ProjectorFacts& facts, const RuleSettings& settings);

// A finding with the rule's configured severity.
Finding finding(const RuleSettings& settings, std::string rule_id, std::string key, std::string summary,
                std::string details, std::string level = {});
// "12,5" style French number with one decimal.
std::string frenchNumber(double value);
}  // namespace rules

}  // namespace parc::server::alerts
