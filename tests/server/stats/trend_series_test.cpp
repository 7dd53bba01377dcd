// Trends from real states: the captured desktop (ATA disk with reallocated
// sectors, seven sensors) and laptop (battery) as the agent reported them
// (tests/golden), an NVMe health log read by the agent's smartctl parser from a
// captured smartctl --json, and a projector's lamps from a real PJLink LAMP reply.
// Expected figures are read from the same inputs by another path (nlohmann).

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "agent/collectors/smart_json.h"
#include "agent/pjlink/reply_parser.h"
#include "server/stats/trend_series.h"
#include "shared/report_json.h"

namespace parc::server::stats {
namespace {

using nlohmann::json;

std::string readFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

json golden(const char* machine) {
  return json::parse(readFile(std::string(PARC_SOURCE_DIR) + "/tests/golden/" + machine + ".json"));
}

const TrendSeries* find(const std::vector<TrendSeries>& all, const std::string& metric, const std::string& key) {
  for (const TrendSeries& series : all) {
    if (series.metric == metric && series.key == key) return &series;
  }
  return nullptr;
}

std::string timeAt(int minute) {
  char text[32];
  std::snprintf(text, sizeof text, "2026-10-%02dT%02d:%02d:00Z", 1 + minute / 1440, (minute / 60) % 24, minute % 60);
  return text;
}

TEST(TrendSeries, TheCapturedDesktopGivesItsReallocatedSectorsAndHottestSensor) {
  const json state = golden("desktop")["state"];
  const auto series = extractTrends({{"2026-10-01T08:00:00Z", state.dump()}}, StateSource{});
  const TrendSeries* reallocated = find(series, "disk_reallocated_sectors", "sda");
  ASSERT_NE(reallocated, nullptr);
  ASSERT_EQ(reallocated->points.size(), 1u);
  EXPECT_EQ(reallocated->points[0].value, state["disks"][0]["smart"]["reallocated"].get<double>());
  EXPECT_EQ(reallocated->points[0].at, "2026-10-01T08:00:00Z");
  EXPECT_EQ(reallocated->unit, "sectors");
  double hottest = -1000;
  for (const auto& sensor : state["temperatures"]) hottest = std::max(hottest, sensor["celsius"].get<double>());
  const TrendSeries* temperature = find(series, "temperature_max_c", "max");
  ASSERT_NE(temperature, nullptr);
  EXPECT_EQ(temperature->points[0].value, hottest);
  EXPECT_EQ(find(series, "battery_health_pct", "BAT0"), nullptr);
  EXPECT_EQ(find(series, "nvme_percentage_used", "sda"), nullptr);  // an ATA disk
}

TEST(TrendSeries, TheCapturedLaptopGivesItsBatteryHealth) {
  const json state = golden("laptop")["state"];
  const std::string name = state["batteries"][0]["name"];
  const auto series = extractTrends({{"2026-10-01T08:00:00Z", state.dump()}}, StateSource{});
  const TrendSeries* battery = find(series, "battery_health_pct", name);
  ASSERT_NE(battery, nullptr);
  EXPECT_EQ(battery->unit, "%");
  EXPECT_DOUBLE_EQ(battery->points[0].value, state["batteries"][0]["health_pct"].get<double>());
}

TEST(TrendSeries, AWearingNvmeDiskGivesItsPercentageUsedOverTime) {
  std::vector<StateSample> samples;
  std::vector<std::int64_t> expected;
  for (const char* file : {"healthy/exporter-nvme-samsung-PM9A1-percentage_used16.json",
                           "wearing/exporter-nvme-intel-P3700-percentage_used51-spare93.json",
                           "wearing/exporter-nvme-intel-P4500-percentage_used75.json"}) {
    const std::string text = readFile(std::string(PARC_FIXTURES_DIR) + "/smartctl-json/" + file);
    auto smart = agent::collectors::parseSmartctlJson(text);
    ASSERT_TRUE(smart.ok()) << file;
    expected.push_back(json::parse(text)["nvme_smart_health_information_log"]["percentage_used"]);
    State state;
    state.disks.push_back({"nvme0n1", *smart, {}});
    samples.push_back({timeAt(static_cast<int>(samples.size()) * 15), encodeState(state)});
  }
  const auto series = extractTrends(samples, StateSource{});
  const TrendSeries* used = find(series, "nvme_percentage_used", "nvme0n1");
  ASSERT_NE(used, nullptr);
  ASSERT_EQ(used->points.size(), expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i) {
    EXPECT_EQ(used->points[i].value, static_cast<double>(expected[i]));
    EXPECT_EQ(used->points[i].at, samples[i].collected_at);
  }
}

// A PC's state polling two projectors, the first answering `lamp_reply`.
std::string pollingState(const std::string& lamp_reply) {
  State state;
  auto lamps = agent::pjlink::parseLamps(lamp_reply);
  EXPECT_TRUE(lamps.ok()) << lamp_reply;
  ProjectorState polled;
  polled.address = "10.1.2.30";
  for (const auto& lamp : *lamps) {
    polled.lamp_hours.push_back(lamp.hours);
    polled.lamp_states.push_back(lamp.on ? "on" : "off");
  }
  ProjectorState other;
  other.address = "10.1.2.31";
  other.lamp_hours = {999999};
  state.projectors = {polled, other};
  Temperature sensor;
  sensor.label = "Core 0";
  sensor.celsius = 61.0;
  state.temperatures.push_back(sensor);
  return encodeState(state);
}

TEST(TrendSeries, AProjectorsLampsComeFromItsPollersStatesAtItsAddressOnly) {
  // Sony VPL-EW130 manual, observed-exchanges.tsv line 7: two lamps, 40 h and 20 h.
  const std::string reply = "40 1 20 0";
  const auto series = extractTrends({{"2026-10-01T08:00:00Z", pollingState(reply)}}, StateSource{"10.1.2.30"});
  ASSERT_EQ(series.size(), 2u);  // lamps 1 and 2; no temperature of the PC
  const auto lamps = *agent::pjlink::parseLamps(reply);
  for (std::size_t i = 0; i < lamps.size(); ++i) {
    const TrendSeries* lamp = find(series, "lamp_hours", std::to_string(i + 1));
    ASSERT_NE(lamp, nullptr);
    EXPECT_EQ(lamp->unit, "h");
    EXPECT_EQ(lamp->points[0].value, static_cast<double>(lamps[i].hours));
  }
  // The PC's own trends never include a projector it polls.
  const auto pc = extractTrends({{"2026-10-01T08:00:00Z", pollingState(reply)}}, StateSource{});
  ASSERT_EQ(pc.size(), 1u);
  EXPECT_EQ(pc[0].metric, "temperature_max_c");
}

TEST(TrendSeries, StatesThatDoNotDecodeAreSkippedAndCounted) {
  const json desktop = golden("desktop")["state"];
  const std::string good = desktop.dump();
  json wrong_type = desktop;
  wrong_type["disks"][0]["smart"]["reallocated"] = "lots";
  const std::vector<std::string> hostile = {"", "{", good.substr(0, good.size() / 2), "[]", "null",
                                            std::string("\x00\xff\xfe garbage", 12), wrong_type.dump(),
                                            R"({"temperatures": 5})"};
  TrendBuilder builder(StateSource{});
  builder.add({"2026-10-01T08:00:00Z", good});
  for (const std::string& text : hostile) builder.add({"2026-10-01T08:15:00Z", text});
  EXPECT_EQ(builder.skipped(), hostile.size());
  const auto series = std::move(builder).finish();
  const TrendSeries* reallocated = find(series, "disk_reallocated_sectors", "sda");
  ASSERT_NE(reallocated, nullptr);
  EXPECT_EQ(reallocated->points.size(), 1u);
}

TEST(TrendSeries, ALongHistoryIsThinnedEvenlyKeepingTheEnds) {
  std::vector<StateSample> samples;
  for (int i = 0; i < 1234; ++i) {
    State state;
    BatteryState battery;
    battery.name = "BAT0";
    battery.health_pct = 100.0 - i * 0.01;
    state.batteries.push_back(battery);
    samples.push_back({timeAt(i * 15), encodeState(state)});
  }
  const auto series = extractTrends(samples, StateSource{});
  ASSERT_EQ(series.size(), 1u);
  const auto& points = series[0].points;
  ASSERT_EQ(points.size(), kMaxTrendPoints);
  EXPECT_EQ(points.front().at, samples.front().collected_at);
  EXPECT_EQ(points.back().at, samples.back().collected_at);
  for (std::size_t i = 1; i < points.size(); ++i) {
    EXPECT_LT(points[i - 1].at, points[i].at);
    EXPECT_GT(points[i - 1].value, points[i].value);
  }
}

TEST(TrendSeries, ThinningLeavesShortSeriesAloneAndHandlesTinyLimits) {
  std::vector<TrendPoint> points;
  for (int i = 0; i < 10; ++i) points.push_back({timeAt(i), static_cast<double>(i)});
  EXPECT_EQ(thinPoints(points, 10).size(), 10u);
  EXPECT_EQ(thinPoints(points, 500).size(), 10u);
  EXPECT_TRUE(thinPoints(points, 0).empty());
  const auto one = thinPoints(points, 1);
  ASSERT_EQ(one.size(), 1u);
  EXPECT_EQ(one[0].value, 9);
  const auto two = thinPoints(points, 2);
  ASSERT_EQ(two.size(), 2u);
  EXPECT_EQ(two[0].value, 0);
  EXPECT_EQ(two[1].value, 9);
  const auto three = thinPoints(points, 3);
  ASSERT_EQ(three.size(), 3u);
  EXPECT_EQ(three[1].value, 5);  // round(4.5) of 0..9
}

}  // namespace
}  // namespace parc::server::stats
