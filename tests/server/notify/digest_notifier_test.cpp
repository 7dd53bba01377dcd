// The notifier with a digest endpoint, against a real SQLite store and an
// injected clock: nothing is sent before the window closes, then the whole
// window is one attempt (here to a closed SMTP port, so it fails: every delivery
// of the window counts one attempt and retries together, then dies together).

#include <set>

#include "tests/server/notify/notifier_fixture.h"
#include "tests/server/store/store_test_support.h"

namespace parc::server::testing {
namespace {

class DigestPass : public NotifierFixture {
 protected:
  void raiseDiskAlert(const std::string& hostname, const std::vector<std::string>& disks) {
    const EnrollResult device = enrollNew(a1_.id, hostname);
    ingestOk(device, fullReport(1, sampleInventory(hostname)), at("2026-11-23T08:00:05Z"));
    Report report = stateReport(2, std::nullopt);
    SmartHealth smart;
    smart.passed = false;
    for (const auto& disk : disks) report.state.disks.push_back({disk, smart, {}});
    ingestOk(device, report, at("2026-11-23T08:15:05Z"));
  }

  NotifyEndpoint digestEndpoint(std::chrono::seconds window) {
    NotifyEndpoint endpoint;
    endpoint.collectivity_id = a_.id;
    endpoint.kind = "email";
    endpoint.target = "dsi@example.org";
    endpoint.digest = window;
    auto added = queue_->addNotifyEndpoint(endpoint);
    EXPECT_TRUE(added.ok());
    return added.ok() ? *added : NotifyEndpoint{};
  }

  notify::Notifier makeNotifier(std::int64_t max_attempts) {
    return NotifierFixture::makeNotifier(max_attempts, {"smtp://127.0.0.1:1", "parc@example.org", "", ""});
  }

  std::vector<Delivery> deliveries(const char* state) {
    return queue_->listDeliveries(Scope::everything(), std::string(state), 1000);
  }
};

TEST_P(DigestPass, TheWholeWindowIsOneAttemptAfterItCloses) {
  digestEndpoint(std::chrono::seconds(300));
  auto notifier = makeNotifier(2);
  raiseDiskAlert("poste-a", {"sda", "sdb"});
  EXPECT_GT(notifier.route(), 0u);
  clock_ += std::chrono::seconds(120);
  raiseDiskAlert("poste-b", {"sda"});
  EXPECT_GT(notifier.route(), 0u);
  const std::size_t gathered = deliveries("pending").size();
  ASSERT_GE(gathered, 3u);

  clock_ = at("2026-11-23T09:04:59Z");
  EXPECT_EQ(notifier.sendDue(), 0u);  // the window is still open
  clock_ = at("2026-11-23T09:05:00Z");
  EXPECT_EQ(notifier.sendDue(), gathered);  // one attempt for all of them
  const auto pending = deliveries("pending");
  ASSERT_EQ(pending.size(), gathered);
  std::set<std::string> retry_times;
  for (const Delivery& d : pending) {
    EXPECT_EQ(d.attempts, 1);
    EXPECT_NE(d.last_error.value_or("").find("127.0.0.1"), std::string::npos) << d.last_error.value_or("");
    retry_times.insert(d.next_attempt_at);
  }
  EXPECT_EQ(retry_times, std::set<std::string>{"2026-11-23T09:05:30Z"});

  clock_ += std::chrono::seconds(30);
  EXPECT_EQ(notifier.sendDue(), gathered);  // the last attempt: the window dies whole
  EXPECT_EQ(deliveries("dead").size(), gathered);
  EXPECT_TRUE(deliveries("pending").empty());
}

TEST_P(DigestPass, AWindowLargerThanABatchStillGoesAsOne) {
  digestEndpoint(std::chrono::seconds(60));
  notify::NotifierOptions options;
  options.batch = 2;  // fewer than the window holds
  options.max_attempts = 1;
  options.smtp = {"smtp://127.0.0.1:1", "parc@example.org", "", ""};
  options.timeouts = {std::chrono::milliseconds(2000), std::chrono::milliseconds(4000)};
  notify::Notifier notifier = notifierWith(options);
  raiseDiskAlert("poste-a", {"sda", "sdb", "sdc"});
  for (int pass = 0; pass < 10; ++pass) notifier.route();  // two events per pass
  ASSERT_EQ(queue_->notifyCursor(), store_->listAlertEvents(Scope::everything(), 0, 1000).back().id);
  const std::size_t gathered = deliveries("pending").size();
  ASSERT_GT(gathered, 2u);
  clock_ += std::chrono::seconds(60);
  EXPECT_EQ(notifier.sendDue(), gathered);
  EXPECT_EQ(deliveries("dead").size(), gathered);
}

INSTANTIATE_TEST_SUITE_P(Sqlite, DigestPass, ::testing::Values(StoreImplementation{"sqlite", openSqliteStore}),
                         implementationName);

}  // namespace
}  // namespace parc::server::testing
