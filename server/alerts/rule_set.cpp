#include "server/alerts/rule_set.h"

#include <array>

namespace parc::server::alerts {
namespace {

using ComputerRule = std::vector<Finding> (*)(const ComputerFacts&, const RuleSettings&);
using ProjectorRule = std::vector<Finding> (*)(const ProjectorFacts&, const RuleSettings&);

constexpr std::array<std::pair<std::string_view, ComputerRule>, 12> kComputerRules{{
    {"disk_smart_failed", rules::smartFailed},
    {"disk_ata_sectors", rules::ataSectors},
    {"nvme_critical_warning", rules::nvmeCriticalWarning},
    {"nvme_spare_low", rules::nvmeSpareLow},
    {"nvme_wear", rules::nvmeWear},
    {"nvme_media_errors", rules::nvmeMediaErrors},
    {"filesystem_full", rules::filesystemFull},
    {"battery_worn", rules::batteryWorn},
    {"temperature_high", rules::temperatureHigh},
    {"kit_gone", rules::kitGone},
    {"component_removed", rules::componentRemoved},
    {"serial_changed", rules::serialChanged},
}};

constexpr std::array<std::pair<std::string_view, ProjectorRule>, 3> kProjectorRules{{
    {"projector_error", rules::projectorError},
    {"projector_lamp_hours", rules::projectorLampHours},
    {"projector_unreachable", rules::projectorUnreachable},
}};

template <class Facts, class Table>
std::vector<Finding> evaluate(const Facts& facts, const Overrides& overrides, const Table& table) {
  std::vector<Finding> out;
  for (const auto& [id, rule] : table) {
    const RuleDefinition* definition = findRule(id);
    if (!definition) continue;
    const RuleSettings settings = effectiveSettings(*definition, overrides);
    if (!settings.enabled()) continue;
    for (Finding& f : rule(facts, settings)) out.push_back(std::move(f));
  }
  return out;
}

template <class Facts, class Table>
std::vector<Finding> evaluateWith(const Facts& facts, const SettingsById& settings, const Table& table) {
  std::vector<Finding> out;
  for (const auto& [id, rule] : table) {
    const auto found = settings.find(id);
    if (found == settings.end() || !found->second.enabled()) continue;
    for (Finding& f : rule(facts, found->second)) out.push_back(std::move(f));
  }
  return out;
}

}  // namespace

SettingsById effectiveSettingsById(const Overrides& overrides) {
  SettingsById out;
  for (const RuleDefinition& rule : builtinRules()) {
    out.emplace(std::string(rule.id), effectiveSettings(rule, overrides));
  }
  return out;
}

std::vector<Finding> evaluateComputerWith(const ComputerFacts& facts, const SettingsById& settings) {
  return evaluateWith(facts, settings, kComputerRules);
}

std::vector<Finding> evaluateProjectorWith(const ProjectorFacts& facts, const SettingsById& settings) {
  return evaluateWith(facts, settings, kProjectorRules);
}

std::vector<Finding> evaluateComputer(const ComputerFacts& facts, const Overrides& overrides) {
  return evaluate(facts, overrides, kComputerRules);
}

std::vector<Finding> evaluateProjector(const ProjectorFacts& facts, const Overrides& overrides) {
  return evaluate(facts, overrides, kProjectorRules);
}

std::vector<std::string> ruleIds(RuleKind kind) {
  std::vector<std::string> out;
  for (const RuleDefinition& rule : builtinRules()) {
    if (rule.kind == kind) out.emplace_back(rule.id);
  }
  return out;
}

}  // namespace parc::server::alerts
