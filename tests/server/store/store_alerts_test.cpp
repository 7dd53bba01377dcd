// Conformance: the alert lifecycle in the store. Reports open, repeat, update and
// (damped) clear alerts in the ingest transaction; people acknowledge, resolve,
// annotate and log interventions, scoped; the sweep raises silence alerts in
// school days, one site alert when a whole site goes quiet.

#include <algorithm>

#include "server/store/sqlite/sqlite_store.h"
#include "tests/server/store/store_conformance.h"
#include "tests/server/store/store_test_support.h"

namespace parc::server::testing {
namespace {

std::vector<std::string> typesOf(const std::vector<AlertEvent>& events) {
  std::vector<std::string> out;
  for (const AlertEvent& e : events) out.push_back(e.type + ":" + e.rule_id);
  return out;
}

class StoreAlerts : public OneDeviceStore {
 protected:
  std::vector<Alert> alerts(const Scope& scope = Scope::everything(), AlertFilter filter = {}) {
    auto page = store_->listAlerts(scope, filter);
    EXPECT_TRUE(page.ok()) << (page.ok() ? "" : page.error());
    return page.ok() ? page->alerts : std::vector<Alert>{};
  }

  Alert only(const char* rule) {
    AlertFilter filter;
    filter.rule_id = rule;
    auto list = alerts(Scope::everything(), filter);
    EXPECT_EQ(list.size(), 1u) << rule;
    return list.empty() ? Alert{} : list.front();
  }
};

TEST_P(StoreAlerts, AFailingDiskOpensOneAlertPerRuleAndRepeatsQuietly) {
  const auto first = send(failingSdaState(8), "2026-11-23T08:15:05Z");
  EXPECT_EQ(typesOf(first.alert_events),
            (std::vector<std::string>{"opened:disk_ata_sectors", "opened:disk_smart_failed"}));
  const Alert opened = only("disk_smart_failed");
  EXPECT_EQ(opened.state, "open");
  EXPECT_EQ(opened.key, "sda");
  EXPECT_EQ(opened.device_id, device_.device_id);
  EXPECT_EQ(opened.site_id, a1_.id);
  EXPECT_EQ(opened.count, 1);
  EXPECT_NE(first.alert_events[0].payload_json.find(first.alert_events[0].alert_id), std::string::npos);

  const auto repeat = send(failingSdaState(8), "2026-11-23T08:30:05Z");
  EXPECT_TRUE(repeat.alert_events.empty()) << "nothing a technician cares about changed";
  EXPECT_EQ(only("disk_smart_failed").count, 2);
  EXPECT_EQ(only("disk_smart_failed").last_seen_at, "2026-11-23T08:30:05Z");
  EXPECT_EQ(alerts().size(), 2u);

  const auto worse = send(failingSdaState(12), "2026-11-23T08:45:05Z");
  EXPECT_EQ(typesOf(worse.alert_events), std::vector<std::string>{"updated:disk_ata_sectors"});
  EXPECT_EQ(only("disk_ata_sectors").severity, "critical");
}

TEST_P(StoreAlerts, AClearedConditionResolvesAfterTheDamping) {
  send(failingSdaState(0), "2026-11-23T08:15:05Z");
  EXPECT_TRUE(send(healthySdaState(), "2026-11-23T08:30:05Z").alert_events.empty());
  EXPECT_TRUE(send(failingSdaState(0), "2026-11-23T08:45:05Z").alert_events.empty()) << "flapping: repeat";
  EXPECT_TRUE(send(healthySdaState(), "2026-11-23T09:00:05Z").alert_events.empty());
  EXPECT_TRUE(send(healthySdaState(), "2026-11-23T09:15:05Z").alert_events.empty());
  const auto cleared = send(healthySdaState(), "2026-11-23T09:30:05Z");
  EXPECT_EQ(typesOf(cleared.alert_events), std::vector<std::string>{"resolved:disk_smart_failed"});
  const Alert resolved = only("disk_smart_failed");
  EXPECT_EQ(resolved.state, "resolved");
  EXPECT_EQ(resolved.resolved_by, "auto");
  // It comes back: a new alert.
  const auto again = send(failingSdaState(0), "2026-11-23T09:45:05Z");
  EXPECT_EQ(typesOf(again.alert_events), std::vector<std::string>{"opened:disk_smart_failed"});
}

TEST_P(StoreAlerts, PeopleActOnAlertsInTheirScopeOnly) {
  const auto opened = send(failingSdaState(0), "2026-11-23T08:15:05Z").alert_events.at(0);
  const std::string id = opened.alert_id;
  const Scope mine = Scope::collectivity(a_.id), theirs = Scope::collectivity(b_.id);
  auto refused = store_->acknowledgeAlert(theirs, id, "b@example.fr", now_);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error(), "not_found");
  EXPECT_FALSE(store_->getAlert(theirs, id).has_value());
  EXPECT_TRUE(alerts(theirs).empty());

  auto acked = store_->acknowledgeAlert(mine, id, "tech@example.fr", at("2026-11-23T09:00:00Z"));
  ASSERT_TRUE(acked.ok()) << acked.error();
  EXPECT_EQ(typesOf(*acked), std::vector<std::string>{"acknowledged:disk_smart_failed"});
  EXPECT_EQ(acked->at(0).state, "acknowledged");
  EXPECT_GT(acked->at(0).id, opened.id);
  auto twice = store_->acknowledgeAlert(mine, id, "tech@example.fr", now_);
  ASSERT_FALSE(twice.ok());
  EXPECT_TRUE(twice.error().starts_with("conflict: "));

  EXPECT_TRUE(send(failingSdaState(0), "2026-11-23T09:15:05Z").alert_events.empty());
  EXPECT_EQ(only("disk_smart_failed").state, "acknowledged") << "a repeat keeps the acknowledgement";

  ASSERT_TRUE(store_->addAlertNote(mine, id, "tech@example.fr", "Disque commandé", now_).ok());
  EXPECT_FALSE(store_->resolveAlert(mine, id, "tech@example.fr", "", now_).ok()) << "a note is required";
  auto resolved = store_->resolveAlert(mine, id, "tech@example.fr", "Disque remplacé", at("2026-11-23T10:00:00Z"));
  ASSERT_TRUE(resolved.ok()) << resolved.error();
  EXPECT_EQ(resolved->at(0).state, "resolved");
  EXPECT_FALSE(store_->resolveAlert(mine, id, "tech@example.fr", "encore", now_).ok());

  const auto detail = store_->getAlert(mine, id);
  ASSERT_TRUE(detail.has_value());
  EXPECT_EQ(detail->alert.resolution_note, "Disque remplacé");
  EXPECT_EQ(detail->notes.size(), 2u);
  std::vector<std::string> history;
  for (const AlertEvent& e : detail->events) history.push_back(e.type);
  EXPECT_EQ(history, (std::vector<std::string>{"opened", "acknowledged", "note", "resolved"}));
  const auto journal = store_->listAlertEvents(mine, 0, 100);
  EXPECT_EQ(journal.size(), 4u);
  EXPECT_TRUE(store_->listAlertEvents(theirs, 0, 100).empty());
}

TEST_P(StoreAlerts, AHandResolvedAlertStaysQuietUntilItsConditionGoes) {
  const std::string id = send(failingSdaState(0), "2026-11-23T08:15:05Z").alert_events.at(0).alert_id;
  ASSERT_TRUE(store_->resolveAlert(Scope::everything(), id, "tech@example.fr", "Vu, en attente", now_).ok());
  EXPECT_TRUE(send(failingSdaState(0), "2026-11-23T08:30:05Z").alert_events.empty());
  EXPECT_TRUE(send(healthySdaState(), "2026-11-23T08:45:05Z").alert_events.empty());
  const auto again = send(failingSdaState(0), "2026-11-23T09:00:05Z");
  ASSERT_EQ(again.alert_events.size(), 1u);
  EXPECT_EQ(again.alert_events[0].type, "opened");
  EXPECT_NE(again.alert_events[0].alert_id, id);
}

TEST_P(StoreAlerts, CollectivitySettingsChangeTheRules) {
  ASSERT_TRUE(store_->setRuleSetting({a_.id, "disk_smart_failed", "enabled", "0"}).ok());
  EXPECT_FALSE(store_->setRuleSetting({a_.id, "disk_smart_failed", "enabled", "yes"}).ok());
  EXPECT_FALSE(store_->setRuleSetting({"no-such-collectivity", "disk_smart_failed", "enabled", "0"}).ok());
  EXPECT_TRUE(send(failingSdaState(0), "2026-11-23T08:15:05Z").alert_events.empty());
  EXPECT_EQ(store_->listRuleSettings(Scope::collectivity(a_.id)).size(), 1u);
  EXPECT_TRUE(store_->listRuleSettings(Scope::collectivity(b_.id)).empty());
}

TEST_P(StoreAlerts, InterventionsAndTheirMonthlySummary) {
  const std::string id = send(failingSdaState(0), "2026-11-23T08:15:05Z").alert_events.at(0).alert_id;
  const Scope mine = Scope::collectivity(a_.id);
  auto on_alert = store_->logIntervention(mine, {id, std::nullopt, "Disque remplacé", 45, "tech@example.fr"},
                                          at("2026-11-23T10:00:00Z"));
  ASSERT_TRUE(on_alert.ok()) << on_alert.error();
  EXPECT_EQ(typesOf(on_alert->events), std::vector<std::string>{"intervention:disk_smart_failed"});
  EXPECT_EQ(on_alert->intervention.device_id, device_.device_id);
  ASSERT_TRUE(store_->logIntervention(mine, {std::nullopt, device_.device_id, "Nettoyage", 15, "autre@example.fr"},
                                      at("2026-11-30T23:30:00Z"))
                  .ok());  // 1 December 00:30 in Paris: next month
  EXPECT_FALSE(store_->logIntervention(Scope::collectivity(b_.id), {id, std::nullopt, "x", 5, "b"}, now_).ok());
  EXPECT_FALSE(store_->logIntervention(mine, {id, std::nullopt, "", 5, "t"}, now_).ok());
  EXPECT_FALSE(store_->logIntervention(mine, {id, std::nullopt, "x", -5, "t"}, now_).ok());

  auto november = store_->interventionSummary(mine, a1_.id, "2026-11");
  ASSERT_TRUE(november.ok()) << november.error();
  EXPECT_EQ(november->count, 1);
  EXPECT_EQ(november->minutes, 45);
  ASSERT_EQ(november->by_device.size(), 1u);
  EXPECT_EQ(november->by_device[0].label, "salle-b12-poste03");
  auto december = store_->interventionSummary(mine, a1_.id, "2026-12");
  ASSERT_TRUE(december.ok());
  EXPECT_EQ(december->minutes, 15);
  EXPECT_EQ(store_->interventionSummary(Scope::collectivity(b_.id), a1_.id, "2026-11").error(), "not_found");
  for (const char* month : {"2026-13", "2026-1", "abcd-ef", "", "2026-11-01"}) {
    EXPECT_FALSE(store_->interventionSummary(mine, a1_.id, month).ok()) << month;
  }
  EXPECT_EQ(store_->getAlert(mine, id)->interventions.size(), 1u);
}

TEST_P(StoreAlerts, ASilentSiteIsOneSiteAlertAndNoDeviceAlerts) {
  auto second = enrollNew(a1_.id, "poste-2");
  auto third = enrollNew(a1_.id, "poste-3");
  for (auto* d : {&second, &third}) ingestOk(*d, fullReport(1, sampleInventory()), at("2026-11-23T08:00:05Z"));
  // Nothing more until Monday 30 November, 16:00 in Paris: five school days.
  auto swept = store_->sweepAlerts(at("2026-11-30T15:00:00Z"));
  ASSERT_TRUE(swept.ok()) << swept.error();
  EXPECT_EQ(typesOf(*swept), std::vector<std::string>{"opened:site_offline"});
  EXPECT_TRUE(store_->sweepAlerts(at("2026-11-30T15:01:00Z"))->empty()) << "a repeat is quiet";
  // One device is back: the site is no longer offline; the other two are silent.
  Report back = stateReport(2, std::nullopt);
  ingestOk(second, back, at("2026-11-30T15:05:00Z"));
  swept = store_->sweepAlerts(at("2026-11-30T15:06:00Z"));
  ASSERT_TRUE(swept.ok());
  auto types = typesOf(*swept);
  std::sort(types.begin(), types.end());
  EXPECT_EQ(types, (std::vector<std::string>{"opened:device_silent", "opened:device_silent",
                                             "resolved:site_offline"}));
  // A report ends a device's silence at once.
  const auto report = send(State{}, "2026-11-30T15:10:00Z");
  EXPECT_EQ(typesOf(report.alert_events), std::vector<std::string>{"resolved:device_silent"});
}

TEST_P(StoreAlerts, HolidaysAndClosuresRaiseNoSilence) {
  // Zone C holidays over the whole week, then a closure for the next Monday.
  const Holiday week{"C", "Vacances de test", at("2026-11-22T23:00:00Z"), at("2026-11-29T23:00:00Z")};
  auto imported = store_->importHolidays("C", {week});
  ASSERT_TRUE(imported.ok()) << imported.error();
  EXPECT_FALSE(store_->importHolidays("D", {week}).ok());
  auto closure = store_->addClosure({"", a1_.id, "Grève", at("2026-11-29T23:00:00Z"), at("2026-11-30T23:00:00Z")});
  ASSERT_TRUE(closure.ok()) << closure.error();
  EXPECT_FALSE(store_->addClosure({"", "no-such-site", "x", at("2026-11-29T23:00:00Z"), at("2026-11-30T23:00:00Z")})
                   .ok());
  auto swept = store_->sweepAlerts(at("2026-11-30T15:00:00Z"));
  ASSERT_TRUE(swept.ok()) << swept.error();
  EXPECT_TRUE(swept->empty());
  // Without them, the same silence is an alert (same device, another site of no zone).
  auto elsewhere = enrollNew(a2_.id, "poste-a2");
  ingestOk(elsewhere, fullReport(1, sampleInventory()), at("2026-11-23T08:00:05Z"));
  swept = store_->sweepAlerts(at("2026-11-30T15:00:00Z"));
  ASSERT_TRUE(swept.ok());
  EXPECT_EQ(typesOf(*swept), std::vector<std::string>{"opened:device_silent"});
  EXPECT_TRUE(store_->setWednesdayAfternoonOff(a1_.id, true).ok());
  EXPECT_FALSE(store_->setWednesdayAfternoonOff("no-such-site", true).ok());
}

TEST_P(StoreAlerts, ListFiltersAndPages) {
  send(failingSdaState(3), "2026-11-23T08:15:05Z");
  AlertFilter filter;
  filter.severity = "critical";
  EXPECT_EQ(alerts(Scope::everything(), filter).size(), 1u);
  filter = {};
  filter.limit = 1;
  auto page = store_->listAlerts(Scope::everything(), filter);
  ASSERT_TRUE(page.ok());
  ASSERT_EQ(page->alerts.size(), 1u);
  ASSERT_TRUE(page->next_cursor.has_value());
  filter.cursor = page->next_cursor;
  auto next = store_->listAlerts(Scope::everything(), filter);
  ASSERT_TRUE(next.ok());
  ASSERT_EQ(next->alerts.size(), 1u);
  EXPECT_NE(next->alerts[0].id, page->alerts[0].id);
  EXPECT_FALSE(next->next_cursor.has_value());
  filter.cursor = "'; DROP TABLE alerts; --";
  EXPECT_FALSE(store_->listAlerts(Scope::everything(), filter).ok());
  filter = {};
  filter.state = "acknowledged";
  EXPECT_TRUE(alerts(Scope::everything(), filter).empty());
}

INSTANTIATE_TEST_SUITE_P(Sqlite, StoreAlerts, ::testing::Values(StoreImplementation{"sqlite", openSqliteStore}),
                         implementationName);

}  // namespace
}  // namespace parc::server::testing
