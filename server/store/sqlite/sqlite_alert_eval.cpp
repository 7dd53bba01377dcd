#include "server/store/sqlite/sqlite_alert_eval.h"

#include <algorithm>

#include "server/alerts/rule_set.h"
#include "server/store/sqlite/sqlite_projectors.h"
#include "server/store/sqlite/sqlite_rule_history.h"

namespace parc::server::sqlite {
namespace {

// The projector device a PC polls at `address`, with where its alerts go.
std::optional<AlertTarget> polledProjector(Connection& db, const std::string& poller, const std::string& address) {
  Statement query = db.prepare(
      "SELECT l.device_id, d.site_id, s.collectivity_id FROM projector_links l "
      "JOIN devices d ON d.id = l.device_id JOIN sites s ON s.id = d.site_id "
      "WHERE l.polled_by = ? AND l.address = ? AND l.source = 'pjlink'",
      "find polled projector for alerts");
  query.bind(1, poller).bind(2, address);
  if (!query.step()) return std::nullopt;
  return AlertTarget{query.text(0), query.text(1), query.text(2)};
}

std::vector<ProjectorState> projectorHistory(const std::vector<State>& previous, const std::string& address) {
  std::vector<ProjectorState> out;
  for (const State& state : previous) {
    const auto it = std::find_if(state.projectors.begin(), state.projectors.end(),
                                 [&](const ProjectorState& p) { return p.address == address; });
    if (it == state.projectors.end()) break;  // "in a row" stops at a gap
    out.push_back(*it);
  }
  return out;
}

void keepEvents(std::vector<AlertEvent> events, IngestResult& result) {
  for (AlertEvent& event : events) result.alert_events.push_back(std::move(event));
}

}  // namespace

void evaluateAlerts(Connection& db, const std::optional<AlertTarget>& target, const AgentIdentity& agent,
                    std::int64_t enrollment, std::uint64_t report_seq, State state, const std::string& at,
                    RuleSettingsCache& settings, IngestResult& result) {
  const auto seq = static_cast<std::int64_t>(report_seq);
  alerts::RuleHistory history = loadRuleHistory(db, agent.agent_id, enrollment, seq);
  const CollectivityRuleSettings* rules = target ? &settings.forCollectivity(db, target->collectivity_id) : nullptr;
  std::vector<State> previous = rules ? alerts::previousStates(history, seq, rules->history_length)
                                      : std::vector<State>{};
  alerts::addToHistory(history, {enrollment, seq, alerts::slimForRules(state)});
  saveRuleHistory(db, agent.agent_id, history);
  if (!target) return;
  const auto clear_after = [&](const std::string& rule_id) { return rules->clearAfter(rule_id); };
  alerts::ComputerFacts facts{std::move(state), std::move(previous), result.changes, readKit(db, agent.device_id)};
  keepEvents(reconcileDevice(db, *target, alerts::evaluateComputerWith(facts, rules->settings),
                             settings.computerRules(), clear_after, at),
             result);
  for (const ProjectorState& projector : facts.current.projectors) {  // under the PC's settings
    const auto projector_target = polledProjector(db, agent.device_id, projector.address);
    if (!projector_target) continue;
    alerts::ProjectorFacts projector_facts{projector, projectorHistory(facts.previous, projector.address)};
    keepEvents(reconcileDevice(db, *projector_target, alerts::evaluateProjectorWith(projector_facts, rules->settings),
                               settings.projectorRules(), clear_after, at),
               result);
  }
}

}  // namespace parc::server::sqlite
