// Conformance: the park as the dashboard reads and writes it — every sort key
// with keyset pages, the new filters and the total, devices added by hand, moves
// with history, facets, age pyramid, retirement suggestions, site overviews.
#include <algorithm>
#include <map>
#include <set>

#include "server/store/park_vocabulary.h"
#include "server/store/sqlite/sqlite_store.h"
#include "tests/server/store/store_conformance.h"
#include "tests/server/store/store_test_support.h"

namespace parc::server::testing {
namespace {

std::int64_t thisYear() {
  return static_cast<int>(std::chrono::year_month_day(std::chrono::floor<std::chrono::days>(systemNow())).year());
}

// A varied park by hand: some values missing, some repeated, two sites.
class StorePark : public StoreConformance {
 protected:
  std::vector<DeviceSummary> addVariedPark() {
    const char* makers[] = {"Dell", "HP", nullptr, "Dell", "Lenovo", "HP", nullptr};
    const char* models[] = {"OptiPlex", "ProDesk", "T14", nullptr, "T14", "ProDesk", "OptiPlex"};
    const char* rooms[] = {"B12", nullptr, "B12", "C01", "A03"};
    const char* kinds[] = {"desktop", "laptop", "projector", "whiteboard"};
    const char* statuses[] = {"in_service", "in_repair", "in_stock", "to_retire"};
    std::vector<DeviceSummary> out;
    for (int i = 0; i < 17; ++i) {
      NewDevice device;
      device.site_id = i % 3 == 0 ? a2_.id : a1_.id;
      device.kind = kinds[i % 4];
      device.status = statuses[i % 4];
      if (i % 5 != 4) device.hostname = "poste-" + std::to_string((i * 7) % 11);  // repeats on purpose
      if (makers[i % 7]) device.manufacturer = makers[i % 7];
      if (models[i % 7]) device.model = models[i % 7];
      if (rooms[i % 5]) device.room = rooms[i % 5];
      if (i % 4 != 3) device.built_year = thisYear() - (i % 12);
      device.actor = "test";
      auto created = store_->createDevice(Scope::collectivity(a_.id), device);
      EXPECT_TRUE(created.ok()) << created.error();
      out.push_back(*created);  // os is left to agents (see AgentsSetBuiltYear...)
    }
    return out;
  }

  std::vector<DeviceSummary> pages(DeviceFilter filter, std::int64_t page_size, std::int64_t* total = nullptr) {
    filter.limit = page_size;
    std::vector<DeviceSummary> out;
    for (int guard = 0; guard < 100; ++guard) {
      auto page = store_->listDevices(Scope::collectivity(a_.id), filter);
      EXPECT_TRUE(page.ok()) << page.error();
      if (!page.ok()) break;
      if (total) *total = page->total;
      out.insert(out.end(), page->devices.begin(), page->devices.end());
      if (!page->next_cursor) break;
      filter.cursor = page->next_cursor;
    }
    return out;
  }
};

// The sort value as the contract orders it: NULL first ascending.
OptString textKey(const DeviceSummary& d, DeviceSort key) {
  switch (key) {
    case DeviceSort::hostname: return d.hostname;
    case DeviceSort::kind: return d.kind;
    case DeviceSort::status: return d.status;
    case DeviceSort::manufacturer: return d.manufacturer;
    case DeviceSort::model: return d.model;
    case DeviceSort::os: return d.os;
    case DeviceSort::last_seen_at: return d.last_seen_at;
    case DeviceSort::site: return d.site_name;
    case DeviceSort::room: return d.room;
    case DeviceSort::age: return std::nullopt;
  }
  return std::nullopt;
}

// -1, 0, 1 comparing a and b on `key`, ascending, NULL smallest.
int compareOn(const DeviceSummary& a, const DeviceSummary& b, DeviceSort key) {
  if (key == DeviceSort::age) {  // age ascending: built_year descending, unknown last
    const OptInt x = a.built_year, y = b.built_year;
    if (x == y) return 0;
    if (!x) return 1;
    if (!y) return -1;
    return *x > *y ? -1 : 1;
  }
  const OptString x = textKey(a, key), y = textKey(b, key);
  if (x == y) return 0;
  if (!x) return -1;
  if (!y) return 1;
  return *x < *y ? -1 : 1;
}

std::vector<std::string> expectedOrder(std::vector<DeviceSummary> devices, DeviceSort key, bool descending) {
  std::sort(devices.begin(), devices.end(), [&](const DeviceSummary& a, const DeviceSummary& b) {
    int c = compareOn(a, b, key);
    // Ties go by id in the column's own direction (age ascending is built_year descending).
    if (c == 0) c = (a.id < b.id ? -1 : (a.id == b.id ? 0 : 1)) * (key == DeviceSort::age ? -1 : 1);
    return descending ? c > 0 : c < 0;
  });
  std::vector<std::string> ids;
  for (const auto& d : devices) ids.push_back(d.id);
  return ids;
}

std::vector<std::string> idsOf(const std::vector<DeviceSummary>& devices) {
  std::vector<std::string> ids;
  for (const auto& d : devices) ids.push_back(d.id);
  return ids;
}

TEST_P(StorePark, EverySortKeyPagesInOrderWithTheTotal) {
  const auto devices = addVariedPark();
  const DeviceSort keys[] = {DeviceSort::hostname, DeviceSort::kind, DeviceSort::status, DeviceSort::manufacturer,
                             DeviceSort::model, DeviceSort::os, DeviceSort::last_seen_at, DeviceSort::age,
                             DeviceSort::site, DeviceSort::room};
  for (const DeviceSort key : keys) {
    for (const bool descending : {false, true}) {
      for (const std::int64_t page_size : {1, 4, 100}) {
        DeviceFilter filter;
        filter.sort = key;
        filter.descending = descending;
        std::int64_t total = -1;
        const auto listed = pages(filter, page_size, &total);
        EXPECT_EQ(idsOf(listed), expectedOrder(devices, key, descending))
            << sortName(key) << (descending ? " desc" : " asc") << " pages of " << page_size;
        EXPECT_EQ(total, static_cast<std::int64_t>(devices.size()));
      }
    }
  }
}

TEST_P(StorePark, CursorsStayPutWhenRowsAreAddedBeforeThem) {
  addVariedPark();
  DeviceFilter filter;
  filter.sort = DeviceSort::hostname;
  filter.limit = 5;
  auto first = store_->listDevices(Scope::collectivity(a_.id), filter);
  ASSERT_TRUE(first.ok());
  ASSERT_TRUE(first->next_cursor);
  const std::string last_hostname = first->devices.back().hostname.value_or("");
  // A device sorting before the cursor appears: the next page does not repeat anything.
  NewDevice early{.site_id = a1_.id, .kind = "desktop"};
  early.hostname = "a-first";
  ASSERT_TRUE(store_->createDevice(Scope::collectivity(a_.id), early).ok());
  filter.cursor = first->next_cursor;
  auto second = store_->listDevices(Scope::collectivity(a_.id), filter);
  ASSERT_TRUE(second.ok());
  const auto first_ids = idsOf(first->devices);
  const std::set<std::string> seen(first_ids.begin(), first_ids.end());
  for (const auto& d : second->devices) {
    EXPECT_FALSE(seen.count(d.id)) << "repeated " << d.id;
    EXPECT_GE(d.hostname.value_or(""), last_hostname);
  }
}

TEST_P(StorePark, CursorsOfAnotherSortAndGarbageAreRefused) {
  addVariedPark();
  DeviceFilter filter;
  filter.limit = 2;
  filter.sort = DeviceSort::model;
  auto page = store_->listDevices(Scope::collectivity(a_.id), filter);
  ASSERT_TRUE(page.ok());
  ASSERT_TRUE(page->next_cursor);
  DeviceFilter other = filter;
  other.cursor = page->next_cursor;
  other.descending = true;
  EXPECT_FALSE(store_->listDevices(Scope::collectivity(a_.id), other).ok());
  other.descending = false;
  other.sort = DeviceSort::hostname;
  EXPECT_FALSE(store_->listDevices(Scope::collectivity(a_.id), other).ok());
  for (const char* garbage : {"", "c2", "c2zz", "c1616263", "c2616263", "c2ff", "\x01\x02",
                              "c26d6f64656c3a611f1f"}) {
    filter.cursor = garbage;
    EXPECT_FALSE(store_->listDevices(Scope::collectivity(a_.id), filter).ok()) << garbage;
  }
}

TEST_P(StorePark, FiltersCombineAndTheTotalCountsThem) {
  const auto devices = addVariedPark();
  const std::int64_t year = thisYear();
  const auto check = [&](DeviceFilter filter, const std::function<bool(const DeviceSummary&)>& keep) {
    std::vector<DeviceSummary> expected;
    std::copy_if(devices.begin(), devices.end(), std::back_inserter(expected), keep);
    std::int64_t total = -1;
    const auto listed = pages(filter, 3, &total);
    EXPECT_EQ(idsOf(listed), expectedOrder(expected, DeviceSort::hostname, false));
    EXPECT_EQ(total, static_cast<std::int64_t>(expected.size()));
  };
  DeviceFilter filter;
  filter.manufacturer = "Dell";
  check(filter, [](const DeviceSummary& d) { return d.manufacturer == "Dell"; });
  filter = {};
  filter.model = "T14";
  filter.kind = "laptop";
  check(filter, [](const DeviceSummary& d) { return d.model == "T14" && d.kind == "laptop"; });
  filter = {};
  filter.age_min = 3;
  check(filter, [&](const DeviceSummary& d) { return d.built_year && year - *d.built_year >= 3; });
  filter.age_max = 6;
  check(filter, [&](const DeviceSummary& d) {
    return d.built_year && year - *d.built_year >= 3 && year - *d.built_year <= 6;
  });
  filter = {};
  filter.os = "Debian GNU/Linux 12";  // no device of this park has os
  check(filter, [](const DeviceSummary&) { return false; });
  filter = {};
  filter.site_id = a2_.id;
  filter.status = "to_retire";
  check(filter, [&](const DeviceSummary& d) { return d.site_id == a2_.id && d.status == "to_retire"; });
  filter = {};
  filter.manufacturer = "'; DROP TABLE devices; --";
  check(filter, [](const DeviceSummary&) { return false; });
}

TEST_P(StorePark, AgentsSetBuiltYearAndSourceAndOsFilterWorks) {
  const EnrollResult enrolled = enrollNew(a1_.id, "pc-agent");
  Inventory inventory = sampleInventory("pc-agent");
  inventory.system.bios = Bios{.vendor = "Acer", .version = "1.0", .date = "2019-03-04", .extra = {}};
  inventory.system.chassis = "mini-pc";
  ingestOk(enrolled, fullReport(1, inventory));
  const auto detail = store_->getDevice(Scope::everything(), enrolled.device_id);
  ASSERT_TRUE(detail);
  EXPECT_EQ(detail->summary.built_year, OptInt(2019));
  EXPECT_EQ(detail->summary.source, "agent");
  EXPECT_EQ(detail->summary.kind, "mini_pc");
  ASSERT_TRUE(detail->summary.os);
  DeviceFilter filter;
  filter.os = *detail->summary.os;
  const auto listed = allDevices(Scope::everything(), filter);
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_EQ(listed[0].id, enrolled.device_id);
}

TEST_P(StorePark, ManualDevicesStayInsideTheScope) {
  NewDevice device{.site_id = b1_.id, .kind = "projector"};
  EXPECT_EQ(store_->createDevice(Scope::collectivity(a_.id), device).error(), "not_found");
  device.site_id = a1_.id;
  device.serial = "PJ-1";
  device.built_year = 2015;
  auto created = store_->createDevice(Scope::collectivity(a_.id), device);
  ASSERT_TRUE(created.ok()) << created.error();
  EXPECT_EQ(created->source, "manual");
  EXPECT_EQ(created->built_year, OptInt(2015));
  EXPECT_EQ(created->serial, OptString("PJ-1"));
  EXPECT_EQ(created->status, OptString("in_service"));
  EXPECT_FALSE(store_->getDevice(Scope::collectivity(b_.id), created->id));
  DevicePatch patch;
  patch.status = "in_repair";
  EXPECT_EQ(store_->updateDevice(Scope::collectivity(b_.id), created->id, patch, now_).error(), "not_found");
}

TEST_P(StorePark, MovesAndStatusChangesKeepTheDeviceAndAddHistory) {
  NewDevice device{.site_id = a1_.id, .kind = "whiteboard"};
  device.room = "B12";
  const auto created = store_->createDevice(Scope::collectivity(a_.id), device).value();
  DevicePatch patch;
  patch.site_id = a2_.id;
  patch.room = "C01";
  patch.status = "reusable";
  patch.built_year = 2012;
  const auto moved = store_->updateDevice(Scope::collectivity(a_.id), created.id, patch, now_);
  ASSERT_TRUE(moved.ok()) << moved.error();
  EXPECT_EQ(moved->id, created.id);
  EXPECT_EQ(moved->site_id, a2_.id);
  EXPECT_EQ(moved->room, OptString("C01"));
  EXPECT_EQ(moved->status, OptString("reusable"));
  EXPECT_EQ(moved->built_year, OptInt(2012));
  const auto history = store_->getDevice(Scope::everything(), created.id)->history;
  std::map<std::string, ComponentChange> by_component;
  for (const auto& change : history) by_component[change.component] = change;
  ASSERT_TRUE(by_component.count("location"));
  EXPECT_EQ(by_component["location"].change, "moved");
  EXPECT_EQ(by_component["location"].before, OptString(a1_.name + " / B12"));
  EXPECT_EQ(by_component["location"].after, OptString(a2_.name + " / C01"));
  EXPECT_EQ(by_component["location"].at, formatRfc3339(now_));
  ASSERT_TRUE(by_component.count("status"));
  EXPECT_EQ(by_component["status"].before, OptString("in_service"));
  EXPECT_EQ(by_component["status"].after, OptString("reusable"));

  // Another collectivity's site is unknown; nothing changes.
  patch = {};
  patch.site_id = b1_.id;
  EXPECT_EQ(store_->updateDevice(Scope::everything(), created.id, patch, now_).error(), "not_found: site");
  // Clearing the room and the year; a patch changing nothing adds no history.
  patch = {};
  patch.clear_room = true;
  patch.clear_built_year = true;
  const auto cleared = store_->updateDevice(Scope::collectivity(a_.id), created.id, patch, now_).value();
  EXPECT_FALSE(cleared.room);
  EXPECT_FALSE(cleared.built_year);
  const std::size_t entries = store_->getDevice(Scope::everything(), created.id)->history.size();
  EXPECT_EQ(entries, 3u);  // two moves, one status change
  patch = {};
  patch.kind = "flat_panel";
  ASSERT_TRUE(store_->updateDevice(Scope::collectivity(a_.id), created.id, patch, now_).ok());
  EXPECT_EQ(store_->getDevice(Scope::everything(), created.id)->history.size(), entries);
}

TEST_P(StorePark, FacetsAgePyramidSuggestionsAndSites) {
  const auto devices = addVariedPark();
  const std::int64_t year = thisYear();
  auto facets = store_->deviceFacets(Scope::collectivity(a_.id), std::nullopt);
  ASSERT_TRUE(facets.ok());
  std::set<std::string> makers, rooms;
  for (const auto& d : devices) {
    if (d.manufacturer) makers.insert(*d.manufacturer);
    if (d.room) rooms.insert(*d.room);
  }
  EXPECT_EQ(facets->manufacturers, std::vector<std::string>(makers.begin(), makers.end()));
  EXPECT_EQ(facets->rooms, std::vector<std::string>(rooms.begin(), rooms.end()));
  EXPECT_TRUE(store_->deviceFacets(Scope::collectivity(b_.id), std::nullopt)->manufacturers.empty());

  auto pyramid = store_->agePyramid(Scope::collectivity(a_.id), std::nullopt, systemNow());
  ASSERT_TRUE(pyramid.ok());
  ASSERT_EQ(pyramid->size(), 2u);
  std::map<std::string, std::vector<std::int64_t>> expected;
  std::map<std::string, std::int64_t> unknown;
  for (const auto& d : devices) {
    auto& buckets = expected[d.site_id];
    buckets.resize(11, 0);
    if (d.status == "retired") continue;
    if (!d.built_year) {
      unknown[d.site_id] += 1;
    } else {
      buckets[static_cast<std::size_t>(std::min<std::int64_t>(10, year - *d.built_year))] += 1;
    }
  }
  for (const SiteAges& site : *pyramid) {
    EXPECT_EQ(site.buckets, expected[site.site_id]) << site.site_name;
    EXPECT_EQ(site.unknown, unknown[site.site_id]);
  }

  auto suggestions = store_->retireSuggestions(Scope::collectivity(a_.id), std::nullopt, 7, systemNow());
  ASSERT_TRUE(suggestions.ok());
  std::vector<DeviceSummary> old;
  for (const auto& d : devices) {
    if (d.built_year && year - *d.built_year >= 7 && d.status != "to_retire") old.push_back(d);
  }
  ASSERT_EQ(suggestions->size(), old.size());
  for (std::size_t i = 0; i < suggestions->size(); ++i) {
    EXPECT_EQ((*suggestions)[i].reasons, std::vector<std::string>{"age"});
    if (i > 0) EXPECT_LE((*suggestions)[i - 1].device.built_year, (*suggestions)[i].device.built_year);
  }

  ASSERT_TRUE(store_->setSiteProfile(a1_.id, "school", "1 rue de l'École").ok());
  EXPECT_FALSE(store_->setSiteProfile("no-such-site", "school", std::nullopt).ok());
  auto sites = store_->siteOverviews(Scope::collectivity(a_.id), std::nullopt, systemNow());
  ASSERT_TRUE(sites.ok());
  ASSERT_EQ(sites->size(), 2u);
  for (const SiteOverview& site : *sites) {
    const auto count = std::count_if(devices.begin(), devices.end(),
                                     [&](const DeviceSummary& d) { return d.site_id == site.site.id; });
    EXPECT_EQ(site.device_count, count);
    EXPECT_EQ(site.collectivity_name, a_.name);
    if (site.site.id == a1_.id) {
      EXPECT_EQ(site.site.kind, OptString("school"));
      EXPECT_EQ(site.site.address, OptString("1 rue de l'École"));
    }
  }
  auto overview = store_->parkOverview(Scope::collectivity(a_.id), std::nullopt, systemNow());
  ASSERT_TRUE(overview.ok());
  EXPECT_EQ(overview->total_devices, static_cast<std::int64_t>(devices.size()));
  EXPECT_EQ(store_->parkOverview(Scope::collectivity(b_.id), std::nullopt, systemNow())->total_devices, 0);
}

INSTANTIATE_TEST_SUITE_P(Sqlite, StorePark, ::testing::Values(StoreImplementation{"sqlite", openSqliteStore}),
                         implementationName);

}  // namespace
}  // namespace parc::server::testing
