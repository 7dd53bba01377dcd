// The live feed on the real server: a signed-in technician's SSE stream receives
// the alert a report raises, never another collectivity's, gets heartbeats, and
// resumes with Last-Event-ID after a disconnect without loss or duplicates.

#include <gtest/gtest.h>

#include <set>

#include "tests/integration/alert_reports.h"
#include "tests/integration/parc_fixture.h"
#include "tests/integration/sse_client.h"

namespace parc::testing {
namespace {

using nlohmann::json;

class FeedTest : public ::testing::Test {
 protected:
  FeedTest() : dir_(::testing::UnitTest::GetInstance()->current_test_info()->name()), server_(dir_.path()) {}

  void SetUp() override {
    server_.start({"--feed-heartbeat", "1s"});
    a_ = server_.makePark("Commune A");
    b_ = server_.makePark("Commune B");
  }

  // A device of `park` that has sent its first (full) report: {agent_id, secret}.
  DeviceCredentials enrolledDevice(const ParcServer::Park& park, const std::string& machine) {
    return testing::enrolledDevice(dir_.path(), server_.url(), park.token, machine);
  }

  // A state report whose disk `disk` fails SMART: the engine opens an alert.
  long reportFailingDisk(const DeviceCredentials& device, std::uint64_t seq, const std::string& disk) {
    return reportFailingDisks(server_.url(), device, seq, {disk});
  }

  std::string technicianCookie(const ParcServer::Park& park, const std::string& email) {
    const std::string password = server_.addUser(park.collectivity, "technician", email);
    return loginSession(server_.url(), email, password).cookie;
  }

  TempDir dir_;
  ParcServer server_;
  ParcServer::Park a_, b_;
};

bool hasEvents(const std::string& text, std::size_t count) { return parseSse(text).size() >= count; }

// The disks of the alerts opened in an SSE text (a state report that no longer
// lists a disk resolves its alert: those events come too).
std::multiset<std::string> openedKeys(const std::string& text) {
  std::multiset<std::string> keys;
  for (const auto& event : parseSse(text)) {
    if (event.type == "opened") keys.insert(json::parse(event.data, nullptr, false).value("key", ""));
  }
  return keys;
}

TEST_F(FeedTest, ATechnicianSeesItsAlertsLiveAndNothingOfAnotherCollectivity) {
  const auto device_a = enrolledDevice(a_, "desktop");
  const auto device_b = enrolledDevice(b_, "laptop");
  const std::string cookie = technicianCookie(a_, "tech@a.example.fr");
  SseClient feed(server_.url() + "/api/v1/feed", {"Cookie: " + cookie});
  ASSERT_TRUE(feed.waitFor([](const std::string& t) { return t.find("retry:") != std::string::npos; },
                           std::chrono::seconds(10)))
      << "status " << feed.status() << ": " << feed.text();

  ASSERT_EQ(reportFailingDisk(device_b, 1000, "sdx"), 202);
  ASSERT_EQ(reportFailingDisk(device_a, 1000, "sdx"), 202);
  ASSERT_TRUE(feed.waitFor([](const std::string& t) { return hasEvents(t, 1); }, std::chrono::seconds(10)))
      << feed.text();
  ASSERT_TRUE(feed.waitFor([](const std::string& t) { return t.find(": ping") != std::string::npos; },
                           std::chrono::seconds(5)))
      << "no heartbeat: " << feed.text();
  for (const auto& event : parseSse(feed.text())) {
    const auto payload = json::parse(event.data, nullptr, false);
    ASSERT_TRUE(payload.is_object()) << event.data;
    EXPECT_EQ(payload.value("collectivity_id", ""), a_.collectivity) << event.data;
    EXPECT_EQ(payload["rule"], "disk_smart_failed");
  }
}

TEST_F(FeedTest, ResumesAfterADisconnectWithoutLossNorDuplicates) {
  const auto device = enrolledDevice(a_, "desktop");
  const std::string cookie = technicianCookie(a_, "tech@a.example.fr");
  std::vector<SseEvent> first;
  {
    SseClient feed(server_.url() + "/api/v1/feed", {"Cookie: " + cookie});
    ASSERT_TRUE(feed.waitFor([](const std::string& t) { return t.find("retry:") != std::string::npos; },
                             std::chrono::seconds(10)));
    ASSERT_EQ(reportFailingDisk(device, 1000, "sdw"), 202);
    ASSERT_TRUE(feed.waitFor([](const std::string& t) { return openedKeys(t).count("sdw") == 1; },
                             std::chrono::seconds(10)))
        << feed.text();
    first = parseSse(feed.text());
  }
  // While nobody listens: two more disks fail.
  ASSERT_EQ(reportFailingDisk(device, 1001, "sdb"), 202);
  ASSERT_EQ(reportFailingDisk(device, 1002, "sdc"), 202);

  const std::int64_t last = first.back().id;
  SseClient resumed(server_.url() + "/api/v1/feed",
                    {"Cookie: " + cookie, "Last-Event-ID: " + std::to_string(last)});
  ASSERT_TRUE(resumed.waitFor([](const std::string& t) { return openedKeys(t).size() >= 2; },
                              std::chrono::seconds(10)))
      << resumed.text();
  // Live again after the catch-up.
  ASSERT_EQ(reportFailingDisk(device, 1003, "sdd"), 202);
  ASSERT_TRUE(resumed.waitFor([](const std::string& t) { return openedKeys(t).size() >= 3; },
                              std::chrono::seconds(10)))
      << resumed.text();
  const auto events = parseSse(resumed.text());
  std::set<std::int64_t> seen;
  for (const auto& event : events) {
    EXPECT_GT(event.id, last) << "an event the client already had";
    EXPECT_TRUE(seen.insert(event.id).second) << "event " << event.id << " twice";
  }
  EXPECT_EQ(openedKeys(resumed.text()), (std::multiset<std::string>{"sdb", "sdc", "sdd"}));
  // The same through ?last_event_id= (EventSource polyfills).
  SseClient polyfill(server_.url() + "/api/v1/feed?last_event_id=" + std::to_string(last), {"Cookie: " + cookie});
  ASSERT_TRUE(polyfill.waitFor([](const std::string& t) { return openedKeys(t).size() >= 3; },
                               std::chrono::seconds(10)));
  EXPECT_EQ(parseSse(polyfill.text()).front().id, events.front().id);
}

TEST_F(FeedTest, RefusesStrangersAndBadResumePoints) {
  EXPECT_EQ(httpRequest("GET", server_.url() + "/api/v1/feed").status, 401);
  EXPECT_EQ(httpRequest("GET", server_.url() + "/api/v1/feed", "", {"Cookie: parc_session=forged"}).status, 401);
  const std::string cookie = technicianCookie(a_, "tech@a.example.fr");
  for (const std::string bad : {"-1", "abc", "99999999999999999999999", "1;DROP TABLE alert_events"}) {
    EXPECT_EQ(httpRequest("GET", server_.url() + "/api/v1/feed", "", {"Cookie: " + cookie, "Last-Event-ID: " + bad})
                  .status,
              400)
        << bad;
  }
  EXPECT_EQ(httpRequest("POST", server_.url() + "/api/v1/feed", "", {"Cookie: " + cookie}).status, 405);
}

}  // namespace
}  // namespace parc::testing
