#include "server/import/csv_records.h"

namespace parc::server::imports {

CsvRecordReader::CsvRecordReader(std::string_view text, char separator, std::size_t max_record_bytes)
    : text_(text), separator_(separator), max_record_bytes_(max_record_bytes) {}

// Past the end of the current record, counting lines, after it grew too large.
void CsvRecordReader::skipRestOfRecord(bool in_quotes) {
  while (pos_ < text_.size()) {
    const char c = text_[pos_++];
    if (c == '"') in_quotes = !in_quotes;
    if (c == '\n') {
      ++line_;
      if (!in_quotes) return;
    }
  }
}

std::optional<CsvRecord> CsvRecordReader::next() {
  if (pos_ >= text_.size()) return std::nullopt;
  CsvRecord record;
  record.line = line_;
  const std::size_t start = pos_;
  std::string field;
  bool in_quotes = false, quoted = false;
  while (pos_ < text_.size()) {
    if (pos_ - start > max_record_bytes_) {
      skipRestOfRecord(in_quotes);
      record.fields.clear();
      record.error = "line longer than " + std::to_string(max_record_bytes_) + " bytes";
      return record;
    }
    const char c = text_[pos_++];
    if (in_quotes) {
      if (c == '"' && pos_ < text_.size() && text_[pos_] == '"') {
        field.push_back('"');
        ++pos_;
      } else if (c == '"') {
        in_quotes = false;
      } else {
        if (c == '\n') ++line_;
        field.push_back(c);
      }
    } else if (c == '"' && field.empty() && !quoted) {
      in_quotes = quoted = true;
    } else if (c == separator_) {
      record.fields.push_back(std::move(field));
      field.clear();
      quoted = false;
    } else if (c == '\n') {
      ++line_;
      break;
    } else if (c != '\r' || (pos_ < text_.size() && text_[pos_] != '\n')) {
      field.push_back(c);
    }
  }
  if (in_quotes) {
    record.error = "a quoted field is not closed before the end of the file";
    return record;
  }
  record.fields.push_back(std::move(field));
  record.blank = record.fields.size() == 1 && record.fields[0].empty() && !quoted;
  return record;
}

char detectSeparator(std::string_view text) {
  std::size_t commas = 0, semicolons = 0;
  bool in_quotes = false;
  for (char c : text) {
    if (c == '"') in_quotes = !in_quotes;
    if (in_quotes) continue;
    if (c == '\n') break;
    if (c == ',') ++commas;
    if (c == ';') ++semicolons;
  }
  return semicolons > commas ? ';' : ',';
}

}  // namespace parc::server::imports
