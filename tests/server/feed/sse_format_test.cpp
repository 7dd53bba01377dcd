// The SSE text and the resume point, from tables of inputs including hostile ones.

#include "server/feed/sse_format.h"

#include <gtest/gtest.h>

#include <vector>

namespace parc::server::feed {
namespace {

TEST(SseFormat, AnEventIsIdTypeAndData) {
  AlertEvent e;
  e.id = 42;
  e.type = "opened";
  e.payload_json = R"({"rule":"disk.smart_failed"})";
  EXPECT_EQ(formatSseEvent(e), "id: 42\nevent: opened\ndata: {\"rule\":\"disk.smart_failed\"}\n\n");
}

TEST(SseFormat, LineBreaksNeverEndAFieldEarly) {
  AlertEvent e;
  e.id = 7;
  e.type = "note\n\nid: 1";
  e.payload_json = "{\"a\":1,\r\n\"b\":2}\n";
  const std::string text = formatSseEvent(e);
  EXPECT_EQ(text, "id: 7\nevent: note  id: 1\ndata: {\"a\":1,\ndata: \"b\":2}\ndata: \n\n");
  EXPECT_EQ(text.find("\n\n"), text.size() - 2) << "one event, one blank line";
}

TEST(SseFormat, PingIsAComment) { EXPECT_EQ(formatSsePing().front(), ':'); }

TEST(LastEventId, HeaderWinsOverQuery) {
  const std::string query = "5";
  auto id = parseLastEventId("12", &query);
  ASSERT_TRUE(id);
  EXPECT_EQ(*id, std::optional<std::int64_t>(12));
  id = parseLastEventId("", &query);
  ASSERT_TRUE(id);
  EXPECT_EQ(*id, std::optional<std::int64_t>(5));
  id = parseLastEventId(" 0 ", nullptr);
  ASSERT_TRUE(id);
  EXPECT_EQ(*id, std::optional<std::int64_t>(0));
}

TEST(LastEventId, AbsentMeansLiveOnly) {
  const auto id = parseLastEventId("", nullptr);
  ASSERT_TRUE(id);
  EXPECT_FALSE(id->has_value());
}

TEST(LastEventId, HostileValuesAreRefused) {
  for (const std::string bad : std::vector<std::string>{"-1", "abc", "1e3", "12abc", "99999999999999999999999", "0x10",
                                std::string("1\0", 2), "１２", "1 2"}) {
    EXPECT_FALSE(parseLastEventId(bad, nullptr)) << bad;
    EXPECT_FALSE(parseLastEventId("", &bad)) << bad;
  }
  EXPECT_NE(parseLastEventId("x", nullptr).error().find("Last-Event-ID"), std::string::npos);
}

TEST(EventScope, CollectivityAndSites) {
  AlertEvent e;
  e.collectivity_id = "A";
  e.site_id = "a1";
  EXPECT_TRUE(eventInScope(Scope::everything(), e));
  EXPECT_TRUE(eventInScope(Scope::collectivity("A"), e));
  EXPECT_FALSE(eventInScope(Scope::collectivity("B"), e));
  EXPECT_FALSE(eventInScope(Scope{}, e));
  Scope sites = Scope::collectivity("A");
  sites.site_ids = {"a2"};
  EXPECT_FALSE(eventInScope(sites, e));
  sites.site_ids.push_back("a1");
  EXPECT_TRUE(eventInScope(sites, e));
}

}  // namespace
}  // namespace parc::server::feed
