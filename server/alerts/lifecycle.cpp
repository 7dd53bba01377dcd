#include "server/alerts/lifecycle.h"

#include <map>

namespace parc::server::alerts {
namespace {

using Key = std::pair<std::string, std::string>;  // (rule, key)

// One finding per (rule, key): the first wins.
std::map<Key, Finding> byKey(std::vector<Finding> findings) {
  std::map<Key, Finding> out;
  for (Finding& f : findings) {
    Key key{f.rule_id, f.key};
    out.try_emplace(std::move(key), std::move(f));
  }
  return out;
}

Action seen(const ActiveAlert& alert, Finding finding) {
  if (alert.held) return {Step::repeat, alert.id, std::nullopt, 0};
  const bool changed = finding.severity != alert.severity || finding.level != alert.level;
  return {changed ? Step::update : Step::repeat, alert.id, std::move(finding), 0};
}

std::optional<Action> unseen(const ActiveAlert& alert, const std::set<std::string>& evaluated,
                             const std::function<std::int64_t(const std::string&)>& clear_after) {
  if (!evaluated.contains(alert.rule_id)) return std::nullopt;
  if (alert.held) return Action{Step::release, alert.id, std::nullopt, 0};
  const std::int64_t count = alert.clear_count + 1;
  if (count >= clear_after(alert.rule_id)) return Action{Step::resolve, alert.id, std::nullopt, count};
  return Action{Step::clearing, alert.id, std::nullopt, count};
}

}  // namespace

std::vector<Action> reconcile(const std::vector<ActiveAlert>& active, std::vector<Finding> findings,
                              const std::set<std::string>& evaluated,
                              const std::function<std::int64_t(const std::string&)>& clear_after) {
  std::map<Key, Finding> pending = byKey(std::move(findings));
  std::vector<Action> out;
  for (const ActiveAlert& alert : active) {
    const auto it = pending.find({alert.rule_id, alert.key});
    if (it != pending.end()) {
      Action action = seen(alert, std::move(it->second));
      pending.erase(it);
      // A held alert seen again does nothing at all; others always record the repeat.
      if (!alert.held) out.push_back(std::move(action));
    } else if (auto action = unseen(alert, evaluated, clear_after)) {
      out.push_back(std::move(*action));
    }
  }
  for (auto& [key, finding] : pending) out.push_back({Step::open, "", std::move(finding), 0});
  return out;
}

}  // namespace parc::server::alerts
