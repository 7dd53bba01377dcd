#pragma once
// CSV (RFC 4180): UTF-8, ',' or ';' between fields, CRLF between records, a field
// quoted when it holds the separator, a quote, CR or LF (quotes doubled). Text
// cells are guarded against formula injection (text_cleaning.h); numbers and
// dates are written as they are. An optional BOM tells spreadsheets "UTF-8".

#include <string>

#include "server/export/exporter.h"

namespace parc::server::exports {

class CsvExporter final : public Exporter {
 public:
  CsvExporter(ByteSink& sink, char separator, bool bom);
  Status begin(const std::vector<Column>& columns) override;
  Status row(const Row& cells) override;
  Status finish() override;

  // One field as it is written, quoted when needed.
  static std::string field(const std::string& text, char separator);

 private:
  Status flushIfFull();
  Status flush();
  void appendRecord(const std::vector<std::string>& fields);

  ByteSink& sink_;
  char separator_;
  bool bom_;
  std::size_t columns_ = 0;
  std::string buffer_;
};

}  // namespace parc::server::exports
