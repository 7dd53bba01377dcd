// The store's export read and import on a real SQLite file, and the paged export
// through an exporter: same devices as listDevices, scoped, idempotent re-import.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "server/export/inventory_columns.h"
#include "server/export/inventory_export.h"
#include "server/import/import_runner.h"
#include "server/store/sqlite/sqlite_store.h"

namespace parc::server {
namespace {

class StoreExportImport : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (std::filesystem::temp_directory_path() / "parc-export-XXXXXX").string();
    dir_ = ::mkdtemp(pattern.data());
    store_ = SqliteStore::open(dir_ / "parc.db").value();
    a_ = *store_->createCollectivity("Commune A");
    b_ = *store_->createCollectivity("Commune B");
    a1_ = *store_->createSite(a_.id, "École du Centre", std::nullopt);
    a2_ = *store_->createSite(a_.id, "École du Port", std::nullopt);
    b1_ = *store_->createSite(b_.id, "École de B", std::nullopt);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  imports::ImportReport import(const Collectivity& c, const std::string& text, bool dry_run = false) {
    auto report = imports::runImport(*store_, c.id, text, dry_run, systemNow());
    EXPECT_TRUE(report.ok()) << (report.ok() ? "" : report.error());
    return report.ok() ? *report : imports::ImportReport{};
  }

  std::vector<DeviceSummary> listAll(const Scope& scope, DeviceFilter filter = {}) {
    std::vector<DeviceSummary> out;
    filter.limit = 1000;
    while (true) {
      auto page = store_->listDevices(scope, filter);
      EXPECT_TRUE(page.ok());
      if (!page.ok()) return out;
      out.insert(out.end(), page->devices.begin(), page->devices.end());
      if (!page->next_cursor) return out;
      filter.cursor = page->next_cursor;
    }
  }

  // A device with an agent and a full inventory.
  std::string enrolledWithInventory() {
    NewEnrollmentToken token{.site_id = a1_.id, .room = "B12", .max_uses = 1,
                             .expires_at = systemNow() + std::chrono::hours(1)};
    const auto secret = store_->createEnrollmentToken(token)->secret;
    EnrollRequest request{.token = secret, .machine = {.uuid = std::nullopt, .serial = "PC-SERIAL-1",
                                                       .hostname = "b12-poste01", .macs = {}},
                          .agent_version = std::nullopt};
    const auto enrolled = *store_->enroll(request, systemNow());
    Inventory inventory;
    inventory.system.manufacturer = "Dell Inc.";
    inventory.system.model = "OptiPlex 7010";
    inventory.system.serial = "PC-SERIAL-1";
    inventory.system.chassis = "desktop";
    inventory.system.bios = Bios{.vendor = "Dell", .version = "A29", .date = "2018-06-20", .extra = {}};
    inventory.os.hostname = "b12-poste01";
    inventory.os.name = "Debian GNU/Linux 12";
    Cpu cpu;
    cpu.model = "Intel(R) Core(TM) i5-3470";
    cpu.threads = 4;
    inventory.cpus = {cpu};
    inventory.memory.total_bytes = 8LL * 1024 * 1024 * 1024;
    Disk ssd{.name = "sda", .model = {}, .serial = {}, .vendor = {}, .firmware = {}, .transport = {},
             .size_bytes = 256060514304LL, .rotational = false, .removable = false, .extra = {}};
    Disk usb = ssd;
    usb.name = "sdb";
    usb.size_bytes = 32000000000LL;
    usb.removable = true;
    inventory.disks = {ssd, usb};
    Report report;
    report.kind = ReportKind::kFull;
    report.seq = 1;
    report.collected_at = "2026-11-23T08:00:03Z";
    report.inventory = inventory;
    AgentIdentity agent{enrolled.agent_id, enrolled.device_id, a1_.id, a_.id};
    EXPECT_TRUE(store_->ingest(agent, report, systemNow()).ok());
    return enrolled.device_id;
  }

  std::filesystem::path dir_;
  std::unique_ptr<SqliteStore> store_;
  Collectivity a_, b_;
  Site a1_, a2_, b1_;
};

constexpr const char* kBoards =
    "site;room;kind;manufacturer;model;serial;name\n"
    "École du Centre;B12;whiteboard;Promethean;ActivBoard;PRM-1;\n"
    "École du Centre;B13;projector;Epson;EB-680;;VP B13\n"
    "École du Port;;document-camera;IPEVO;V4K;IPV-9;\n";

TEST_F(StoreExportImport, DryRunCountsAndChangesNothing) {
  const auto report = import(a_, kBoards, /*dry_run=*/true);
  EXPECT_FALSE(report.applied);
  EXPECT_EQ(report.outcome.created, 3u);
  EXPECT_TRUE(listAll(Scope::everything()).empty());
}

TEST_F(StoreExportImport, ReimportingTheSameFileChangesNothing) {
  auto first = import(a_, kBoards);
  EXPECT_TRUE(first.applied);
  EXPECT_EQ(first.outcome.created, 3u);
  const auto before = listAll(Scope::everything());
  ASSERT_EQ(before.size(), 3u);
  auto second = import(a_, kBoards);
  EXPECT_EQ(second.outcome.created, 0u);
  EXPECT_EQ(second.outcome.updated, 0u);
  EXPECT_EQ(second.outcome.unchanged, 3u);
  const auto after = listAll(Scope::everything());
  ASSERT_EQ(after.size(), before.size());
  for (std::size_t i = 0; i < after.size(); ++i) {
    EXPECT_EQ(after[i].id, before[i].id);
    EXPECT_EQ(after[i].room, before[i].room);
    EXPECT_EQ(after[i].status, before[i].status);
  }
  // A moved board is updated in place, not duplicated.
  auto moved = import(a_, "site;room;kind;serial;status\nÉcole du Port;A1;whiteboard;PRM-1;in_repair\n");
  EXPECT_EQ(moved.outcome.updated, 1u);
  const auto boards = listAll(Scope::everything(), DeviceFilter{.kind = "whiteboard"});
  ASSERT_EQ(boards.size(), 1u);
  EXPECT_EQ(boards[0].site_id, a2_.id);
  EXPECT_EQ(boards[0].room, "A1");
  EXPECT_EQ(boards[0].status, "in_repair");
}

TEST_F(StoreExportImport, AFileWithARejectedLineImportsNothing) {
  const auto report = import(a_, std::string(kBoards) + "École inconnue;;whiteboard;;;X;\n");
  EXPECT_FALSE(report.applied);
  ASSERT_EQ(report.plan.rejections.size(), 1u);
  EXPECT_EQ(report.plan.rejections[0].line, 5u);
  EXPECT_TRUE(listAll(Scope::everything()).empty());
}

TEST_F(StoreExportImport, AnotherCollectivitysSitesAreUnknown) {
  const auto report = import(b_, kBoards);
  EXPECT_EQ(report.plan.rejections.size(), 3u);
  EXPECT_TRUE(listAll(Scope::everything()).empty());
  EXPECT_FALSE(store_->importDevices(b_.id, {ImportedDevice{.line = 2, .site_id = a1_.id, .room = {},
                                                            .kind = "printer", .status = "in_service",
                                                            .manufacturer = {}, .model = {},
                                                            .serial = "P1", .hostname = {}}},
                                     false, systemNow())
                   .ok());
  EXPECT_FALSE(imports::runImport(*store_, "no-such-collectivity", kBoards, true, systemNow()).ok());
}

TEST_F(StoreExportImport, ExportRowsCarryTheInventoryFigures) {
  const std::string pc = enrolledWithInventory();
  import(a_, kBoards);
  auto page = store_->listDeviceExport(Scope::collectivity(a_.id), DeviceFilter{.limit = 100});
  ASSERT_TRUE(page.ok());
  ASSERT_EQ(page->rows.size(), 4u);
  const auto row = std::find_if(page->rows.begin(), page->rows.end(),
                                [&](const DeviceExportRow& r) { return r.summary.id == pc; });
  ASSERT_NE(row, page->rows.end());
  EXPECT_EQ(row->cpu, "Intel(R) Core(TM) i5-3470");
  EXPECT_EQ(row->cpu_threads, 4);
  EXPECT_EQ(row->memory_bytes, 8LL * 1024 * 1024 * 1024);
  EXPECT_EQ(row->disk_bytes, 256060514304LL);  // the removable disk is not counted
  EXPECT_EQ(row->bios_date, "2018-06-20");

  const exports::Row cells = exports::inventoryRow(*row, exports::Date{2024, 6, 19});
  const auto& columns = exports::inventoryColumns();
  const auto column = [&](std::string_view name) {
    const auto it = std::find_if(columns.begin(), columns.end(), [&](const auto& c) { return c.name == name; });
    return cells.at(static_cast<std::size_t>(it - columns.begin()));
  };
  EXPECT_EQ(std::get<std::int64_t>(column("memory_mib")), 8192);
  EXPECT_EQ(std::get<std::int64_t>(column("disk_gb")), 256);
  EXPECT_EQ(std::get<std::int64_t>(column("bios_age_years")), 5);  // one day short of 6
  EXPECT_EQ(std::get<std::string>(column("site")), "École du Centre");
}

TEST_F(StoreExportImport, PagedExportHasExactlyTheListedDevicesOfTheScope) {
  std::string text = "site,room,kind,serial\n";
  for (int i = 0; i < 2500; ++i) {
    text += (i % 2 ? "École du Centre" : "École du Port") + std::string(",R") + std::to_string(i % 7) +
            ",tablet,TAB-" + std::to_string(i) + "\n";
  }
  ASSERT_TRUE(import(a_, text).applied);
  ASSERT_TRUE(import(b_, "site,kind,serial\nÉcole de B,laptop,B-1\n").applied);

  exports::InventoryExport job{.scope = Scope::collectivity(a_.id), .filter = DeviceFilter{.room = "R3"},
                               .today = exports::Date{2024, 1, 1}, .progress = {}};
  std::size_t pages = 0;
  job.progress = [&](std::size_t) { ++pages; };
  exports::StringSink sink;
  auto exporter = exports::makeExporter(exports::ExportOptions{.format = exports::Format::json}, sink);
  ASSERT_TRUE(exporter.ok());
  auto written = exports::exportInventory(*store_, job, **exporter);
  ASSERT_TRUE(written.ok()) << written.error();
  const auto exported = nlohmann::json::parse(sink.text());
  const auto listed = listAll(Scope::collectivity(a_.id), DeviceFilter{.room = "R3"});
  ASSERT_EQ(exported.size(), listed.size());
  EXPECT_EQ(*written, listed.size());
  for (std::size_t i = 0; i < listed.size(); ++i) {
    EXPECT_EQ(exported[i]["id"], listed[i].id);
    EXPECT_EQ(exported[i]["serial"], *listed[i].serial);
  }
  // Every collectivity A device in pages of 1000: 3 pages, B's device absent.
  job.filter = {};
  exports::StringSink all_sink;
  auto csv = exports::makeExporter(exports::ExportOptions{}, all_sink);
  pages = 0;
  ASSERT_EQ(*exports::exportInventory(*store_, job, **csv), 2500u);
  EXPECT_EQ(pages, 3u);
  EXPECT_EQ(all_sink.text().find("École de B"), std::string::npos);
  EXPECT_NE(all_sink.text().find("École du Port"), std::string::npos);
}

}  // namespace
}  // namespace parc::server
