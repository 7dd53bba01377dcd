#include "shared/report_json.h"

#include <gtest/gtest.h>

#include <string>

namespace parc {
namespace {

// The protocol's own example full report (protocol.md), with an unknown field at
// three depths to check they survive.
constexpr const char* kFullReport = R"json({
 "schema": "parc.report/1", "kind": "full",
 "agent": {"id": "a-1", "version": "0.3.0"}, "seq": 42,
 "collected_at": "2026-11-23T08:00:03Z", "inventory_hash": "sha256:00",
 "future_top": {"x": [1, 2]},
 "inventory": {
   "system": {"manufacturer": "Acer", "model": "TravelMate B118-RN", "serial": "NXVHPEF0",
              "uuid": "3c1f8a52-0000-0000-0000-000000000001", "chassis": "convertible",
              "bios": {"vendor": "Insyde", "version": "1.10", "date": "2020-06-03", "future_bios": true}},
   "os": {"name": "Debian GNU/Linux 12 (bookworm)", "kernel": "6.1.0-26-amd64", "arch": "x86_64", "hostname": "salle-b12-poste03"},
   "cpus": [{"model": "Intel(R) Celeron(R) N4100 CPU @ 1.10GHz", "cores": 4, "threads": 4, "mhz": 1100.0}],
   "memory": {"total_bytes": 4294967296, "modules": [{"slot": "DIMM A", "size_bytes": 4294967296}]},
   "disks": [{"name": "mmcblk0", "size_bytes": 64021856256, "rotational": false, "future_disk": "kept"}],
   "filesystems": [], "network": [{"name": "wlan0", "mac": "a4:bb:6d:01:02:03", "addresses": ["10.0.0.5"]}],
   "batteries": [], "usb": [{"vendor_id": "0b8c", "product_id": "0001", "class": "whiteboard"}],
   "displays": [], "projectors": [], "software": [{"name": "bash", "version": "5.2.15-2+b2"}]},
 "state": {"uptime_s": 5231,
   "disks": [{"name": "mmcblk0", "smart": {"passed": true, "reallocated": 0, "percentage_used": null}}],
   "batteries": [{"name": "BAT0", "health_pct": 94.8, "cycles": 212, "status": "Discharging"}],
   "projectors": [{"address": "10.12.3.40", "reachable": true, "power": "on",
                   "errors": {"fan": "ok", "lamp": "error"}, "lamp_hours": [2810], "filter_hours": 230}]},
 "collectors": [{"name": "smart", "status": "ok", "ms": 41}, {"name": "battery", "status": "no_data"}]
})json";

TEST(ReportJson, DecodesTheProtocolExample) {
  auto report = decodeReport(kFullReport);
  ASSERT_TRUE(report.ok()) << report.error();
  EXPECT_EQ(report->kind, ReportKind::kFull);
  EXPECT_EQ(report->seq, 42u);
  EXPECT_EQ(report->agent.id, "a-1");
  ASSERT_TRUE(report->inventory);
  EXPECT_EQ(report->inventory->system.model, "TravelMate B118-RN");
  EXPECT_EQ(report->inventory->system.bios->date, "2020-06-03");
  EXPECT_EQ(report->inventory->memory.modules.at(0).size_bytes, 4294967296);
  EXPECT_EQ(report->inventory->network.at(0).addresses, std::vector<std::string>{"10.0.0.5"});
  EXPECT_EQ(report->state.batteries.at(0).health_pct, 94.8);
  EXPECT_FALSE(report->state.disks.at(0).smart->percentage_used.has_value());
  EXPECT_EQ(report->state.projectors.at(0).lamp_hours, std::vector<std::int64_t>{2810});
  EXPECT_EQ(report->collectors.at(1).status, "no_data");
}

TEST(ReportJson, KeepsUnknownFieldsThroughARoundTrip) {
  auto first = decodeReport(kFullReport);
  ASSERT_TRUE(first.ok()) << first.error();
  EXPECT_EQ(first->extra.at("future_top"), R"({"x":[1,2]})");
  EXPECT_EQ(first->inventory->system.bios->extra.at("future_bios"), "true");
  EXPECT_EQ(first->inventory->disks.at(0).extra.at("future_disk"), R"("kept")");

  const std::string encoded = encodeReport(*first);
  auto second = decodeReport(encoded);
  ASSERT_TRUE(second.ok()) << second.error();
  EXPECT_EQ(encodeReport(*second), encoded);
  EXPECT_EQ(second->inventory->disks.at(0).extra.at("future_disk"), R"("kept")");
}

TEST(ReportJson, StateReportCarriesNoInventory) {
  Report report;
  report.kind = ReportKind::kState;
  report.agent.id = "a";
  report.seq = 7;
  report.collected_at = "2026-11-23T08:00:03Z";
  report.state.uptime_s = 12;
  const std::string text = encodeReport(report);
  EXPECT_EQ(text.find("\"inventory\""), std::string::npos);
  auto decoded = decodeReport(text);
  ASSERT_TRUE(decoded.ok()) << decoded.error();
  EXPECT_FALSE(decoded->inventory);
  EXPECT_EQ(decoded->state.uptime_s, 12);
}

TEST(ReportJson, InventoryHashIsStableAndSensitive) {
  Inventory a;
  a.system.serial = "S1";
  Inventory b = a;
  EXPECT_EQ(inventoryHash(a), inventoryHash(b));
  EXPECT_EQ(inventoryHash(a).rfind("sha256:", 0), 0u);
  b.system.serial = "S2";
  EXPECT_NE(inventoryHash(a), inventoryHash(b));
}

struct BadReport {
  std::string name;
  std::string body;
  std::string expected_error;  // a substring of the error
  friend void PrintTo(const BadReport& bad, std::ostream* os) { *os << bad.name; }
};

std::string withField(const std::string& replace_from, const std::string& replace_to) {
  std::string text = kFullReport;
  const auto pos = text.find(replace_from);
  EXPECT_NE(pos, std::string::npos) << replace_from;
  return text.replace(pos, replace_from.size(), replace_to);
}

class ReportJsonRejects : public ::testing::TestWithParam<BadReport> {};

TEST_P(ReportJsonRejects, NamingTheField) {
  auto report = decodeReport(GetParam().body);
  ASSERT_FALSE(report.ok());
  EXPECT_NE(report.error().find(GetParam().expected_error), std::string::npos) << report.error();
}

INSTANTIATE_TEST_SUITE_P(
    Hostile, ReportJsonRejects,
    ::testing::Values(
        BadReport{"wrong_type_deep", withField(R"("size_bytes": 64021856256)", R"("size_bytes": "64G")"),
                  "inventory.disks[0].size_bytes: expected an integer"},
        BadReport{"float_for_integer", withField(R"("cycles": 212)", R"("cycles": 21.5)"),
                  "state.batteries[0].cycles: expected an integer"},
        BadReport{"missing_seq", withField(R"("seq": 42,)", ""), "seq: is required"},
        BadReport{"zero_seq", withField(R"("seq": 42,)", R"("seq": 0,)"), "seq: must be at least 1"},
        BadReport{"negative_seq", withField(R"("seq": 42,)", R"("seq": -1,)"), "seq: expected a non-negative"},
        BadReport{"missing_disk_name", withField(R"("name": "mmcblk0", "size_bytes")", R"("size_bytes")"),
                  "inventory.disks[0].name: is required"},
        BadReport{"bad_kind", withField(R"("kind": "full")", R"("kind": "partial")"), "kind: expected"},
        BadReport{"other_schema", withField(R"("parc.report/1")", R"("parc.report/9")"), "schema: unsupported"},
        BadReport{"full_without_inventory", R"({"schema":"parc.report/1","kind":"full","agent":{"id":"a"},"seq":1,"collected_at":"2026-11-23T08:00:03Z"})",
                  "inventory: is required"},
        BadReport{"state_with_inventory", withField(R"("kind": "full")", R"("kind": "state")"),
                  "inventory: not allowed"},
        BadReport{"bad_time", withField("2026-11-23T08:00:03Z", "23/11/2026 08:00"), "collected_at: expected an RFC 3339"},
        BadReport{"array_for_object", withField(R"("memory": {"total_bytes")", R"("memory": [1], "m": {"total_bytes")"),
                  "inventory.memory: expected an object"},
        BadReport{"object_for_array", withField(R"("cpus": [{)", R"("cpus": {"a": 1}, "c": [{)"),
                  "inventory.cpus: expected an array"},
        BadReport{"top_level_array", "[1,2,3]", "expected an object"},
        BadReport{"truncated", std::string(kFullReport).substr(0, 300), "invalid JSON"},
        BadReport{"empty", "", "invalid JSON"},
        BadReport{"duplicate_key", withField(R"("seq": 42,)", R"("seq": 42, "seq": 43,)"), "duplicate key \"seq\""},
        BadReport{"invalid_utf8", withField("Acer", "Ac\xff\xfe"), "invalid JSON"}),
    [](const auto& info) { return info.param.name; });

}  // namespace
}  // namespace parc
