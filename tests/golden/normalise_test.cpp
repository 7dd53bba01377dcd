// The normalisation of the golden inventories: only the fields that change between runs.

#include "tests/golden/normalise.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace parc::testing {
namespace {

using nlohmann::json;

const json kReport = json::parse(R"({
  "schema": "parc.report/1", "kind": "full", "seq": 1,
  "agent": {"id": "unenrolled", "version": "0.1.0"},
  "collected_at": "2026-11-23T02:47:00Z",
  "state": {"uptime_s": 5231},
  "collectors": [{"name": "cpu", "status": "ok", "ms": 3}, {"name": "smart", "status": "no_data", "ms": 0, "detail": "x"}]
})");

TEST(GoldenNormalise, ReplacesOnlyWhatChangesBetweenRuns) {
  const json out = normaliseReport(kReport, false);
  EXPECT_EQ(out.at("collected_at"), kNormalisedMarker);
  EXPECT_EQ(out.at("agent").at("version"), kNormalisedMarker);
  EXPECT_EQ(out.at("agent").at("id"), "unenrolled");
  EXPECT_EQ(out.at("collectors")[0].at("ms"), 0);
  EXPECT_EQ(out.at("collectors")[1].at("detail"), "x");
  EXPECT_EQ(out.at("state").at("uptime_s"), 5231);  // a captured root's file value
  EXPECT_EQ(normaliseReport(kReport, true).at("state").at("uptime_s"), 0);
  json other = kReport;
  other["collected_at"] = "2027-01-01T00:00:00Z";
  other["collectors"][0]["ms"] = 250;
  EXPECT_EQ(normaliseReport(other, false), out);
  other["seq"] = 2;
  EXPECT_NE(normaliseReport(other, false), out);
}

TEST(GoldenNormalise, HostileShapesAreLeftAlone) {
  for (const char* text : {"[]", "null", "\"x\"", R"({"agent": 3, "collectors": {"ms": 1}, "state": []})",
                           R"({"collectors": [1, "a", null, {"ms": "slow"}]})"}) {
    const json input = json::parse(text);
    EXPECT_NO_THROW((void)normaliseReport(input, true)) << text;
  }
  EXPECT_EQ(normaliseReport(json::parse("[1]"), true), json::parse("[1]"));
}

TEST(GoldenNormalise, LineDiffNamesTheLines) {
  EXPECT_EQ(lineDiff("a\nb\n", "a\nb\n"), "");
  EXPECT_EQ(lineDiff("a\nb\n", "a\nc\n"), "line 2:\n  -b\n  +c\n");
  EXPECT_EQ(lineDiff("a\n", "a\nd\n"), "line 2:\n  +d\n");
}

}  // namespace
}  // namespace parc::testing
