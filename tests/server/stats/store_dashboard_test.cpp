// The dashboard's reads on a real SQLite file: rooms and their kit with open
// alerts, stored states for trends (a computer's and a polled projector's), alerts
// opened per day, the interventions list with its cursor and date range. Another
// collectivity's site or device is "not_found".

#include <map>

#include "server/stats/trend_series.h"
#include "server/store/sqlite/sqlite_store.h"
#include "tests/server/store/store_conformance.h"
#include "tests/server/store/store_test_support.h"

namespace parc::server::testing {
namespace {

class StoreDashboard : public StoreConformance {
 protected:
  void SetUp() override {
    StoreConformance::SetUp();
    pc_ = enrollOk(token(a1_.id, 1, "B12"), Machine{"6a1e0c2e-1111-4a4a-8888-000000000001", "SN-B12-1", "b12-p1", {}});
    ingestOk(pc_, fullReport(1, sampleInventory("b12-p1")), at("2026-11-23T08:00:05Z"));
    loose_ = enrollNew(a1_.id, "sans-salle");  // no room
  }

  void send(const State& state, const char* collected_at) {
    Report report = stateReport(++seq_, std::nullopt);
    report.collected_at = collected_at;
    report.state = state;
    ingestOk(pc_, report, at(collected_at));
  }

  std::size_t openAlertsOf(const std::string& device_id) {
    AlertFilter filter;
    filter.device_id = device_id;
    auto page = store_->listAlerts(Scope::everything(), filter);
    std::size_t open = 0;
    for (const Alert& alert : page->alerts) open += alert.state != "resolved";
    return open;
  }

  EnrollResult pc_, loose_;
  std::uint64_t seq_ = 1;
};

TEST_P(StoreDashboard, RoomsCountDevicesAndOpenAlertsWithTheRoomlessLast) {
  send(failingSdaState(8), "2026-11-23T08:15:03Z");
  const std::size_t open = openAlertsOf(pc_.device_id);
  ASSERT_GT(open, 0u);
  auto rooms = store_->listRooms(Scope::collectivity(a_.id), a1_.id);
  ASSERT_TRUE(rooms.ok()) << rooms.error();
  EXPECT_EQ(rooms->site.name, a1_.name);
  ASSERT_EQ(rooms->rooms.size(), 2u);
  EXPECT_EQ(rooms->rooms[0].room, "B12");
  EXPECT_EQ(rooms->rooms[0].device_count, 1);
  EXPECT_EQ(rooms->rooms[0].open_alerts, static_cast<std::int64_t>(open));
  EXPECT_FALSE(rooms->rooms[1].room.has_value());
  EXPECT_EQ(rooms->rooms[1].device_count, 1);
  EXPECT_EQ(rooms->rooms[1].open_alerts, 0);

  auto other = store_->listRooms(Scope::collectivity(b_.id), a1_.id);
  ASSERT_FALSE(other.ok());
  EXPECT_EQ(other.error(), "not_found");
  EXPECT_EQ(store_->listRooms(Scope::collectivity(a_.id), "no-such-site").error(), "not_found");
}

TEST_P(StoreDashboard, TheRoomViewListsEachDeviceWithItsOpenAlertsMostSevereFirst) {
  send(failingSdaState(8), "2026-11-23T08:15:03Z");
  auto view = store_->roomView(Scope::collectivity(a_.id), a1_.id, std::string("B12"));
  ASSERT_TRUE(view.ok()) << view.error();
  ASSERT_EQ(view->devices.size(), 1u);
  const RoomDevice& device = view->devices[0];
  EXPECT_EQ(device.summary.id, pc_.device_id);
  EXPECT_TRUE(device.has_agent);
  EXPECT_EQ(device.open_alerts.size(), openAlertsOf(pc_.device_id));
  for (std::size_t i = 1; i < device.open_alerts.size(); ++i) {
    const auto rank = [](const std::string& s) { return s == "critical" ? 0 : s == "warning" ? 1 : 2; };
    EXPECT_LE(rank(device.open_alerts[i - 1].severity), rank(device.open_alerts[i].severity));
  }
  auto roomless = store_->roomView(Scope::collectivity(a_.id), a1_.id, std::nullopt);
  ASSERT_TRUE(roomless.ok());
  ASSERT_EQ(roomless->devices.size(), 1u);
  EXPECT_EQ(roomless->devices[0].summary.id, loose_.device_id);
  EXPECT_TRUE(roomless->devices[0].open_alerts.empty());
  EXPECT_TRUE(store_->roomView(Scope::collectivity(a_.id), a1_.id, std::string("Z99"))->devices.empty());
  EXPECT_FALSE(store_->roomView(Scope::collectivity(b_.id), a1_.id, std::string("B12")).ok());
}

TEST_P(StoreDashboard, StatesAreVisitedOldestFirstFromTheGivenTime) {
  send(failingSdaState(8), "2026-11-23T08:15:03Z");
  send(failingSdaState(12), "2026-11-23T08:30:03Z");
  send(failingSdaState(20), "2026-11-23T08:45:03Z");
  auto source = store_->deviceStateSource(Scope::collectivity(a_.id), pc_.device_id);
  ASSERT_TRUE(source.ok());
  EXPECT_FALSE(source->projector_address.has_value());
  stats::TrendBuilder builder(*source);
  std::vector<std::string> times;
  const Status read = store_->visitDeviceStates(Scope::collectivity(a_.id), pc_.device_id, "2026-11-23T08:20:00Z",
                                                [&](const StateSample& sample) {
                                                  times.push_back(sample.collected_at);
                                                  builder.add(sample);
                                                });
  ASSERT_TRUE(read.ok()) << read.error();
  EXPECT_EQ(times, (std::vector<std::string>{"2026-11-23T08:30:03Z", "2026-11-23T08:45:03Z"}));
  const auto series = std::move(builder).finish();
  ASSERT_EQ(series.size(), 1u);
  EXPECT_EQ(series[0].metric, "disk_reallocated_sectors");
  EXPECT_EQ(series[0].points.back().value, 20);

  EXPECT_EQ(store_->deviceStateSource(Scope::collectivity(b_.id), pc_.device_id).error(), "not_found");
  int visited = 0;
  EXPECT_FALSE(store_->visitDeviceStates(Scope::collectivity(b_.id), pc_.device_id, "", [&](const StateSample&) {
                       ++visited;
                     }).ok());
  EXPECT_EQ(visited, 0);
}

TEST_P(StoreDashboard, AProjectorsStatesAreItsPollersReportsAtItsAddress) {
  Inventory inventory = sampleInventory("b12-p1");
  Projector projector;
  projector.address = "10.1.2.30";
  projector.serial = "PJ-SERIAL-1";
  inventory.projectors.push_back(projector);
  Report full = fullReport(++seq_, inventory);
  full.collected_at = "2026-11-23T09:00:03Z";
  ingestOk(pc_, full, at("2026-11-23T09:00:05Z"));
  for (std::int64_t hours : {1200, 1201}) {
    State state;
    ProjectorState polled;
    polled.address = "10.1.2.30";
    polled.reachable = true;
    polled.lamp_hours = {hours};
    state.projectors.push_back(polled);
    send(state, hours == 1200 ? "2026-11-23T09:15:03Z" : "2026-11-23T09:30:03Z");
  }
  DeviceFilter filter;
  filter.kind = "projector";
  const auto projectors = allDevices(Scope::collectivity(a_.id), filter);
  ASSERT_EQ(projectors.size(), 1u);
  auto source = store_->deviceStateSource(Scope::collectivity(a_.id), projectors[0].id);
  ASSERT_TRUE(source.ok()) << source.error();
  EXPECT_EQ(source->projector_address, "10.1.2.30");
  stats::TrendBuilder builder(*source);
  ASSERT_TRUE(store_->visitDeviceStates(Scope::collectivity(a_.id), projectors[0].id, "2026-11-23T00:00:00Z",
                                        [&](const StateSample& sample) { builder.add(sample); })
                  .ok());
  const auto series = std::move(builder).finish();
  ASSERT_EQ(series.size(), 1u);
  EXPECT_EQ(series[0].metric, "lamp_hours");
  ASSERT_EQ(series[0].points.size(), 2u);
  EXPECT_EQ(series[0].points[1].value, 1201);
}

TEST_P(StoreDashboard, AlertsOpenedAreCountedPerDayAndSeverityInScope) {
  send(failingSdaState(8), "2026-11-23T08:15:03Z");
  AlertFilter filter;
  auto page = store_->listAlerts(Scope::everything(), filter);
  ASSERT_TRUE(page.ok());
  std::map<std::pair<std::string, std::string>, std::int64_t> expected;
  for (const Alert& alert : page->alerts) ++expected[{alert.opened_at.substr(0, 10), alert.severity}];
  auto daily = store_->alertsOpenedByDay(Scope::collectivity(a_.id), std::nullopt, "2026-11-01");
  ASSERT_TRUE(daily.ok()) << daily.error();
  std::map<std::pair<std::string, std::string>, std::int64_t> found;
  for (const DailyAlertCount& day : *daily) found[{day.day, day.severity}] = day.count;
  EXPECT_EQ(found, expected);
  EXPECT_TRUE(store_->alertsOpenedByDay(Scope::collectivity(a_.id), a1_.id, "2026-11-24")->empty());
  EXPECT_TRUE(store_->alertsOpenedByDay(Scope::collectivity(b_.id), std::nullopt, "2026-11-01")->empty());
  EXPECT_EQ(store_->alertsOpenedByDay(Scope::collectivity(b_.id), a1_.id, "2026-11-01").error(), "not_found");
}

TEST_P(StoreDashboard, InterventionsArePagedOldestFirstWithinTheDateRange) {
  const Scope mine = Scope::collectivity(a_.id);
  const char* times[] = {"2026-11-02T10:00:00Z", "2026-11-10T10:00:00Z", "2026-11-20T10:00:00Z"};
  for (const char* when : times) {
    ASSERT_TRUE(store_->logIntervention(mine, {std::nullopt, pc_.device_id, std::string("Visite ") + when, 15,
                                               "tech@example.fr"},
                                        at(when))
                    .ok());
  }
  InterventionFilter filter;
  filter.limit = 2;
  auto first = store_->listInterventions(mine, filter);
  ASSERT_TRUE(first.ok()) << first.error();
  ASSERT_EQ(first->rows.size(), 2u);
  EXPECT_EQ(first->rows[0].intervention.at, times[0]);
  EXPECT_EQ(first->rows[0].device_name, "b12-p1");
  EXPECT_EQ(first->rows[0].room, "B12");
  EXPECT_EQ(first->rows[0].site_name, a1_.name);
  ASSERT_TRUE(first->next_cursor.has_value());
  filter.cursor = first->next_cursor;
  auto second = store_->listInterventions(mine, filter);
  ASSERT_TRUE(second.ok());
  ASSERT_EQ(second->rows.size(), 1u);
  EXPECT_EQ(second->rows[0].intervention.at, times[2]);
  EXPECT_FALSE(second->next_cursor.has_value());

  InterventionFilter range;
  range.from = "2026-11-05T00:00:00Z";
  range.to = "2026-11-20T10:00:00Z";  // exclusive
  auto middle = store_->listInterventions(mine, range);
  ASSERT_EQ(middle->rows.size(), 1u);
  EXPECT_EQ(middle->rows[0].intervention.at, times[1]);

  EXPECT_TRUE(store_->listInterventions(Scope::collectivity(b_.id), {})->rows.empty());
  InterventionFilter foreign;
  foreign.site_id = a1_.id;
  EXPECT_EQ(store_->listInterventions(Scope::collectivity(b_.id), foreign).error(), "not_found");
  for (const char* cursor : {"", "i", "i-3", "x12", "i12abc", "i99999999999999999999999"}) {
    InterventionFilter bad;
    bad.cursor = cursor;
    EXPECT_FALSE(store_->listInterventions(mine, bad).ok()) << cursor;
  }
}

INSTANTIATE_TEST_SUITE_P(Sqlite, StoreDashboard, ::testing::Values(StoreImplementation{"sqlite", openSqliteStore}),
                         implementationName);

}  // namespace
}  // namespace parc::server::testing
