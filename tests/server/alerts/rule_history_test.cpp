#include "server/alerts/rule_history.h"

#include <gtest/gtest.h>

#include "shared/report_json.h"

namespace parc::server::alerts {
namespace {

// The state part of protocol.md's example report, with a second disk without SMART,
// a NVMe with a grown defect list and a projector that did not answer.
constexpr std::string_view kStateJson = R"({
  "uptime_s": 5231,
  "disks": [{"name": "sda", "smart": {"passed": true, "exit_status": 0, "reallocated": 8, "pending": 0,
             "uncorrectable": 0, "percentage_used": null, "media_errors": null, "power_on_hours": 8123,
             "temperature_c": 34}},
            {"name": "sdb"},
            {"name": "nvme0n1", "smart": {"passed": true, "grown_defects": 3, "reported_uncorrectable": 1}}],
  "filesystems": [{"mount": "/", "size_bytes": 250000000000, "free_bytes": 1000}],
  "batteries": [{"name": "BAT0", "health_pct": 94.8, "cycles": 212, "status": "Discharging"}],
  "temperatures": [{"label": "Package id 0", "celsius": 55.3, "critical_celsius": 100.0},
                   {"label": "Core\n0 \"tab\"\there", "celsius": 0.1}],
  "projectors": [{"address": "10.12.3.40", "reachable": true, "power": "on", "lamp_hours": [2810]},
                 {"address": "10.12.3.41", "reachable": false, "poll_error": "timeout"},
                 {"address": "salle 12"}],
  "peripherals": [{"vendor_id": "0b8c", "product_id": "0001", "class": "whiteboard"}]})";

State realState() {
  auto state = decodeState(kStateJson);
  EXPECT_TRUE(state) << state.error();
  return std::move(*state);
}

HistoryEntry entry(std::int64_t enrollment, std::int64_t seq, const State& state) {
  return {enrollment, seq, slimForRules(state)};
}

void expectSameForRules(const State& a, const State& b) {
  ASSERT_EQ(a.disks.size(), b.disks.size());
  for (std::size_t i = 0; i < a.disks.size(); ++i) {
    EXPECT_EQ(a.disks[i].name, b.disks[i].name);
    ASSERT_TRUE(a.disks[i].smart && b.disks[i].smart);
    EXPECT_EQ(a.disks[i].smart->reallocated, b.disks[i].smart->reallocated);
    EXPECT_EQ(a.disks[i].smart->pending, b.disks[i].smart->pending);
    EXPECT_EQ(a.disks[i].smart->uncorrectable, b.disks[i].smart->uncorrectable);
    EXPECT_EQ(a.disks[i].smart->reported_uncorrectable, b.disks[i].smart->reported_uncorrectable);
    EXPECT_EQ(a.disks[i].smart->grown_defects, b.disks[i].smart->grown_defects);
  }
  ASSERT_EQ(a.temperatures.size(), b.temperatures.size());
  for (std::size_t i = 0; i < a.temperatures.size(); ++i) {
    EXPECT_EQ(a.temperatures[i].label, b.temperatures[i].label);
    EXPECT_EQ(a.temperatures[i].celsius, b.temperatures[i].celsius);
    EXPECT_EQ(a.temperatures[i].critical_celsius, b.temperatures[i].critical_celsius);
  }
  ASSERT_EQ(a.projectors.size(), b.projectors.size());
  for (std::size_t i = 0; i < a.projectors.size(); ++i) {
    EXPECT_EQ(a.projectors[i].address, b.projectors[i].address);
    EXPECT_EQ(a.projectors[i].reachable, b.projectors[i].reachable);
  }
}

TEST(RuleHistoryTest, KeepsWhatTheRulesReadAndDropsTheRest) {
  const State state = realState();
  const State slim = slimForRules(state);
  ASSERT_EQ(slim.disks.size(), 2u);  // sdb has no SMART figures: no rule reads it
  EXPECT_EQ(slim.disks[0].name, "sda");
  EXPECT_EQ(slim.disks[0].smart->reallocated, state.disks[0].smart->reallocated);
  EXPECT_FALSE(slim.disks[0].smart->power_on_hours);
  EXPECT_EQ(slim.disks[1].smart->grown_defects, state.disks[2].smart->grown_defects);
  ASSERT_EQ(slim.temperatures.size(), state.temperatures.size());
  EXPECT_EQ(slim.temperatures[1].critical_celsius, state.temperatures[1].critical_celsius);
  ASSERT_EQ(slim.projectors.size(), state.projectors.size());
  EXPECT_EQ(slim.projectors[1].reachable, state.projectors[1].reachable);
  EXPECT_TRUE(slim.projectors[0].lamp_hours.empty());
  EXPECT_TRUE(slim.filesystems.empty());
  EXPECT_TRUE(slim.batteries.empty());
}

TEST(RuleHistoryTest, EncodesAndDecodesExactly) {
  State hot = realState();
  State cooler = hot;
  cooler.temperatures[0].celsius = 41.0000000000001;  // doubles survive to the last bit
  cooler.disks[0].smart->reallocated = 9;
  RuleHistory history;
  for (std::int64_t seq = 1; seq <= 12; ++seq) addToHistory(history, entry(2, seq, seq % 5 == 0 ? cooler : hot));
  addToHistory(history, entry(1, 40, hot));
  const std::string text = encodeRuleHistory(history);
  auto decoded = decodeRuleHistory(text);
  ASSERT_TRUE(decoded) << decoded.error();
  ASSERT_EQ(decoded->size(), history.size());
  for (std::size_t i = 0; i < history.size(); ++i) {
    EXPECT_EQ((*decoded)[i].enrollment, history[i].enrollment);
    EXPECT_EQ((*decoded)[i].seq, history[i].seq);
    expectSameForRules((*decoded)[i].state, history[i].state);
  }
  EXPECT_EQ(encodeRuleHistory(*decoded), text);
}

TEST(RuleHistoryTest, StoresARunOfIdenticalReportsOnce) {
  const State state = realState();
  RuleHistory history;
  for (std::int64_t seq = 100; seq < 100 + 40; ++seq) addToHistory(history, entry(1, seq, state));
  ASSERT_EQ(history.size(), kMaxRuleHistory);
  EXPECT_EQ(history.front().seq, 139);
  EXPECT_EQ(history.back().seq, 139 - static_cast<std::int64_t>(kMaxRuleHistory) + 1);
  const std::string one = encodeRuleHistory({history.front()});
  const std::string all = encodeRuleHistory(history);
  EXPECT_EQ(all.size(), one.size() + 1);  // "R 1 139 19" instead of "R 1 139 1"
}

TEST(RuleHistoryTest, OrdersByEnrollmentThenSeqAndReplacesTheSameReport) {
  const State state = realState();
  RuleHistory history;
  addToHistory(history, entry(1, 5, state));
  addToHistory(history, entry(2, 1, state));
  addToHistory(history, entry(1, 7, state));  // late, from the earlier enrollment
  addToHistory(history, entry(2, 1, State{}));
  ASSERT_EQ(history.size(), 3u);
  EXPECT_EQ(history[0].enrollment, 2);
  EXPECT_TRUE(history[0].state.temperatures.empty());
  EXPECT_EQ(history[1].seq, 7);
  EXPECT_EQ(history[2].seq, 5);
  addToHistory(history, entry(1, 1, state), 3);  // older than everything kept
  EXPECT_EQ(history.size(), 3u);
  EXPECT_EQ(history.back().seq, 5);
}

TEST(RuleHistoryTest, PreviousSkipsTheReportBeingEvaluated) {
  State state = realState();
  RuleHistory history;
  for (std::int64_t seq = 1; seq <= 6; ++seq) {
    state.temperatures[0].celsius = static_cast<double>(seq);
    addToHistory(history, entry(1, seq, state));
  }
  const auto previous = previousStates(history, 5, 3);
  ASSERT_EQ(previous.size(), 3u);
  EXPECT_EQ(previous[0].temperatures[0].celsius, 6.0);
  EXPECT_EQ(previous[1].temperatures[0].celsius, 4.0);
  EXPECT_EQ(previous[2].temperatures[0].celsius, 3.0);
  EXPECT_EQ(previousStates(history, 99, 10).size(), 6u);
  EXPECT_TRUE(previousStates(history, 1, 0).empty());
}

TEST(RuleHistoryTest, RefusesHostileText) {
  RuleHistory history;
  addToHistory(history, entry(1, 3, realState()));
  const std::string good = encodeRuleHistory(history);
  ASSERT_TRUE(decodeRuleHistory(good));
  std::vector<std::string> bad = {
      "",
      "garbage",
      "parc.rule_history/2\n",
      "parc.rule_history/1\nR 1 2\n",
      "parc.rule_history/1\nR 1 5 1 0 0 0",                    // no newline
      "parc.rule_history/1\nR 1 5 0 0 0 0\n",                  // empty run
      "parc.rule_history/1\nR 1 5 9999999 0 0 0\n",            // oversized run
      "parc.rule_history/1\nR 1 2 5 0 0 0\n",                  // run below seq 0
      "parc.rule_history/1\nR 1 5 1 99999 0 0\n",              // more items than allowed
      "parc.rule_history/1\nR 1 5 1 0 1 0\nT x - 1:a\n",       // not a number
      "parc.rule_history/1\nR 1 5 1 0 1 0\nT 1 - 9:a\n",       // length past the end
      "parc.rule_history/1\nR 1 5 1 0 0 1\nP 2 1:a\n",         // reachable is 1, 0 or -
      "parc.rule_history/1\nR 1 5 1 1 0 0\nT 1 - 1:a\n",       // wrong kind of line
      "parc.rule_history/1\nR 1 5 1 0 0 0\nR 1 6 1 0 0 0\n",   // out of order
      "parc.rule_history/1\nR -1 5 1 0 0 0\nR a 6 1 0 0 0\n",
      "parc.rule_history/1\nR 1 5 1 0 0 0\n\xff\xfe",
  };
  for (std::size_t cut = 1; good.size() - cut > 20; cut += 7) bad.push_back(good.substr(0, good.size() - cut));
  for (const std::string& text : bad) EXPECT_FALSE(decodeRuleHistory(text)) << text;
}

}  // namespace
}  // namespace parc::server::alerts
