// CSV rows of the activity exports, written by the real CsvExporter and read back
// with the import's CSV reader: every column, French text, separators and
// formula-looking text inside cells, the BOM, and a hostile sink.

#include <gtest/gtest.h>

#include <map>

#include "server/export/activity_export.h"
#include "server/export/csv_exporter.h"
#include "tests/integration/csv_rows.h"

namespace parc::server::exports {
namespace {

Alert sampleAlert() {
  Alert a;
  a.id = "al-1";
  a.rule_id = "disk_smart_failed";
  a.key = "sda";
  a.severity = "critical";
  a.state = "acknowledged";
  a.summary = "Disque sda : défaillance; à remplacer \"vite\"";
  a.device_id = "dev-1";
  a.site_id = "site-1";
  a.collectivity_id = "c-1";
  a.device_name = "b12-p1";
  a.room = "B12";
  a.site_name = "École Jules Ferry";
  a.opened_at = "2026-11-23T08:15:05Z";
  a.last_seen_at = "2026-11-23T09:15:05Z";
  a.count = 5;
  a.acknowledged_at = "2026-11-23T10:00:00Z";
  a.acknowledged_by = "=cmd|' /C calc'!A0";
  return a;
}

std::string writeAlerts(const std::vector<Alert>& alerts, char separator, bool bom) {
  StringSink sink;
  CsvExporter exporter(sink, separator, bom);
  EXPECT_TRUE(exporter.begin(alertColumns()).ok());
  for (const Alert& alert : alerts) EXPECT_TRUE(exporter.row(alertRow(alert)).ok());
  EXPECT_TRUE(exporter.finish().ok());
  return sink.text();
}

TEST(ActivityExport, AnAlertRowReadsBackColumnByColumn) {
  const Alert a = sampleAlert();
  for (const char separator : {',', ';'}) {
    const std::string text = writeAlerts({a}, separator, separator == ';');
    EXPECT_EQ(text.starts_with("\xEF\xBB\xBF"), separator == ';');
    const auto rows = parc::testing::csvRows(text, separator);
    ASSERT_EQ(rows.size(), 1u);
    const auto& row = rows[0];
    EXPECT_EQ(row.size(), alertColumns().size());
    EXPECT_EQ(row.at("id"), a.id);
    EXPECT_EQ(row.at("opened_at"), a.opened_at);
    EXPECT_EQ(row.at("site"), *a.site_name);
    EXPECT_EQ(row.at("room"), *a.room);
    EXPECT_EQ(row.at("device"), *a.device_name);
    EXPECT_EQ(row.at("rule"), a.rule_id);
    EXPECT_EQ(row.at("key"), a.key);
    EXPECT_EQ(row.at("severity"), a.severity);
    EXPECT_EQ(row.at("state"), a.state);
    EXPECT_EQ(row.at("summary"), a.summary);
    EXPECT_EQ(row.at("count"), std::to_string(a.count));
    EXPECT_EQ(row.at("acknowledged_at"), *a.acknowledged_at);
    EXPECT_EQ(row.at("acknowledged_by"), "'" + *a.acknowledged_by);  // never run as a formula
    EXPECT_EQ(row.at("resolved_at"), "");
    EXPECT_EQ(row.at("resolution_note"), "");
  }
}

TEST(ActivityExport, AnInterventionRowReadsBackColumnByColumn) {
  InterventionRow in;
  in.intervention = Intervention{"iv-1", "dev-1", "site-1", std::string("al-1"), "Remplacé le disque, testé; OK\nfin",
                                 45, "tech@commune-a.fr", "2026-11-23T10:00:00Z"};
  in.device_name = "b12-p1";
  in.room = std::nullopt;
  in.site_name = "Collège Jean Moulin";
  InterventionRow bare = in;
  bare.intervention.id = "iv-2";
  bare.intervention.alert_id.reset();
  bare.intervention.what = "+33 1 23 45 67 89";
  StringSink sink;
  CsvExporter exporter(sink, ';', false);
  ASSERT_TRUE(exporter.begin(interventionColumns()).ok());
  ASSERT_TRUE(exporter.row(interventionRow(in)).ok());
  ASSERT_TRUE(exporter.row(interventionRow(bare)).ok());
  ASSERT_TRUE(exporter.finish().ok());
  const auto rows = parc::testing::csvRows(sink.text(), ';');
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].at("id"), "iv-1");
  EXPECT_EQ(rows[0].at("at"), in.intervention.at);
  EXPECT_EQ(rows[0].at("site"), *in.site_name);
  EXPECT_EQ(rows[0].at("room"), "");
  EXPECT_EQ(rows[0].at("device"), *in.device_name);
  EXPECT_EQ(rows[0].at("alert_id"), "al-1");
  EXPECT_EQ(rows[0].at("what"), in.intervention.what);
  EXPECT_EQ(rows[0].at("minutes"), "45");
  EXPECT_EQ(rows[0].at("by"), in.intervention.by);
  EXPECT_EQ(rows[1].at("alert_id"), "");
  EXPECT_EQ(rows[1].at("what"), "'" + bare.intervention.what);
}

TEST(ActivityExport, ColumnsAndRowsHaveTheSameWidth) {
  EXPECT_EQ(alertRow(sampleAlert()).size(), alertColumns().size());
  EXPECT_EQ(interventionRow(InterventionRow{}).size(), interventionColumns().size());
}

}  // namespace
}  // namespace parc::server::exports
