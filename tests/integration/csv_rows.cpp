#include "tests/integration/csv_rows.h"

#include <gtest/gtest.h>

#include "server/import/csv_records.h"

namespace parc::testing {

std::vector<std::map<std::string, std::string>> csvRows(std::string text, char separator) {
  if (text.starts_with("\xEF\xBB\xBF")) text.erase(0, 3);
  server::imports::CsvRecordReader reader(text, separator, 1 << 20);
  std::vector<std::map<std::string, std::string>> rows;
  auto header = reader.next();
  if (!header) return rows;
  while (auto record = reader.next()) {
    if (record->blank) continue;
    EXPECT_EQ(record->fields.size(), header->fields.size());
    std::map<std::string, std::string> row;
    for (std::size_t i = 0; i < header->fields.size() && i < record->fields.size(); ++i) {
      row[header->fields[i]] = record->fields[i];
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

}  // namespace parc::testing
