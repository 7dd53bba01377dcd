// The hub: scope filtering, slow and gone readers dropped, concurrent publishers,
// and the switch from catch-up to live events.

#include "server/feed/feed_hub.h"

#include <gtest/gtest.h>

#include <regex>
#include <set>
#include <thread>

#include "server/feed/sse_format.h"
#include "tests/server/feed/fake_stream.h"

namespace parc::server::feed {
namespace {

using testing::FakeStream;

AlertEvent event(std::int64_t id, const std::string& collectivity, const std::string& site) {
  AlertEvent e;
  e.id = id;
  e.type = "opened";
  e.alert_id = "alert-" + std::to_string(id);
  e.device_id = "device-1";
  e.site_id = site;
  e.collectivity_id = collectivity;
  e.rule_id = "disk.smart_failed";
  e.severity = "critical";
  e.state = "open";
  e.at = "2026-11-23T08:00:00Z";
  e.payload_json = R"({"id":"alert-)" + std::to_string(id) + R"("})";
  return e;
}

// The ids of the events in an SSE text, in order.
std::vector<std::int64_t> ids(const std::string& text) {
  std::vector<std::int64_t> out;
  static const std::regex line("(^|\n)id: (\\d+)\n");
  for (auto it = std::sregex_iterator(text.begin(), text.end(), line); it != std::sregex_iterator(); ++it) {
    out.push_back(std::stoll((*it)[2]));
  }
  return out;
}

Scope sites(const std::string& collectivity, std::vector<std::string> site_ids) {
  Scope scope = Scope::collectivity(collectivity);
  scope.site_ids = std::move(site_ids);
  return scope;
}

class FeedHubTest : public ::testing::Test {
 protected:
  FeedHub hub_{HubOptions{.max_subscribers = 4, .catch_up_buffer = 3}, nullLogger()};
};

TEST_F(FeedHubTest, AnEventOfCollectivityBNeverReachesA) {
  auto a = std::make_shared<FakeStream>();
  auto b = std::make_shared<FakeStream>();
  ASSERT_TRUE(hub_.subscribe(Scope::collectivity("A"), a, std::nullopt));
  ASSERT_TRUE(hub_.subscribe(Scope::collectivity("B"), b, std::nullopt));
  hub_.publish({event(1, "B", "b1"), event(2, "A", "a1"), event(3, "B", "b2")});
  EXPECT_EQ(ids(a->drain()), (std::vector<std::int64_t>{2}));
  EXPECT_EQ(ids(b->drain()), (std::vector<std::int64_t>{1, 3}));
}

TEST_F(FeedHubTest, SiteLimitedScopesSeeOnlyTheirSites) {
  auto one = std::make_shared<FakeStream>();
  auto whole = std::make_shared<FakeStream>();
  auto admin = std::make_shared<FakeStream>();
  ASSERT_TRUE(hub_.subscribe(sites("A", {"a2"}), one, std::nullopt));
  ASSERT_TRUE(hub_.subscribe(Scope::collectivity("A"), whole, std::nullopt));
  ASSERT_TRUE(hub_.subscribe(Scope::everything(), admin, std::nullopt));
  hub_.publish({event(1, "A", "a1"), event(2, "A", "a2"), event(3, "B", "a2")});
  EXPECT_EQ(ids(one->drain()), (std::vector<std::int64_t>{2}));
  EXPECT_EQ(ids(whole->drain()), (std::vector<std::int64_t>{1, 2}));
  EXPECT_EQ(ids(admin->drain()), (std::vector<std::int64_t>{1, 2, 3}));
}

TEST_F(FeedHubTest, AScopeWithoutCollectivitySeesNothing) {
  auto none = std::make_shared<FakeStream>();
  ASSERT_TRUE(hub_.subscribe(Scope{}, none, std::nullopt));
  hub_.publish({event(1, "A", "a1")});
  EXPECT_TRUE(ids(none->drain()).empty());
}

TEST_F(FeedHubTest, ASlowSubscriberIsDroppedAndTheOthersGoOn) {
  auto slow = std::make_shared<FakeStream>(2);
  auto fast = std::make_shared<FakeStream>(2);
  ASSERT_TRUE(hub_.subscribe(Scope::collectivity("A"), slow, std::nullopt));
  ASSERT_TRUE(hub_.subscribe(Scope::collectivity("A"), fast, std::nullopt));
  for (std::int64_t id = 1; id <= 6; ++id) {
    hub_.publish({event(id, "A", "a1")});
    fast->drain();  // this one reads as fast as events come
  }
  EXPECT_EQ(hub_.size(), 1u);
  EXPECT_TRUE(slow->closed());
  EXPECT_EQ(ids(slow->drain()), (std::vector<std::int64_t>{1, 2}));
  EXPECT_EQ(ids(fast->drain()), (std::vector<std::int64_t>{1, 2, 3, 4, 5, 6}));
}

TEST_F(FeedHubTest, AGoneClientIsForgottenAtTheNextHeartbeat) {
  auto gone = std::make_shared<FakeStream>();
  auto here = std::make_shared<FakeStream>();
  ASSERT_TRUE(hub_.subscribe(Scope::collectivity("A"), gone, std::nullopt));
  ASSERT_TRUE(hub_.subscribe(Scope::collectivity("A"), here, std::nullopt));
  gone->hangUp();
  hub_.pingAll();
  EXPECT_EQ(hub_.size(), 1u);
  EXPECT_EQ(here->drain(), formatSsePing());
}

TEST_F(FeedHubTest, TheSubscriberCapRefusesOneMore) {
  std::vector<std::shared_ptr<FakeStream>> streams;
  for (int i = 0; i < 4; ++i) {
    streams.push_back(std::make_shared<FakeStream>());
    ASSERT_TRUE(hub_.subscribe(Scope::collectivity("A"), streams.back(), std::nullopt));
  }
  EXPECT_TRUE(hub_.full());
  EXPECT_FALSE(hub_.subscribe(Scope::collectivity("A"), std::make_shared<FakeStream>(), std::nullopt));
  streams[0]->hangUp();
  hub_.pingAll();
  EXPECT_TRUE(hub_.subscribe(Scope::collectivity("A"), std::make_shared<FakeStream>(), std::nullopt));
}

TEST_F(FeedHubTest, CatchUpThenLiveWithoutLossNorDuplicates) {
  auto stream = std::make_shared<FakeStream>();
  auto reader = hub_.subscribe(Scope::collectivity("A"), stream, /*resume_after=*/1);
  ASSERT_TRUE(reader);
  // Live events arrive while the journal is read: 3 is in both, 4 only live.
  hub_.publish({event(3, "A", "a1")});
  EXPECT_TRUE(ids(stream->drain()).empty()) << "nothing live before the catch-up";
  ASSERT_TRUE(reader->sendCatchUp(event(2, "A", "a1")));
  hub_.publish({event(4, "A", "a1")});
  ASSERT_TRUE(reader->sendCatchUp(event(3, "A", "a1")));
  ASSERT_TRUE(reader->goLive());
  hub_.publish({event(3, "A", "a1"), event(5, "A", "a1")});
  EXPECT_EQ(ids(stream->drain()), (std::vector<std::int64_t>{2, 3, 4, 5}));
  EXPECT_EQ(reader->lastSentId(), 5);
}

TEST_F(FeedHubTest, AReaderWhoseCatchUpBufferOverflowsIsDropped) {
  auto stream = std::make_shared<FakeStream>();
  auto reader = hub_.subscribe(Scope::collectivity("A"), stream, 0);
  for (std::int64_t id = 1; id <= 4; ++id) hub_.publish({event(id, "A", "a1")});
  EXPECT_FALSE(reader->alive());
  EXPECT_EQ(hub_.size(), 0u);
}

TEST_F(FeedHubTest, ConcurrentPublishersLoseNothingAndKeepEachEventWhole) {
  FeedHub hub{HubOptions{.max_subscribers = 8, .catch_up_buffer = 10}, nullLogger()};
  constexpr int kThreads = 4, kPerThread = 500;
  auto stream = std::make_shared<FakeStream>(kThreads * kPerThread + 100);  // events and pings
  ASSERT_TRUE(hub.subscribe(Scope::collectivity("A"), stream, std::nullopt));
  std::vector<std::thread> publishers;
  for (int t = 0; t < kThreads; ++t) {
    publishers.emplace_back([&hub, t] {
      for (int i = 0; i < kPerThread; ++i) hub.publish({event(t * kPerThread + i + 1, "A", "a1")});
    });
  }
  // Readers come and go meanwhile: the list is copied under the lock, not held.
  for (int i = 0; i < 50; ++i) {
    auto extra = std::make_shared<FakeStream>(1);
    hub.subscribe(Scope::collectivity("B"), extra, std::nullopt);
    hub.pingAll();
  }
  for (auto& p : publishers) p.join();
  EXPECT_FALSE(stream->closed());
  const auto received = ids(stream->drain());
  EXPECT_EQ(received.size(), static_cast<std::size_t>(kThreads * kPerThread));
  EXPECT_EQ(std::set<std::int64_t>(received.begin(), received.end()).size(), received.size());
}

}  // namespace
}  // namespace parc::server::feed
