// The device list at 100,000 devices: first page, a deep page through the cursor,
// filters with sorts, facets. Prints the median of each over a few runs.
//   park-list [DEVICES]   (default 100000; the database lives in a temp directory)
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <string>
#include <unistd.h>
#include <vector>

#include "server/store/sqlite/sqlite_store.h"

using namespace parc;
using namespace parc::server;

namespace {

constexpr int kRuns = 7;

double medianMs(const std::function<void()>& work) {
  std::vector<double> times;
  for (int i = 0; i < kRuns; ++i) {
    const auto start = std::chrono::steady_clock::now();
    work();
    times.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
  }
  std::sort(times.begin(), times.end());
  return times[times.size() / 2];
}

void populate(Store& store, const std::string& collectivity_id, const std::vector<std::string>& sites, int count) {
  const char* makers[] = {"Dell", "HP", "Lenovo", "Acer", "Epson", "Fujitsu"};
  const char* kinds[] = {"desktop", "laptop", "projector", "whiteboard", "tablet"};
  std::vector<ImportedDevice> batch;
  for (int i = 0; i < count; ++i) {
    ImportedDevice device;
    device.line = static_cast<std::size_t>(i);
    device.site_id = sites[static_cast<std::size_t>(i) % sites.size()];
    device.kind = kinds[i % 5];
    device.status = i % 17 == 0 ? "in_repair" : "in_service";
    device.manufacturer = makers[i % 6];
    device.model = "Model " + std::to_string(i % 40);
    device.room = "Salle " + std::to_string(i % 30);
    device.serial = "SN" + std::to_string(i);
    device.hostname = "poste-" + std::to_string((i * 7919) % count);
    if (i % 9 != 0) device.built_year = 2010 + i % 16;
    batch.push_back(std::move(device));
    if (batch.size() == 5000) {
      if (!store.importDevices(collectivity_id, batch, false, systemNow())) std::exit(1);
      batch.clear();
    }
  }
  if (!batch.empty() && !store.importDevices(collectivity_id, batch, false, systemNow())) std::exit(1);
}

}  // namespace

int main(int argc, char** argv) {
  const int count = argc > 1 ? std::stoi(argv[1]) : 100000;
  const auto dir = std::filesystem::temp_directory_path() / ("park-list-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  auto opened = SqliteStore::open(dir / "parc.db");
  if (!opened) return 1;
  Store& store = **opened;
  const auto collectivity = store.createCollectivity("Bench").value();
  std::vector<std::string> sites;
  for (int i = 0; i < 20; ++i) sites.push_back(store.createSite(collectivity.id, "Site " + std::to_string(i), "B")->id);
  populate(store, collectivity.id, sites, count);
  const Scope scope = Scope::collectivity(collectivity.id);

  const auto list = [&](DeviceFilter filter) {
    return [&store, &scope, filter] {
      if (!store.listDevices(scope, filter)) std::exit(2);
    };
  };
  DeviceFilter first;
  std::printf("devices: %d, %d runs each, median ms\n", count, kRuns);
  std::printf("  first page (100, sort hostname, total):        %8.2f\n", medianMs(list(first)));
  DeviceFilter deep;
  deep.limit = 500;
  for (int i = 0; i < 100; ++i) deep.cursor = store.listDevices(scope, deep)->next_cursor;  // 50,000 in
  std::printf("  page 101 of 500 through the cursor:             %8.2f\n", medianMs(list(deep)));
  DeviceFilter dell;
  dell.manufacturer = "Dell";
  dell.sort = DeviceSort::age;
  dell.descending = true;
  std::printf("  manufacturer=Dell sort=-age:                    %8.2f\n", medianMs(list(dell)));
  DeviceFilter aged;
  aged.age_min = 7;
  aged.kind = "laptop";
  aged.sort = DeviceSort::site;
  std::printf("  age_min=7 kind=laptop sort=site:                %8.2f\n", medianMs(list(aged)));
  DeviceFilter search;
  search.q = "poste-4242";
  search.sort = DeviceSort::model;
  std::printf("  q=poste-4242 sort=model:                        %8.2f\n", medianMs(list(search)));
  DeviceFilter one_site;
  one_site.site_id = sites[3];
  one_site.sort = DeviceSort::room;
  std::printf("  site=… sort=room:                               %8.2f\n", medianMs(list(one_site)));
  std::printf("  facets:                                         %8.2f\n",
              medianMs([&] { (void)store.deviceFacets(scope, std::nullopt); }));
  std::printf("  overview:                                       %8.2f\n",
              medianMs([&] { (void)store.parkOverview(scope, std::nullopt, systemNow()); }));
  opened->reset();
  std::filesystem::remove_all(dir);
  return 0;
}
