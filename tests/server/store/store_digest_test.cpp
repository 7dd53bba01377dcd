// Conformance: the windows of e-mail digests in the notification queue. A
// delivery to a digest endpoint joins the window already open (pending, never
// tried) or opens one at its due time; the window survives a reopening of the
// store, is read whole by dueDeliveriesFor, and once sent is never due again.

#include "server/store/notification_store.h"
#include "server/store/sqlite/sqlite_store.h"
#include "tests/server/store/store_conformance.h"
#include "tests/server/store/store_test_support.h"

namespace parc::server::testing {
namespace {

class StoreDigest : public StoreConformance {
 protected:
  void SetUp() override {
    StoreConformance::SetUp();
    attach();
  }

  void attach() {
    notify_ = dynamic_cast<NotificationStore*>(store_.get());
    ASSERT_NE(notify_, nullptr) << "the store does not keep notifications";
  }

  // Closes the store and opens it again on the same files: a server restart.
  void reopen() {
    store_.reset();
    store_ = GetParam().make(dir_);
    ASSERT_NE(store_, nullptr);
    attach();
  }

  // A failing disk on a new device of site a1: its alert events.
  std::vector<AlertEvent> raiseAlert(const std::string& hostname) {
    const EnrollResult device = enrollNew(a1_.id, hostname);
    ingestOk(device, fullReport(1, sampleInventory(hostname)), at("2026-11-23T08:00:05Z"));
    Report report = stateReport(2, std::nullopt);
    SmartHealth smart;
    smart.passed = false;
    smart.reallocated = 8;
    report.state.disks.push_back({"sda", smart, {}});
    const IngestResult result = ingestOk(device, report, at("2026-11-23T08:15:05Z"));
    EXPECT_FALSE(result.alert_events.empty());
    return result.alert_events;
  }

  NotifyEndpoint endpoint(const std::string& kind, std::chrono::seconds digest) {
    NotifyEndpoint endpoint;
    endpoint.collectivity_id = a_.id;
    endpoint.kind = kind;
    endpoint.target = kind == "email" ? "dsi@example.org" : "https://hooks.example.org/parc";
    endpoint.digest = digest;
    auto added = notify_->addNotifyEndpoint(endpoint);
    EXPECT_TRUE(added.ok()) << (added.ok() ? "" : added.error());
    return added.ok() ? *added : NotifyEndpoint{};
  }

  // Routes `events` to `endpoint`, due at `due` (a window would close then).
  void route(const NotifyEndpoint& endpoint, const std::vector<AlertEvent>& events, TimePoint due) {
    std::vector<NewDelivery> deliveries;
    for (const AlertEvent& event : events) deliveries.push_back({endpoint.id, event.id, due});
    const Status status = notify_->enqueueDeliveries(notify_->notifyCursor(), events.back().id, deliveries);
    ASSERT_TRUE(status.ok()) << (status.ok() ? "" : status.error());
  }

  std::vector<std::string> dueIds(const NotifyEndpoint& endpoint, TimePoint now) {
    std::vector<std::string> ids;
    for (const DueDelivery& due : notify_->dueDeliveriesFor(endpoint.id, now, 1000)) ids.push_back(due.delivery.id);
    return ids;
  }

  NotificationStore* notify_ = nullptr;
};

TEST_P(StoreDigest, LaterDeliveriesJoinTheOpenWindow) {
  const NotifyEndpoint digest = endpoint("email", std::chrono::seconds(900));
  std::size_t routed = 0;
  for (const auto& [host, due] : {std::pair{"pc-1", "2026-11-23T09:15:00Z"}, {"pc-2", "2026-11-23T09:20:00Z"},
                                  {"pc-3", "2026-11-23T09:25:00Z"}}) {
    const auto events = raiseAlert(host);
    route(digest, events, at(due));  // pc-2 and pc-3 join the 09:15 window
    routed += events.size();
  }

  EXPECT_TRUE(dueIds(digest, at("2026-11-23T09:14:59Z")).empty());
  const auto window = notify_->dueDeliveriesFor(digest.id, at("2026-11-23T09:15:00Z"), 1000);
  ASSERT_EQ(window.size(), routed);
  for (const DueDelivery& due : window) {
    EXPECT_EQ(due.delivery.next_attempt_at, "2026-11-23T09:15:00Z");
    EXPECT_EQ(due.endpoint.digest, std::chrono::seconds(900));
    EXPECT_EQ(due.endpoint.id, digest.id);
  }
}

TEST_P(StoreDigest, PerAlertEndpointsAndWebhooksNeverJoin) {
  const NotifyEndpoint mail = endpoint("email", std::chrono::seconds(0));
  const NotifyEndpoint hook = endpoint("webhook", std::chrono::seconds(600));  // a digest means nothing here
  const auto first = raiseAlert("pc-1");
  std::vector<NewDelivery> deliveries;
  for (const AlertEvent& event : first) {
    deliveries.push_back({mail.id, event.id, at("2026-11-23T09:00:00Z")});
    deliveries.push_back({hook.id, event.id, at("2026-11-23T09:00:00Z")});
  }
  ASSERT_TRUE(notify_->enqueueDeliveries(0, first.back().id, deliveries).ok());
  route(mail, raiseAlert("pc-2"), at("2026-11-23T09:05:00Z"));
  EXPECT_EQ(dueIds(mail, at("2026-11-23T09:00:00Z")).size(), first.size());
  EXPECT_EQ(dueIds(mail, at("2026-11-23T09:05:00Z")).size(), first.size() * 2);
}

TEST_P(StoreDigest, TheWindowSurvivesARestartAndIsSentOnce) {
  const NotifyEndpoint digest = endpoint("email", std::chrono::seconds(600));
  const auto before = raiseAlert("pc-1");
  route(digest, before, at("2026-11-23T09:10:00Z"));
  reopen();
  const auto after = raiseAlert("pc-2");
  route(digest, after, at("2026-11-23T09:14:00Z"));  // after the restart: same window
  reopen();
  const auto window = dueIds(digest, at("2026-11-23T09:10:00Z"));
  ASSERT_EQ(window.size(), before.size() + after.size());
  ASSERT_TRUE(notify_->markSent(window, at("2026-11-23T09:10:01Z")).ok());
  reopen();
  EXPECT_TRUE(dueIds(digest, at("2026-11-24T00:00:00Z")).empty());  // nothing twice
  EXPECT_TRUE(notify_->dueDeliveries(at("2026-11-24T00:00:00Z"), 1000).empty());

  // The next events open a new window of their own.
  const auto later = raiseAlert("pc-3");
  route(digest, later, at("2026-11-23T09:30:00Z"));
  EXPECT_TRUE(dueIds(digest, at("2026-11-23T09:29:59Z")).empty());
  EXPECT_EQ(dueIds(digest, at("2026-11-23T09:30:00Z")).size(), later.size());
}

TEST_P(StoreDigest, AFailedWindowRetriesAloneAndNewEventsOpenAnother) {
  const NotifyEndpoint digest = endpoint("email", std::chrono::seconds(600));
  const auto first = raiseAlert("pc-1");
  route(digest, first, at("2026-11-23T09:10:00Z"));
  const auto failed = dueIds(digest, at("2026-11-23T09:10:00Z"));
  ASSERT_EQ(failed.size(), first.size());
  ASSERT_TRUE(notify_->markFailed(failed, "smtp down", at("2026-11-23T09:40:00Z"), false).ok());
  const auto later = raiseAlert("pc-3");
  route(digest, later, at("2026-11-23T09:25:00Z"));  // not into the failed window

  EXPECT_EQ(dueIds(digest, at("2026-11-23T09:25:00Z")).size(), later.size());
  const auto retried = notify_->dueDeliveriesFor(digest.id, at("2026-11-23T09:40:00Z"), 1000);
  ASSERT_EQ(retried.size(), first.size() + later.size());
  std::int64_t attempts = 0;
  for (const DueDelivery& due : retried) attempts += due.delivery.attempts;
  EXPECT_EQ(attempts, static_cast<std::int64_t>(first.size()));
}

TEST_P(StoreDigest, SetDigestOnEmailEndpointsOnly) {
  const NotifyEndpoint mail = endpoint("email", std::chrono::seconds(0));
  const NotifyEndpoint hook = endpoint("webhook", std::chrono::seconds(0));
  ASSERT_TRUE(notify_->setNotifyDigest(mail.id, std::chrono::seconds(1800)).ok());
  const Status on_hook = notify_->setNotifyDigest(hook.id, std::chrono::seconds(60));
  ASSERT_FALSE(on_hook.ok());
  EXPECT_EQ(on_hook.error(), "not_found");
  const Status unknown = notify_->setNotifyDigest("no-such-endpoint' OR 1=1 --", std::chrono::seconds(60));
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error(), "not_found");
  EXPECT_FALSE(notify_->setNotifyDigest(mail.id, std::chrono::seconds(-5)).ok());
  reopen();
  for (const NotifyEndpoint& listed : notify_->listNotifyEndpoints(Scope::everything())) {
    EXPECT_EQ(listed.digest.count(), listed.id == mail.id ? 1800 : 0) << listed.id;
  }
}

INSTANTIATE_TEST_SUITE_P(Sqlite, StoreDigest, ::testing::Values(StoreImplementation{"sqlite", openSqliteStore}),
                         implementationName);

}  // namespace
}  // namespace parc::server::testing
