#pragma once
// Reads CSV records (RFC 4180: quoted fields may hold the separator, quotes and
// line breaks) one at a time from text in memory, within a size limit per record.
// Pure: no I/O, no logging.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace parc::server::imports {

struct CsvRecord {
  std::size_t line = 0;  // where the record starts, from 1
  std::vector<std::string> fields;
  std::optional<std::string> error;  // set: the record is unusable (oversized, unterminated quote)
  bool blank = false;                // an empty line
};

class CsvRecordReader {
 public:
  CsvRecordReader(std::string_view text, char separator, std::size_t max_record_bytes);
  // The next record, or nullopt at the end of the text.
  std::optional<CsvRecord> next();

 private:
  void skipRestOfRecord(bool in_quotes);

  std::string_view text_;
  char separator_;
  std::size_t max_record_bytes_;
  std::size_t pos_ = 0;
  std::size_t line_ = 1;
};

// ',' or ';': whichever appears more often outside quotes in the first line.
char detectSeparator(std::string_view text);

}  // namespace parc::server::imports
