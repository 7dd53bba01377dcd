// The health word of a device in the room view, from its open alerts.

#include <gtest/gtest.h>

#include "server/api/room_health.h"

namespace parc::server {
namespace {

RoomDevice withAlerts(std::vector<OpenAlertRef> alerts) {
  RoomDevice device;
  device.open_alerts = std::move(alerts);
  return device;
}

TEST(RoomHealth, TheWorstOpenAlertDecidesAndSilenceComesFirst) {
  EXPECT_EQ(deviceHealth(withAlerts({})), "ok");
  EXPECT_EQ(deviceHealth(withAlerts({{"1", "filesystem_full", "info", ""}})), "ok");
  EXPECT_EQ(deviceHealth(withAlerts({{"1", "battery_worn", "warning", ""}})), "warning");
  EXPECT_EQ(deviceHealth(withAlerts({{"1", "battery_worn", "warning", ""}, {"2", "disk_smart_failed", "critical", ""}})),
            "critical");
  EXPECT_EQ(deviceHealth(withAlerts({{"2", "disk_smart_failed", "critical", ""}, {"3", "device_silent", "warning", ""}})),
            "silent");
  EXPECT_EQ(deviceHealth(withAlerts({{"1", "battery_worn", "bogus", ""}})), "ok");
}

}  // namespace
}  // namespace parc::server
