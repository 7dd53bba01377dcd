#include <gtest/gtest.h>

#include "server/export/csv_exporter.h"
#include "server/export/text_cleaning.h"

namespace parc::server::exports {
namespace {

const std::vector<Column> kColumns = {{"name", ColumnType::text}, {"count", ColumnType::integer},
                                      {"day", ColumnType::date}};

std::string exportRows(const std::vector<Row>& rows, char separator = ',', bool bom = false) {
  StringSink sink;
  CsvExporter exporter(sink, separator, bom);
  EXPECT_TRUE(exporter.begin(kColumns));
  for (const Row& row : rows) EXPECT_TRUE(exporter.row(row));
  EXPECT_TRUE(exporter.finish());
  return sink.text();
}

struct QuotingCase {
  std::string text;
  char separator;
  std::string expected;
};

TEST(CsvExporter, QuotesFieldsAsRfc4180Says) {
  const QuotingCase cases[] = {
      {"plain", ',', "plain"},
      {"a,b", ',', "\"a,b\""},
      {"a,b", ';', "a,b"},
      {"a;b", ';', "\"a;b\""},
      {"a;b", ',', "a;b"},
      {"say \"hi\"", ',', "\"say \"\"hi\"\"\""},
      {"two\nlines", ',', "\"two\nlines\""},
      {"cr\rhere", ';', "\"cr\rhere\""},
      {"", ',', ""},
      {"Collège Jean Moulin", ';', "Collège Jean Moulin"},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(CsvExporter::field(c.text, c.separator), c.expected) << c.text;
  }
}

TEST(CsvExporter, WritesHeaderAndRecordsWithCrlfAndTheChosenSeparator) {
  const std::string comma = exportRows({{std::string("PC-01"), std::int64_t{8}, Date{2020, 3, 1}}});
  EXPECT_EQ(comma, "name,count,day\r\nPC-01,8,2020-03-01\r\n");
  const std::string semicolon = exportRows({{std::string("a;b"), std::monostate{}, Date{2021, 12, 31}}}, ';');
  EXPECT_EQ(semicolon, "name;count;day\r\n\"a;b\";;2021-12-31\r\n");
}

TEST(CsvExporter, ByteOrderMarkOnlyWhenAsked) {
  EXPECT_TRUE(exportRows({}, ';', true).starts_with("\xEF\xBB\xBF" "name;"));
  EXPECT_TRUE(exportRows({}, ';', false).starts_with("name;"));
}

TEST(CsvExporter, GuardsTextCellsThatASpreadsheetWouldRunAsFormulas) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"=HYPERLINK(\"http://x\")", "\"'=HYPERLINK(\"\"http://x\"\")\""},
      {"+33 1 23", "'+33 1 23"},
      {"-2+3", "'-2+3"},
      {"@SUM(A1)", "'@SUM(A1)"},
      {"\tcmd", "'\tcmd"},
      {"a=b", "a=b"},
  };
  for (const auto& [text, expected] : cases) {
    const std::string csv = exportRows({{text, std::monostate{}, std::monostate{}}});
    EXPECT_EQ(csv, "name,count,day\r\n" + expected + ",,\r\n") << text;
  }
  // Numbers are numbers: a negative one is not guarded.
  EXPECT_EQ(exportRows({{std::monostate{}, std::int64_t{-5}, std::monostate{}}}), "name,count,day\r\n,-5,\r\n");
}

TEST(CsvExporter, InvalidUtf8BecomesReplacementCharacters) {
  const std::string csv = exportRows({{std::string("caf\xE9"), std::monostate{}, std::monostate{}}});
  EXPECT_EQ(csv, "name,count,day\r\ncaf\xEF\xBF\xBD,,\r\n");
}

TEST(CsvExporter, RefusesARowOfTheWrongWidth) {
  StringSink sink;
  CsvExporter exporter(sink, ',', false);
  ASSERT_TRUE(exporter.begin(kColumns));
  EXPECT_FALSE(exporter.row({std::string("only one")}));
}

class FailingSink final : public ByteSink {
 public:
  bool write(std::string_view) override { return false; }
};

TEST(CsvExporter, StopsWhenTheReaderHasGone) {
  FailingSink sink;
  CsvExporter exporter(sink, ',', false);
  ASSERT_TRUE(exporter.begin(kColumns));
  Status status;
  for (int i = 0; i < 10000 && status; ++i) status = exporter.row({std::string(100, 'x'), std::int64_t{i}, Date{2020, 1, 1}});
  EXPECT_FALSE(status);
  EXPECT_NE(status.error().find("gone"), std::string::npos);
}

TEST(TextCleaning, ValidUtf8KeepsGoodSequencesAndReplacesBadOnes) {
  EXPECT_EQ(validUtf8("é€😀"), "é€😀");
  EXPECT_EQ(validUtf8("\xC3"), "\xEF\xBF\xBD");                // truncated
  EXPECT_EQ(validUtf8("\xED\xA0\x80"), "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");  // surrogate
  EXPECT_EQ(validUtf8("\xC0\xAF"), "\xEF\xBF\xBD\xEF\xBF\xBD");  // overlong
  EXPECT_EQ(xmlSafe(std::string("a\0b\x01" "c\td", 7)), "abc\td");
}

}  // namespace
}  // namespace parc::server::exports
