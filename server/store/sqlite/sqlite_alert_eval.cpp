#include "server/store/sqlite/sqlite_alert_eval.h"

#include <algorithm>

#include "server/alerts/rule_set.h"
#include "server/store/sqlite/sqlite_alert_rows.h"
#include "server/store/sqlite/sqlite_projectors.h"
#include "shared/report_json.h"

namespace parc::server::sqlite {
namespace {

using alerts::RuleKind;

// Earlier reports the rules look back over: as many as the longest "N reports in
// a row" setting needs, at least one (growing sector counts).
std::size_t historyLength(const alerts::Overrides& overrides) {
  double reports = 2;
  for (const char* id : {"temperature_high", "projector_unreachable"}) {
    const auto settings = alerts::effectiveSettings(*alerts::findRule(id), overrides);
    reports = std::max(reports, settings.number("reports", 1));
  }
  return static_cast<std::size_t>(std::min(reports, 20.0)) - 1;
}

// The states of the agent's earlier reports, newest first, without `seq`.
std::vector<State> previousStates(Connection& db, const std::string& agent_id, std::uint64_t seq,
                                  std::size_t count) {
  Statement query = db.prepare(
      "SELECT seq, state_json FROM reports WHERE agent_id = ? ORDER BY enrollment DESC, seq DESC LIMIT ?",
      "read recent states");
  query.bind(1, agent_id).bind(2, static_cast<std::int64_t>(count + 1));
  std::vector<State> out;
  while (query.step() && out.size() < count) {
    if (static_cast<std::uint64_t>(query.integer(0)) == seq) continue;
    if (auto state = decodeState(query.text(1))) out.push_back(std::move(*state));
  }
  return out;
}

OptString projectorDevice(Connection& db, const std::string& poller, const std::string& address) {
  Statement query = db.prepare(
      "SELECT device_id FROM projector_links WHERE polled_by = ? AND address = ? AND source = 'pjlink'",
      "find polled projector for alerts");
  query.bind(1, poller).bind(2, address);
  return query.step() ? OptString(query.text(0)) : std::nullopt;
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

std::vector<std::string> computerRules() {
  std::vector<std::string> ids = alerts::ruleIds(RuleKind::computer);
  ids.emplace_back("device_silent");  // a report proves the device is alive
  return ids;
}

}  // namespace

void evaluateAlerts(Connection& db, const AgentIdentity& agent, const Report& report, TimePoint received_at,
                    IngestResult& result) {
  const auto target = targetOf(db, agent.device_id);
  if (!target) return;
  const std::string at = formatRfc3339(received_at);
  const alerts::Overrides overrides = loadOverrides(db, target->collectivity_id);
  alerts::ComputerFacts facts{report.state,
                              previousStates(db, agent.agent_id, report.seq, historyLength(overrides)),
                              result.changes, readKit(db, agent.device_id)};
  auto findings = alerts::evaluateComputer(facts, overrides);
  for (AlertEvent& event : reconcileDevice(db, *target, std::move(findings), computerRules(), overrides, at)) {
    result.alert_events.push_back(std::move(event));
  }
  for (const ProjectorState& projector : report.state.projectors) {
    const OptString device = projectorDevice(db, agent.device_id, projector.address);
    const auto projector_target = device ? targetOf(db, *device) : std::nullopt;
    if (!projector_target) continue;
    alerts::ProjectorFacts projector_facts{projector, projectorHistory(facts.previous, projector.address)};
    auto projector_findings = alerts::evaluateProjector(projector_facts, overrides);
    for (AlertEvent& event : reconcileDevice(db, *projector_target, std::move(projector_findings),
                                             alerts::ruleIds(RuleKind::projector), overrides, at)) {
      result.alert_events.push_back(std::move(event));
    }
  }
}

}  // namespace parc::server::sqlite
