// Conformance: the notification queue (server/store/notification_store.h).
// Endpoints belong to a known collectivity; enqueueing moves the routing cursor
// exactly once; due deliveries come back with their endpoint and event; sent,
// failed and dead deliveries; listing stays inside the scope.

#include <algorithm>

#include "server/store/notification_store.h"
#include "server/store/sqlite/sqlite_store.h"
#include "tests/server/store/store_conformance.h"
#include "tests/server/store/store_test_support.h"

namespace parc::server::testing {
namespace {

class StoreNotifications : public StoreConformance {
 protected:
  void SetUp() override {
    StoreConformance::SetUp();
    notify_ = dynamic_cast<NotificationStore*>(store_.get());
    ASSERT_NE(notify_, nullptr) << "the store does not keep notifications";
  }

  // A failing disk on a new device of `site_id`: its alert events, from the journal.
  std::vector<AlertEvent> raiseAlerts(const std::string& site_id, const std::string& hostname) {
    const EnrollResult device = enrollNew(site_id, hostname);
    ingestOk(device, fullReport(1, sampleInventory(hostname)), at("2026-11-23T08:00:05Z"));
    Report report = stateReport(2, std::nullopt);
    report.state = failingSdaState(8);
    const IngestResult result = ingestOk(device, report, at("2026-11-23T08:15:05Z"));
    EXPECT_FALSE(result.alert_events.empty());
    return result.alert_events;
  }

  NotifyEndpoint endpointOf(const std::string& collectivity_id) {
    NotifyEndpoint endpoint;
    endpoint.collectivity_id = collectivity_id;
    endpoint.kind = "webhook";
    endpoint.target = "https://hooks.example.org/parc";
    endpoint.secret = "s3cret";
    auto added = notify_->addNotifyEndpoint(endpoint);
    EXPECT_TRUE(added.ok()) << (added.ok() ? "" : added.error());
    return added.ok() ? *added : NotifyEndpoint{};
  }

  // Routes every event of `events` to `endpoint`, due at now_, from the current cursor.
  Status route(const NotifyEndpoint& endpoint, const std::vector<AlertEvent>& events) {
    std::vector<NewDelivery> deliveries;
    for (const AlertEvent& event : events) deliveries.push_back({endpoint.id, event.id, now_});
    const std::int64_t from = notify_->notifyCursor();
    return notify_->enqueueDeliveries(from, events.back().id, deliveries);
  }

  NotificationStore* notify_ = nullptr;
};

TEST_P(StoreNotifications, AnEndpointNeedsAKnownCollectivityAndSites) {
  NotifyEndpoint endpoint;
  endpoint.collectivity_id = "no-such-collectivity";
  endpoint.kind = "email";
  endpoint.target = "dsi@example.org";
  auto unknown = notify_->addNotifyEndpoint(endpoint);
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error(), "not_found");

  endpoint.collectivity_id = a_.id;
  endpoint.site_ids = {b1_.id};  // a site of another collectivity
  auto foreign_site = notify_->addNotifyEndpoint(endpoint);
  ASSERT_FALSE(foreign_site.ok());
  EXPECT_EQ(foreign_site.error(), "not_found");

  endpoint.site_ids = {a2_.id};
  endpoint.min_severity = "critical";
  auto added = notify_->addNotifyEndpoint(endpoint);
  ASSERT_TRUE(added.ok()) << added.error();
  EXPECT_FALSE(added->id.empty());
  EXPECT_FALSE(added->created_at.empty());

  const auto listed = notify_->listNotifyEndpoints(Scope::collectivity(a_.id));
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_EQ(listed[0].id, added->id);
  EXPECT_EQ(listed[0].target, "dsi@example.org");
  EXPECT_EQ(listed[0].min_severity, "critical");
  EXPECT_EQ(listed[0].site_ids, std::vector<std::string>{a2_.id});
  EXPECT_TRUE(notify_->listNotifyEndpoints(Scope::collectivity(b_.id)).empty());
  EXPECT_EQ(notify_->listNotifyEndpoints(Scope::everything()).size(), 1u);
}

TEST_P(StoreNotifications, EnqueueMovesTheCursorOnceAndAStaleCursorAddsNothing) {
  const auto events = raiseAlerts(a1_.id, "salle-b12-poste03");
  const NotifyEndpoint endpoint = endpointOf(a_.id);
  EXPECT_EQ(notify_->notifyCursor(), 0);

  std::vector<NewDelivery> deliveries;
  for (const AlertEvent& event : events) deliveries.push_back({endpoint.id, event.id, now_});
  ASSERT_TRUE(notify_->enqueueDeliveries(0, events.back().id, deliveries).ok());
  EXPECT_EQ(notify_->notifyCursor(), events.back().id);

  const auto stale = notify_->enqueueDeliveries(0, events.back().id, deliveries);
  ASSERT_FALSE(stale.ok());
  EXPECT_EQ(stale.error(), "cursor_moved");
  EXPECT_EQ(notify_->notifyCursor(), events.back().id);
  EXPECT_EQ(notify_->listDeliveries(Scope::everything(), std::nullopt, 100).size(), events.size());

  // The same (endpoint, event) pair from the right cursor is kept, not doubled.
  const std::int64_t cursor = notify_->notifyCursor();
  ASSERT_TRUE(notify_->enqueueDeliveries(cursor, cursor, deliveries).ok());
  EXPECT_EQ(notify_->listDeliveries(Scope::everything(), std::nullopt, 100).size(), events.size());
}

TEST_P(StoreNotifications, DueDeliveriesComeWithTheirEndpointAndEvent) {
  const auto events = raiseAlerts(a1_.id, "salle-b12-poste03");
  const NotifyEndpoint endpoint = endpointOf(a_.id);
  std::vector<NewDelivery> deliveries;
  for (const AlertEvent& event : events) {
    deliveries.push_back({endpoint.id, event.id, at("2026-11-23T09:00:00Z")});
  }
  ASSERT_TRUE(notify_->enqueueDeliveries(0, events.back().id, deliveries).ok());

  EXPECT_TRUE(notify_->dueDeliveries(at("2026-11-23T08:59:59Z"), 10).empty());
  const auto due = notify_->dueDeliveries(at("2026-11-23T09:00:00Z"), 10);
  ASSERT_EQ(due.size(), events.size());
  for (std::size_t i = 0; i < due.size(); ++i) {
    EXPECT_EQ(due[i].delivery.state, "pending");
    EXPECT_EQ(due[i].delivery.attempts, 0);
    EXPECT_EQ(due[i].delivery.collectivity_id, a_.id);
    EXPECT_EQ(due[i].endpoint.secret, endpoint.secret);
    EXPECT_EQ(due[i].event.id, events[i].id);
    EXPECT_EQ(due[i].event.rule_id, events[i].rule_id);
    EXPECT_EQ(due[i].event.payload_json, events[i].payload_json);
  }
  EXPECT_EQ(notify_->dueDeliveries(at("2026-11-23T09:00:00Z"), 1).size(), 1u);
}

TEST_P(StoreNotifications, SentFailedAndDeadDeliveries) {
  const auto events = raiseAlerts(a1_.id, "salle-b12-poste03");
  ASSERT_GE(events.size(), 2u);
  const NotifyEndpoint endpoint = endpointOf(a_.id);
  ASSERT_TRUE(route(endpoint, events).ok());
  auto due = notify_->dueDeliveries(now_, 10);
  ASSERT_EQ(due.size(), events.size());
  const std::string sent_id = due[0].delivery.id, failing_id = due[1].delivery.id;

  ASSERT_TRUE(notify_->markSent({sent_id}, at("2026-11-23T08:00:01Z")).ok());
  ASSERT_TRUE(notify_->markFailed({failing_id}, "HTTP 500", at("2026-11-23T08:10:00Z"), false).ok());
  due = notify_->dueDeliveries(at("2026-11-23T08:05:00Z"), 10);
  EXPECT_TRUE(std::none_of(due.begin(), due.end(), [&](const DueDelivery& d) {
    return d.delivery.id == sent_id || d.delivery.id == failing_id;
  }));
  due = notify_->dueDeliveries(at("2026-11-23T08:10:00Z"), 10);
  const auto retried = std::find_if(due.begin(), due.end(),
                                    [&](const DueDelivery& d) { return d.delivery.id == failing_id; });
  ASSERT_NE(retried, due.end());
  EXPECT_EQ(retried->delivery.attempts, 1);
  EXPECT_EQ(retried->delivery.last_error, OptString("HTTP 500"));

  ASSERT_TRUE(notify_->markFailed({failing_id}, "HTTP 503", at("2026-11-23T09:00:00Z"), true).ok());
  const auto dead = notify_->listDeliveries(Scope::everything(), std::string("dead"), 10);
  ASSERT_EQ(dead.size(), 1u);
  EXPECT_EQ(dead[0].id, failing_id);
  EXPECT_EQ(dead[0].attempts, 2);
  EXPECT_EQ(dead[0].last_error, OptString("HTTP 503"));
  const auto sent = notify_->listDeliveries(Scope::everything(), std::string("sent"), 10);
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_EQ(sent[0].id, sent_id);
  EXPECT_TRUE(sent[0].sent_at.has_value());
  EXPECT_TRUE(notify_->dueDeliveries(at("2026-11-24T00:00:00Z"), 10).size() == events.size() - 2);

  // Neither a sent nor a dead delivery changes again.
  ASSERT_TRUE(notify_->markFailed({sent_id, failing_id}, "late", at("2026-11-23T09:00:00Z"), false).ok());
  EXPECT_EQ(notify_->listDeliveries(Scope::everything(), std::string("sent"), 10).size(), 1u);
  EXPECT_EQ(notify_->listDeliveries(Scope::everything(), std::string("dead"), 10).size(), 1u);
}

TEST_P(StoreNotifications, ListingStaysInsideTheScope) {
  auto events = raiseAlerts(a1_.id, "salle-a1");
  const auto in_b = raiseAlerts(b1_.id, "salle-b1");
  const NotifyEndpoint endpoint_a = endpointOf(a_.id), endpoint_b = endpointOf(b_.id);
  std::vector<NewDelivery> deliveries;
  for (const AlertEvent& event : events) deliveries.push_back({endpoint_a.id, event.id, now_});
  for (const AlertEvent& event : in_b) deliveries.push_back({endpoint_b.id, event.id, now_});
  ASSERT_TRUE(notify_->enqueueDeliveries(0, in_b.back().id, deliveries).ok());

  const auto of_a = notify_->listDeliveries(Scope::collectivity(a_.id), std::nullopt, 100);
  ASSERT_EQ(of_a.size(), events.size());
  for (const Delivery& d : of_a) EXPECT_EQ(d.collectivity_id, a_.id);
  const auto of_b = notify_->listDeliveries(Scope::collectivity(b_.id), std::nullopt, 100);
  ASSERT_EQ(of_b.size(), in_b.size());
  for (const Delivery& d : of_b) EXPECT_EQ(d.endpoint_id, endpoint_b.id);
  Scope site_a2 = Scope::collectivity(a_.id);
  site_a2.site_ids = {a2_.id};
  EXPECT_TRUE(notify_->listDeliveries(site_a2, std::nullopt, 100).empty());
  EXPECT_EQ(notify_->listDeliveries(Scope::everything(), std::nullopt, 100).size(),
            events.size() + in_b.size());
}

INSTANTIATE_TEST_SUITE_P(Sqlite, StoreNotifications,
                         ::testing::Values(StoreImplementation{"sqlite", openSqliteStore}), implementationName);

}  // namespace
}  // namespace parc::server::testing
