// The notifier's pass against a real SQLite store with an injected clock:
// routing by collectivity and severity, back-off, dead after the last attempt.
// The webhook target is a closed port on 127.0.0.1, so every send fails.

#include <algorithm>

#include "tests/server/notify/notifier_fixture.h"
#include "tests/server/store/store_test_support.h"

namespace parc::server::testing {
namespace {

class NotifierPass : public NotifierFixture {
 protected:
  void raiseDiskAlerts(const std::string& site_id, const std::string& hostname) {
    const EnrollResult device = enrollNew(site_id, hostname);
    ingestOk(device, fullReport(1, sampleInventory(hostname)), at("2026-11-23T08:00:05Z"));
    Report report = stateReport(2, std::nullopt);
    report.state = failingSdaState(8);
    ingestOk(device, report, at("2026-11-23T08:15:05Z"));
  }

  NotifyEndpoint addEndpoint(const std::string& collectivity_id, const std::string& kind,
                             const std::string& target, const std::string& min_severity = "info") {
    NotifyEndpoint endpoint;
    endpoint.collectivity_id = collectivity_id;
    endpoint.kind = kind;
    endpoint.target = target;
    endpoint.secret = "k";
    endpoint.min_severity = min_severity;
    auto added = queue_->addNotifyEndpoint(endpoint);
    EXPECT_TRUE(added.ok());
    return added.ok() ? *added : NotifyEndpoint{};
  }
};

TEST_P(NotifierPass, RoutesByCollectivityAndSeverity) {
  raiseDiskAlerts(a1_.id, "poste-a");
  const auto events = store_->listAlertEvents(Scope::everything(), 0, 100);
  ASSERT_FALSE(events.empty());
  const auto critical = std::count_if(events.begin(), events.end(),
                                      [](const AlertEvent& e) { return e.severity == "critical"; });
  const NotifyEndpoint all = addEndpoint(a_.id, "webhook", "http://127.0.0.1:1/hook");
  const NotifyEndpoint only_critical = addEndpoint(a_.id, "email", "dsi@example.org", "critical");
  addEndpoint(b_.id, "webhook", "http://127.0.0.1:1/other");

  notify::NotifierOptions options;
  notify::Notifier notifier = notifierWith(options);
  EXPECT_EQ(notifier.route(), events.size() + static_cast<std::size_t>(critical));
  EXPECT_EQ(queue_->notifyCursor(), events.back().id);
  EXPECT_EQ(notifier.route(), 0u);  // nothing new

  const auto deliveries = queue_->listDeliveries(Scope::everything(), std::nullopt, 100);
  EXPECT_EQ(std::count_if(deliveries.begin(), deliveries.end(),
                          [&](const Delivery& d) { return d.endpoint_id == all.id; }),
            static_cast<long>(events.size()));
  EXPECT_EQ(std::count_if(deliveries.begin(), deliveries.end(),
                          [&](const Delivery& d) { return d.endpoint_id == only_critical.id; }),
            critical);
  EXPECT_TRUE(queue_->listDeliveries(Scope::collectivity(b_.id), std::nullopt, 100).empty());
}

TEST_P(NotifierPass, FailuresBackOffThenTheDeliveryIsDead) {
  raiseDiskAlerts(a1_.id, "poste-a");
  addEndpoint(a_.id, "webhook", "http://127.0.0.1:1/hook", "critical");
  auto notifier = makeNotifier(3);
  const std::size_t tried = notifier.runOnce();
  ASSERT_GT(tried, 0u);
  EXPECT_EQ(notifier.runOnce(), 0u);  // not due before the back-off
  clock_ += std::chrono::seconds(29);
  EXPECT_EQ(notifier.sendDue(), 0u);
  clock_ += std::chrono::seconds(1);
  EXPECT_EQ(notifier.sendDue(), tried);  // second attempt at +30 s
  clock_ += std::chrono::seconds(59);
  EXPECT_EQ(notifier.sendDue(), 0u);
  clock_ += std::chrono::seconds(1);
  EXPECT_EQ(notifier.sendDue(), tried);  // third attempt at +60 s more: the last
  clock_ += std::chrono::hours(2);
  EXPECT_EQ(notifier.sendDue(), 0u);
  const auto dead = queue_->listDeliveries(Scope::everything(), std::string("dead"), 100);
  ASSERT_EQ(dead.size(), tried);
  for (const Delivery& d : dead) {
    EXPECT_EQ(d.attempts, 3);
    ASSERT_TRUE(d.last_error.has_value());
    EXPECT_NE(d.last_error->find("127.0.0.1:1"), std::string::npos) << *d.last_error;
  }
}

TEST_P(NotifierPass, EmailWithoutSmtpFailsVisibly) {
  raiseDiskAlerts(a1_.id, "poste-a");
  addEndpoint(a_.id, "email", "dsi@example.org", "critical");
  auto notifier = makeNotifier(1);
  ASSERT_GT(notifier.runOnce(), 0u);
  const auto dead = queue_->listDeliveries(Scope::everything(), std::string("dead"), 100);
  ASSERT_FALSE(dead.empty());
  EXPECT_NE(dead[0].last_error.value_or("").find("smtp_url"), std::string::npos);
}

TEST_P(NotifierPass, StopWakesTheThreadAtOnce) {
  notify::NotifierOptions options;
  options.period = std::chrono::hours(1);
  notify::Notifier notifier = notifierWith(options);
  notifier.start();
  notifier.stop();  // returns without waiting for the hour
  notifier.stop();
  SUCCEED();
}

INSTANTIATE_TEST_SUITE_P(Sqlite, NotifierPass, ::testing::Values(StoreImplementation{"sqlite", openSqliteStore}),
                         implementationName);

}  // namespace
}  // namespace parc::server::testing
