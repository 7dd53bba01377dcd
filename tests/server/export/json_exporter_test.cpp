#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "server/export/json_exporter.h"

namespace parc::server::exports {
namespace {

const std::vector<Column> kColumns = {{"name", ColumnType::text}, {"count", ColumnType::integer},
                                      {"seen", ColumnType::datetime}};

std::string exportRows(const std::vector<Row>& rows) {
  StringSink sink;
  JsonExporter exporter(sink);
  EXPECT_TRUE(exporter.begin(kColumns));
  for (const Row& row : rows) EXPECT_TRUE(exporter.row(row));
  EXPECT_TRUE(exporter.finish());
  return sink.text();
}

TEST(JsonExporter, NoRowsIsAnEmptyArray) {
  EXPECT_EQ(nlohmann::json::parse(exportRows({})), nlohmann::json::array());
}

TEST(JsonExporter, WritesOneObjectPerRowWithTypedValues) {
  const std::vector<Row> rows = {
      {std::string("PC \"1\"\n"), std::int64_t{16384}, DateTime{{2024, 3, 1}, 8, 0, 3}},
      {std::monostate{}, std::monostate{}, std::string("not a date")},
  };
  const auto parsed = nlohmann::json::parse(exportRows(rows));
  ASSERT_EQ(parsed.size(), rows.size());
  EXPECT_EQ(parsed[0]["name"], "PC \"1\"\n");
  EXPECT_TRUE(parsed[0]["count"].is_number_integer());
  EXPECT_EQ(parsed[0]["count"], 16384);
  EXPECT_EQ(parsed[0]["seen"], "2024-03-01T08:00:03Z");
  EXPECT_TRUE(parsed[1]["name"].is_null());
  EXPECT_TRUE(parsed[1]["count"].is_null());
  EXPECT_EQ(parsed[1]["seen"], "not a date");
}

TEST(JsonExporter, ManyRowsStayValidAcrossFlushes) {
  std::vector<Row> rows;
  for (int i = 0; i < 5000; ++i) rows.push_back({std::string("host-") + std::to_string(i), std::int64_t{i}, std::monostate{}});
  const auto parsed = nlohmann::json::parse(exportRows(rows));
  ASSERT_EQ(parsed.size(), 5000u);
  for (int i = 0; i < 5000; ++i) ASSERT_EQ(parsed[i]["count"], i);
}

TEST(JsonExporter, InvalidUtf8StillGivesValidJson) {
  const std::string text = exportRows({{std::string("caf\xE9\xFF"), std::int64_t{1}, std::monostate{}}});
  const auto parsed = nlohmann::json::parse(text, nullptr, false);
  ASSERT_FALSE(parsed.is_discarded()) << text;
  EXPECT_EQ(parsed[0]["name"], "caf\xEF\xBF\xBD\xEF\xBF\xBD");
}

}  // namespace
}  // namespace parc::server::exports
