// Conformance: device listing, filters, pagination, hostile search text, scope.
#include <set>

#include "tests/server/store/store_conformance.h"

namespace parc::server::testing {
namespace {

std::vector<std::string> hostnames(const std::vector<DeviceSummary>& devices) {
  std::multiset<std::string> sorted;
  for (const auto& device : devices) sorted.insert(device.hostname.value_or(""));
  return {sorted.begin(), sorted.end()};
}

TEST_P(StoreConformance, ListFiltersBySiteRoomKindStatus) {
  const EnrollResult laptop = enrollOk(token(a1_.id, 1, "B12"), Machine{std::nullopt, "SN-1", "laptop-b12", {}});
  enrollOk(token(a1_.id, 1, "B13"), Machine{std::nullopt, "SN-2", "desktop-b13", {}});
  enrollOk(token(a2_.id), Machine{std::nullopt, "SN-3", "desktop-a2", {}});
  ingestOk(laptop, fullReport(1, sampleInventory("laptop-b12")));

  DeviceFilter filter;
  filter.site_id = a1_.id;
  EXPECT_EQ(hostnames(allDevices(Scope::everything(), filter)),
            (std::vector<std::string>{"desktop-b13", "laptop-b12"}));
  filter = {};
  filter.room = "B13";
  EXPECT_EQ(hostnames(allDevices(Scope::everything(), filter)), (std::vector<std::string>{"desktop-b13"}));
  filter = {};
  filter.kind = "laptop";
  EXPECT_EQ(hostnames(allDevices(Scope::everything(), filter)), (std::vector<std::string>{"laptop-b12"}));
  filter = {};
  filter.status = "in_service";
  EXPECT_EQ(allDevices(Scope::everything(), filter).size(), 3u);
  filter.status = "retired";
  EXPECT_TRUE(allDevices(Scope::everything(), filter).empty());
  filter = {};
  filter.q = "TRAVELMATE";  // model, case-insensitive
  EXPECT_EQ(hostnames(allDevices(Scope::everything(), filter)), (std::vector<std::string>{"laptop-b12"}));
  filter.q = "SN-3";  // serial
  EXPECT_EQ(hostnames(allDevices(Scope::everything(), filter)), (std::vector<std::string>{"desktop-a2"}));
}

TEST_P(StoreConformance, PagesCoverEveryDeviceExactlyOnce) {
  const std::string secret = token(a1_.id, 23);
  for (int i = 0; i < 23; ++i) {
    enrollOk(secret, Machine{std::nullopt, "SERIAL-" + std::to_string(i), "pc-" + std::to_string(i), {}});
  }
  std::multiset<std::string> seen;
  DeviceFilter filter;
  filter.limit = 5;
  int pages = 0;
  while (true) {
    auto page = store_->listDevices(Scope::collectivity(a_.id), filter);
    ASSERT_TRUE(page.ok()) << page.error();
    ASSERT_LE(page->devices.size(), 5u);
    for (const auto& device : page->devices) seen.insert(device.id);
    ++pages;
    if (!page->next_cursor) break;
    filter.cursor = page->next_cursor;
    ASSERT_LT(pages, 10);
  }
  EXPECT_EQ(pages, 5);
  EXPECT_EQ(seen.size(), 23u);
  EXPECT_EQ(std::set<std::string>(seen.begin(), seen.end()).size(), 23u);
}

TEST_P(StoreConformance, LimitIsClampedAndBadCursorsAreRefused) {
  enrollNew(a1_.id, "one");
  enrollNew(a1_.id, "two");
  DeviceFilter filter;
  filter.limit = 0;
  auto page = store_->listDevices(Scope::everything(), filter);
  ASSERT_TRUE(page.ok());
  EXPECT_EQ(page->devices.size(), 1u);
  EXPECT_TRUE(page->next_cursor.has_value());
  filter.limit = 1'000'000;
  page = store_->listDevices(Scope::everything(), filter);
  ASSERT_TRUE(page.ok());
  EXPECT_EQ(page->devices.size(), 2u);
  EXPECT_FALSE(page->next_cursor.has_value());
  for (const char* cursor : {"", "zz", "c1", "c1abc", "c1zz", "' OR 1=1 --"}) {
    filter.cursor = cursor;
    EXPECT_FALSE(store_->listDevices(Scope::everything(), filter).ok()) << cursor;
  }
}

TEST_P(StoreConformance, SearchTextIsLiteralAndStoredVerbatim) {
  const std::vector<std::string> names{"'; DROP TABLE devices; --", "100%", "a_b", "axb", "back\\slash",
                                       "plain"};
  const std::string secret = token(a1_.id, static_cast<std::int64_t>(names.size()));
  for (std::size_t i = 0; i < names.size(); ++i) {
    enrollOk(secret, Machine{std::nullopt, "S-" + std::to_string(i), names[i], {}});
  }
  DeviceFilter filter;
  filter.q = "'; DROP TABLE devices; --";
  auto found = allDevices(Scope::everything(), filter);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].hostname, names[0]);  // byte-equal
  filter.q = "%";
  EXPECT_EQ(hostnames(allDevices(Scope::everything(), filter)), (std::vector<std::string>{"100%"}));
  filter.q = "_";
  EXPECT_EQ(hostnames(allDevices(Scope::everything(), filter)), (std::vector<std::string>{"a_b"}));
  filter.q = "\\";
  EXPECT_EQ(hostnames(allDevices(Scope::everything(), filter)), (std::vector<std::string>{"back\\slash"}));
  EXPECT_EQ(deviceCount(), names.size());
}

TEST_P(StoreConformance, AnotherCollectivitysDeviceLooksExactlyLikeAnUnknownOne) {
  const EnrollResult in_a = enrollNew(a1_.id, "in-a");
  const EnrollResult in_b = enrollNew(b1_.id, "in-b");
  ingestOk(in_b, fullReport(1, sampleInventory("in-b")));
  const Scope scope_a = Scope::collectivity(a_.id);

  EXPECT_EQ(hostnames(allDevices(scope_a)), (std::vector<std::string>{"in-a"}));
  DeviceFilter filter;
  filter.site_id = b1_.id;
  EXPECT_TRUE(allDevices(scope_a, filter).empty());
  filter = {};
  filter.q = "in-b";
  EXPECT_TRUE(allDevices(scope_a, filter).empty());

  EXPECT_FALSE(store_->getDevice(scope_a, in_b.device_id).has_value());
  EXPECT_FALSE(store_->getDevice(scope_a, "no-such-device").has_value());
  EXPECT_TRUE(store_->reportLog(scope_a, in_b.device_id).empty());
  EXPECT_TRUE(store_->reportLog(scope_a, "no-such-device").empty());

  EXPECT_TRUE(store_->getDevice(scope_a, in_a.device_id).has_value());
  EXPECT_TRUE(store_->getDevice(Scope::collectivity(b_.id), in_b.device_id).has_value());
  EXPECT_EQ(store_->reportLog(Scope::collectivity(b_.id), in_b.device_id).size(), 1u);
}

TEST_P(StoreConformance, SiteRestrictedScopeSeesOnlyItsSites) {
  enrollNew(a1_.id, "in-a1");
  const EnrollResult in_a2 = enrollNew(a2_.id, "in-a2");
  Scope only_a1 = Scope::collectivity(a_.id);
  only_a1.site_ids = {a1_.id};
  EXPECT_EQ(hostnames(allDevices(only_a1)), (std::vector<std::string>{"in-a1"}));
  EXPECT_FALSE(store_->getDevice(only_a1, in_a2.device_id).has_value());
  Scope foreign_site = Scope::collectivity(a_.id);
  foreign_site.site_ids = {b1_.id};
  EXPECT_TRUE(allDevices(foreign_site).empty());
  EXPECT_TRUE(allDevices(Scope{}).empty());
}

}  // namespace
}  // namespace parc::server::testing
