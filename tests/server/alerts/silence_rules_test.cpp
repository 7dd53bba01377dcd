// Silence in school days, and the correlation: a whole site silent at once
// raises one site alert and no per-device ones.

#include <gtest/gtest.h>

#include "server/alerts/silence_rules.h"

namespace parc::server::alerts {
namespace {

TimePoint at(const char* text) { return *parseRfc3339(text); }

std::vector<SilentCandidate> devicesSeen(const std::vector<const char*>& times) {
  std::vector<SilentCandidate> out;
  for (std::size_t i = 0; i < times.size(); ++i) {
    out.push_back({"d" + std::to_string(i), "poste-" + std::to_string(i), at(times[i])});
  }
  return out;
}

// Monday 23 November 2026, 16:00 Paris.
const TimePoint kNow = at("2026-11-23T15:00:00Z");

TEST(SilenceRules, DeviceSilentForSchoolDays) {
  // d0 last seen the Wednesday before (3.x school days), the others this morning.
  const auto devices = devicesSeen({"2026-11-18T09:00:00Z", "2026-11-23T08:00:00Z", "2026-11-23T08:30:00Z",
                                    "2026-11-23T09:00:00Z"});
  const auto silence = evaluateSilence("s1", "Collège", devices, SchoolCalendar{}, kNow, {});
  EXPECT_FALSE(silence.site_offline);
  ASSERT_EQ(silence.devices.size(), 1u);
  EXPECT_EQ(silence.devices[0].first, "d0");
  EXPECT_EQ(silence.devices[0].second.rule_id, "device_silent");
}

TEST(SilenceRules, AWeekendOrHolidaysAreNotSilence) {
  const auto devices = devicesSeen({"2026-10-16T14:00:00Z", "2026-11-23T08:00:00Z", "2026-11-23T08:00:00Z"});
  SchoolCalendar calendar;
  calendar.off.push_back({parisTime(std::chrono::sys_days{std::chrono::year{2026} / 10 / 17}, {}),
                          parisTime(std::chrono::sys_days{std::chrono::year{2026} / 11 / 2}, {})});
  // Last seen before Toussaint, now Monday 2 November 10:00: half a school day.
  const auto silence = evaluateSilence("s1", "École", devices, calendar, at("2026-11-02T09:00:00Z"), {});
  EXPECT_TRUE(silence.devices.empty());
}

TEST(SilenceRules, AWholeSiteSilentIsOneSiteAlert) {
  const auto devices = devicesSeen({"2026-11-19T09:00:00Z", "2026-11-19T09:05:00Z", "2026-11-19T09:10:00Z",
                                    "2026-11-19T08:00:00Z"});
  const auto silence = evaluateSilence("s1", "Lycée", devices, SchoolCalendar{}, kNow, {});
  ASSERT_TRUE(silence.site_offline);
  EXPECT_EQ(silence.site_offline->rule_id, "site_offline");
  EXPECT_EQ(silence.site_offline->key, "s1");
  EXPECT_EQ(silence.site_device, "d2") << "the device heard from last";
  EXPECT_TRUE(silence.devices.empty());
  EXPECT_FALSE(silence.devices_evaluated);
}

TEST(SilenceRules, SmallSitesAndPartialSilenceAreNotOffline) {
  const auto two = devicesSeen({"2026-11-19T09:00:00Z", "2026-11-19T09:05:00Z"});
  EXPECT_FALSE(evaluateSilence("s1", "École", two, SchoolCalendar{}, kNow, {}).site_offline);
  const auto half = devicesSeen({"2026-11-18T09:00:00Z", "2026-11-18T09:05:00Z", "2026-11-23T14:00:00Z",
                                 "2026-11-23T14:00:00Z"});
  const auto silence = evaluateSilence("s1", "École", half, SchoolCalendar{}, kNow, {});
  EXPECT_FALSE(silence.site_offline);
  EXPECT_EQ(silence.devices.size(), 2u);
}

TEST(SilenceRules, ThresholdsAreOverridable) {
  const auto devices = devicesSeen({"2026-11-20T09:00:00Z", "2026-11-23T14:00:00Z", "2026-11-23T14:00:00Z",
                                    "2026-11-23T14:00:00Z"});
  EXPECT_TRUE(evaluateSilence("s1", "École", devices, SchoolCalendar{}, kNow, {}).devices.empty());
  const Overrides sooner{{"device_silent", {{"school_days", "1"}}}};
  EXPECT_EQ(evaluateSilence("s1", "École", devices, SchoolCalendar{}, kNow, sooner).devices.size(), 1u);
}

}  // namespace
}  // namespace parc::server::alerts
