#pragma once
// The alert lifecycle as a pure plan: given the device's alerts that are not
// resolved and this evaluation's findings, what happens to each.
//
// open -> acknowledged -> resolved. One alert per (device, rule, key) while it is
// not resolved. A finding without an alert opens one; with one, it repeats (count
// and last time; an "updated" event only when severity or level changed). An
// alert whose rule was evaluated and did not fire is cleared after `clear_after`
// such evaluations in a row (damping); a finding in between resets the count.
// An alert resolved by hand while its condition still held is "held": it stays
// resolved and silent until the condition has gone once, then may open again.

#include <cstdint>
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "server/alerts/rule_types.h"

namespace parc::server::alerts {

struct ActiveAlert {
  std::string id, rule_id, key, severity, level;
  std::int64_t clear_count = 0;
  bool held = false;  // resolved by hand, condition not yet gone
};

enum class Step {
  open,     // a new alert from `finding`
  repeat,   // same severity and level: count and last time only
  update,   // severity or level changed: event "updated"
  clearing, // not seen this time: clear_count is the new count
  resolve,  // cleared long enough: event "resolved"
  release,  // a held alert whose condition has gone: may open again later
};

struct Action {
  Step step;
  std::string alert_id;            // empty for open
  std::optional<Finding> finding;  // open, repeat, update
  std::int64_t clear_count = 0;    // clearing
};

// `evaluated`: the rules that were checked this time (only they may clear).
// `clear_after(rule_id)`: evaluations without a finding needed to resolve.
std::vector<Action> reconcile(const std::vector<ActiveAlert>& active, std::vector<Finding> findings,
                              const std::set<std::string>& evaluated,
                              const std::function<std::int64_t(const std::string&)>& clear_after);

}  // namespace parc::server::alerts
