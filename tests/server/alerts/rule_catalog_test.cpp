// The catalog: every rule has a procedure sheet and valid defaults; settings are validated.

#include <gtest/gtest.h>

#include <set>

#include "server/alerts/rule_catalog.h"

namespace parc::server::alerts {
namespace {

TEST(RuleCatalog, EveryRuleHasAUniqueIdASheetAndValidDefaults) {
  std::set<std::string> ids;
  for (const RuleDefinition& rule : builtinRules()) {
    EXPECT_TRUE(ids.insert(std::string(rule.id)).second) << rule.id;
    EXPECT_TRUE(procedureSheet(rule.id).starts_with("## ")) << rule.id;
    for (const auto& [name, value] : effectiveSettings(rule, {}).values()) {
      EXPECT_TRUE(checkSetting(rule.id, name, value).ok()) << rule.id << "." << name << "=" << value;
    }
  }
  EXPECT_GE(ids.size(), 17u);
}

TEST(RuleCatalog, SettingsAreValidated) {
  EXPECT_TRUE(checkSetting("filesystem_full", "warning_pct", "85").ok());
  EXPECT_TRUE(checkSetting("battery_worn", "severity", "critical").ok());
  EXPECT_TRUE(checkSetting("battery_worn", "enabled", "0").ok());
  const std::vector<std::tuple<const char*, const char*, const char*, const char*>> refused{
      {"no_such_rule", "enabled", "1", "unknown rule"},
      {"filesystem_full", "colour", "1", "unknown setting"},
      {"filesystem_full", "warning_pct", "beaucoup", "expected a number"},
      {"filesystem_full", "warning_pct", "-3", "expected a number"},
      {"filesystem_full", "warning_pct", "nan", "expected a number"},
      {"battery_worn", "severity", "info", "warning or critical"},
      {"battery_worn", "enabled", "2", "0 or 1"},
      {"battery_worn", "clear_after", "0", "1 to 100"},
  };
  for (const auto& [rule, name, value, reason] : refused) {
    const Status status = checkSetting(rule, name, value);
    ASSERT_FALSE(status.ok()) << rule << "." << name << "=" << value;
    EXPECT_NE(status.error().find(reason), std::string::npos) << status.error();
  }
}

TEST(RuleCatalog, OverridesWinOverDefaults) {
  const RuleDefinition& rule = *findRule("filesystem_full");
  EXPECT_EQ(effectiveSettings(rule, {}).number("warning_pct"), 90);
  EXPECT_EQ(effectiveSettings(rule, {{"filesystem_full", {{"warning_pct", "80"}}}}).number("warning_pct"), 80);
  EXPECT_EQ(effectiveSettings(rule, {{"battery_worn", {{"warning_pct", "80"}}}}).number("warning_pct"), 90);
}

}  // namespace
}  // namespace parc::server::alerts
