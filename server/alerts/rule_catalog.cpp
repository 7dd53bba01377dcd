#include "server/alerts/rule_catalog.h"

#include <algorithm>
#include <charconv>
#include <cmath>

namespace parc::server::alerts {
namespace {

using enum RuleKind;

std::vector<RuleDefinition> makeRules() {
  return {
      {"disk_smart_failed", kCritical, "Disque : échec SMART", computer, {}},
      {"disk_ata_sectors", kWarning, "Disque : secteurs défectueux", computer,
       {{"min_count", "1", "sectors (reallocated + pending + uncorrectable) that fire the rule"}}},
      {"nvme_critical_warning", kCritical, "SSD NVMe : avertissement critique", computer, {}},
      {"nvme_spare_low", kCritical, "SSD NVMe : réserve épuisée", computer,
       {{"min_spare_pct", "10", "spare threshold when the drive gives none"}}},
      {"nvme_wear", kWarning, "SSD NVMe : usure avancée", computer,
       {{"wear_pct", "90", "percentage used at or above which the rule fires"}}},
      {"nvme_media_errors", kWarning, "SSD NVMe : erreurs de support", computer,
       {{"min_errors", "1", "media errors that fire the rule"}}},
      {"filesystem_full", kWarning, "Système de fichiers presque plein", computer,
       {{"warning_pct", "90", "used percentage for a warning"},
        {"critical_pct", "97", "used percentage for a critical alert"},
        {"min_size_mb", "100", "smaller file systems are ignored"}}},
      {"battery_worn", kWarning, "Batterie usée", computer,
       {{"health_pct", "50", "health (full / design capacity) below which the rule fires"}}},
      {"temperature_high", kWarning, "Température élevée persistante", computer,
       {{"celsius", "85", "temperature at or above which a report counts"},
        {"margin_celsius", "5", "or this close to the sensor's critical mark"},
        {"reports", "3", "consecutive reports needed"}}},
      {"projector_error", kWarning, "Vidéoprojecteur : erreur signalée", projector,
       {{"warnings", "1", "1: PJLink warnings raise too; 0: errors only"}}},
      {"projector_lamp_hours", kWarning, "Vidéoprojecteur : lampe en fin de vie", projector,
       {{"life_pct", "90", "share of the rated life at which the rule fires"},
        {"default_life_hours", "3000", "rated life when the agent configuration gives none"}}},
      {"projector_unreachable", kWarning, "Vidéoprojecteur injoignable", projector,
       {{"reports", "2", "consecutive failed polls needed"}}},
      {"kit_gone", kWarning, "TNI : stylet ou contrôleur tactile disparu", computer, {}},
      {"component_removed", kWarning, "Barrette mémoire ou disque retiré", latched, {}},
      {"serial_changed", kCritical, "Numéro de série de la machine changé", latched, {}},
      {"device_silent", kWarning, "Poste silencieux", sweep,
       {{"school_days", "3", "school days without a report"}}},
      {"site_offline", kCritical, "Établissement hors ligne (réseau coupé ?)", sweep,
       {{"school_days", "1", "school days without a report from the site's devices"},
        {"silent_pct", "90", "share of the site's devices silent at once"},
        {"min_devices", "3", "smaller sites never raise it"}}},
  };
}

std::optional<double> parseNumber(std::string_view text) {
  double value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || !std::isfinite(value)) return std::nullopt;
  return value;
}

}  // namespace

RuleSettings::RuleSettings(std::map<std::string, std::string> values) : values_(std::move(values)) {
  for (const auto& [name, value] : values_) {
    if (const auto number = parseNumber(value)) numbers_.emplace(name, *number);
  }
}

double RuleSettings::number(std::string_view name, double fallback) const {
  const auto it = numbers_.find(name);
  return it == numbers_.end() ? fallback : it->second;
}

std::string RuleSettings::text(std::string_view name, std::string_view fallback) const {
  const auto it = values_.find(std::string(name));
  return it == values_.end() ? std::string(fallback) : it->second;
}

std::int64_t RuleSettings::clearAfter() const {
  return std::clamp<std::int64_t>(static_cast<std::int64_t>(number("clear_after", 3)), 1, 100);
}

std::span<const RuleDefinition> builtinRules() {
  static const std::vector<RuleDefinition> rules = makeRules();  // constant table
  return rules;
}

const RuleDefinition* findRule(std::string_view id) {
  for (const RuleDefinition& rule : builtinRules()) {
    if (rule.id == id) return &rule;
  }
  return nullptr;
}

RuleSettings effectiveSettings(const RuleDefinition& rule, const Overrides& overrides) {
  std::map<std::string, std::string> values{{"enabled", "1"}, {"severity", std::string(rule.severity)}};
  values["clear_after"] = rule.kind == RuleKind::sweep ? "1" : "3";
  for (const RuleParam& param : rule.params) values[std::string(param.name)] = std::string(param.default_value);
  if (const auto it = overrides.find(std::string(rule.id)); it != overrides.end()) {
    for (const auto& [name, value] : it->second) values[name] = value;
  }
  return RuleSettings(std::move(values));
}

Status checkSetting(std::string_view rule_id, std::string_view name, std::string_view value) {
  const RuleDefinition* rule = findRule(rule_id);
  const std::string where = std::string(rule_id) + "." + std::string(name);
  if (!rule) return makeError("unknown rule " + std::string(rule_id));
  if (name == "severity") {
    if (value == kWarning || value == kCritical) return {};
    return makeError(where + ": expected warning or critical");
  }
  const auto number = parseNumber(value);
  if (name == "enabled") {
    if (number && (*number == 0 || *number == 1)) return {};
    return makeError(where + ": expected 0 or 1");
  }
  if (name == "clear_after") {
    if (number && *number >= 1 && *number <= 100) return {};
    return makeError(where + ": expected a number of reports from 1 to 100");
  }
  const bool known = std::any_of(rule->params.begin(), rule->params.end(),
                                 [&](const RuleParam& p) { return p.name == name; });
  if (!known) return makeError(where + ": unknown setting");
  if (!number || *number < 0 || *number > 1e9) return makeError(where + ": expected a number from 0");
  return {};
}

}  // namespace parc::server::alerts
