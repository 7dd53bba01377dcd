// The XLSX export read back with openpyxl (tests/server/export/xlsx_dump.py) and
// compared with the CSV export of the same rows, row by row and cell by cell.
// Debian's own python3 (python3-openpyxl), whatever python3 comes first in PATH.
#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "server/export/csv_exporter.h"
#include "server/export/text_cleaning.h"
#include "server/export/xlsx_exporter.h"
#include "server/import/csv_records.h"

namespace parc::server::exports {
namespace {

const std::vector<Column> kColumns = {{"name", ColumnType::text},    {"memory_mib", ColumnType::integer},
                                      {"bios_date", ColumnType::date}, {"last_seen_at", ColumnType::datetime},
                                      {"note", ColumnType::text}};

std::vector<Row> sampleRows(int count) {
  std::vector<Row> rows;
  for (int i = 0; i < count; ++i) {
    rows.push_back({std::string("PC-") + std::to_string(i), std::int64_t{4096 + i},
                    Date{2010 + i % 14, 1 + i % 12, 1 + i % 28}, DateTime{{2024, 5, 1 + i % 30}, i % 24, i % 60, 7},
                    i % 3 == 0 ? Cell(std::monostate{}) : Cell(std::string("Salle B12; \"vidéo\"\n=1+1"))});
  }
  rows.push_back({std::string("=cmd|' /C calc'!A0"), std::int64_t{-1}, std::string("2019-13-45"),
                  std::monostate{}, std::string("caf\xE9 \x01")});
  return rows;
}

class TempDir {
 public:
  TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "parc-xlsx-XXXXXX").string();
    path_ = ::mkdtemp(pattern.data());
  }
  ~TempDir() { std::filesystem::remove_all(path_); }
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

std::string runCommand(const std::string& command) {
  std::string out;
  std::FILE* pipe = ::popen(command.c_str(), "r");
  if (!pipe) return out;
  char buffer[4096];
  std::size_t read = 0;
  while ((read = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) out.append(buffer, read);
  ::pclose(pipe);
  return out;
}

template <class E, class... Args> std::string exportWith(const std::vector<Row>& rows, Args&&... args) {
  StringSink sink;
  E exporter(sink, std::forward<Args>(args)...);
  EXPECT_TRUE(exporter.begin(kColumns));
  for (const Row& row : rows) EXPECT_TRUE(exporter.row(row));
  EXPECT_TRUE(exporter.finish());
  return sink.text();
}

TEST(XlsxExporter, ReadBackWithOpenpyxlMatchesTheCsvRowByRow) {
  TempDir dir;
  const std::vector<Row> rows = sampleRows(300);
  ExportOptions options;
  options.format = Format::xlsx;
  options.temp_dir = dir.path();
  const std::string xlsx = exportWith<XlsxExporter>(rows, options);
  EXPECT_TRUE(std::filesystem::is_empty(dir.path())) << "the temporary workbook is deleted after it is sent";
  const std::string csv = exportWith<CsvExporter>(rows, ';', false);

  const auto file = dir.path() / "out.xlsx";
  std::ofstream(file, std::ios::binary) << xlsx;
  const auto dumped = nlohmann::json::parse(
      runCommand("/usr/bin/python3 " PARC_SOURCE_DIR "/tests/server/export/xlsx_dump.py " + file.string()), nullptr, false);
  ASSERT_FALSE(dumped.is_discarded()) << "openpyxl could not read the workbook";
  EXPECT_EQ(dumped["freeze"], "A2");
  EXPECT_EQ(dumped["filter"], "A1:E" + std::to_string(rows.size() + 1));
  EXPECT_EQ(dumped["bold_header"], true);

  imports::CsvRecordReader reader(csv, ';', 1 << 20);
  const auto& sheet_rows = dumped["rows"];
  ASSERT_EQ(sheet_rows.size(), rows.size() + 1);
  for (std::size_t r = 0; r < sheet_rows.size(); ++r) {
    const auto record = reader.next();
    ASSERT_TRUE(record && !record->error) << "csv record " << r;
    ASSERT_EQ(record->fields.size(), kColumns.size());
    for (std::size_t c = 0; c < kColumns.size(); ++c) {
      const std::string type = sheet_rows[r][c][0];
      const std::string text = sheet_rows[r][c][1];
      // The CSV guards formulas; the spreadsheet keeps text as text. Control
      // characters XML cannot hold are dropped from the spreadsheet only.
      std::string expected = record->fields[c];
      if (type == "s") expected = xmlSafe(expected);
      EXPECT_EQ(type == "s" ? guardFormula(text) : text, expected) << "row " << r << " column " << c;
      if (r > 0 && type != "e") {
        const ColumnType column = kColumns[c].type;
        const bool is_text_fallback = std::holds_alternative<std::string>(rows[r - 1][c]);
        if (column == ColumnType::integer) {
          EXPECT_EQ(type, "n") << "row " << r;
        }
        if ((column == ColumnType::date || column == ColumnType::datetime) && !is_text_fallback) {
          EXPECT_EQ(type, "d") << "row " << r << " column " << c;
        }
      }
    }
  }
  EXPECT_FALSE(reader.next().has_value());
}

TEST(XlsxExporter, RemovesItsTemporaryFileWhenAbandoned) {
  TempDir dir;
  StringSink sink;
  ExportOptions options;
  options.temp_dir = dir.path();
  {
    XlsxExporter exporter(sink, options);
    ASSERT_TRUE(exporter.begin(kColumns));
    for (const Row& row : sampleRows(50)) ASSERT_TRUE(exporter.row(row));
  }
  EXPECT_TRUE(std::filesystem::is_empty(dir.path()));
  EXPECT_TRUE(sink.text().empty());
}

TEST(XlsxExporter, FailsClearlyWhenItCannotCreateItsFile) {
  StringSink sink;
  ExportOptions options;
  options.temp_dir = "/nonexistent/parc-export";
  XlsxExporter exporter(sink, options);
  const Status status = exporter.begin(kColumns);
  ASSERT_FALSE(status);
  EXPECT_NE(status.error().find("/nonexistent/parc-export"), std::string::npos);
}

}  // namespace
}  // namespace parc::server::exports
