#pragma once
// What the alert rules read and what they say: pure values, no I/O.
//
// A rule is a pure function of a device's facts (its latest state, a short
// history of earlier states, the component changes of this report, its kit) and
// its effective settings. It answers findings: one per component it fires for
// (the key: a disk name, a mount point, a sensor label; empty for the device).

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "server/store/store.h"
#include "shared/report.h"

namespace parc::server::alerts {

inline constexpr std::string_view kWarning = "warning";
inline constexpr std::string_view kCritical = "critical";

struct Finding {
  std::string rule_id, key, severity;
  std::string summary;  // French, one line
  std::string details;  // French, the figures behind it
  // What a technician cares about beyond the severity (a count of bad sectors):
  // a repeat with another level is an "updated" event; the same level is silent.
  std::string level;
};

// One rule's settings: its defaults overlaid with the collectivity's values.
class RuleSettings {
 public:
  RuleSettings() = default;
  explicit RuleSettings(std::map<std::string, std::string> values);

  double number(std::string_view name, double fallback = 0) const;
  std::string text(std::string_view name, std::string_view fallback = "") const;
  bool enabled() const { return number("enabled", 1) != 0; }
  std::int64_t clearAfter() const;
  const std::map<std::string, std::string>& values() const& { return values_; }
  std::map<std::string, std::string> values() && { return std::move(values_); }  // safe in range-for

 private:
  std::map<std::string, std::string> values_;
  // The values that are numbers, parsed once: the rules ask for them on every report.
  std::map<std::string, double, std::less<>> numbers_;
};

// rule id -> (setting -> value): what a collectivity overrides.
using Overrides = std::map<std::string, std::map<std::string, std::string>>;

// A PC (or any device with an agent) as the rules see it.
struct ComputerFacts {
  State current;
  std::vector<State> previous;            // earlier reports, newest first
  std::vector<ComponentChange> changes;   // recorded by this report's inventory
  std::vector<KitItem> kit;               // whiteboard, pen and touch controllers, current and gone
};

// A projector polled by a PC, as the rules see it.
struct ProjectorFacts {
  ProjectorState current;
  std::vector<ProjectorState> previous;  // the same address in earlier reports, newest first
};

}  // namespace parc::server::alerts
