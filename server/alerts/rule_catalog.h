#pragma once
// The built-in rules: id, default severity, French title, settings with their
// defaults, and the procedure sheet shown with each alert. Collectivities
// override settings (parc-server admin rule set); checkSetting validates them.

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "server/alerts/rule_types.h"
#include "shared/result.h"

namespace parc::server::alerts {

struct RuleParam {
  std::string_view name, default_value, description;
};

enum class RuleKind {
  computer,   // evaluated at each report of a PC
  projector,  // evaluated at each report, per projector the PC polls
  latched,    // raised by a change (a removed part); resolved by hand only
  sweep,      // evaluated by the periodic sweep (silence)
};

struct RuleDefinition {
  std::string_view id, severity, title;
  RuleKind kind;
  std::vector<RuleParam> params;  // besides enabled, severity and clear_after
};

std::span<const RuleDefinition> builtinRules();
const RuleDefinition* findRule(std::string_view id);
// The rule's Markdown procedure sheet, in French; empty for an unknown id.
std::string_view procedureSheet(std::string_view id);

// Defaults overlaid with `overrides` for that rule.
RuleSettings effectiveSettings(const RuleDefinition& rule, const Overrides& overrides);
// "enabled" 0/1, "severity" warning/critical, "clear_after" 1..100, the rule's
// own params as numbers. The error names the rule, the setting and the reason.
Status checkSetting(std::string_view rule_id, std::string_view name, std::string_view value);

}  // namespace parc::server::alerts
