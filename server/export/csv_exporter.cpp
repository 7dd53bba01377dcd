#include "server/export/csv_exporter.h"

#include "server/export/text_cleaning.h"

namespace parc::server::exports {
namespace {

constexpr std::size_t kFlushBytes = 64 * 1024;
constexpr std::string_view kBom = "\xEF\xBB\xBF";

}  // namespace

CsvExporter::CsvExporter(ByteSink& sink, char separator, bool bom)
    : sink_(sink), separator_(separator), bom_(bom) {}

std::string CsvExporter::field(const std::string& text, char separator) {
  const bool quote = text.find_first_of(std::string{separator, '"', '\r', '\n'}) != std::string::npos;
  if (!quote) return text;
  std::string out = "\"";
  for (char c : text) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
  return out;
}

void CsvExporter::appendRecord(const std::vector<std::string>& fields) {
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) buffer_.push_back(separator_);
    buffer_.append(field(fields[i], separator_));
  }
  buffer_.append("\r\n");
}

Status CsvExporter::begin(const std::vector<Column>& columns) {
  columns_ = columns.size();
  if (bom_) buffer_.append(kBom);
  std::vector<std::string> names;
  for (const Column& column : columns) names.emplace_back(column.name);
  appendRecord(names);
  return flushIfFull();
}

Status CsvExporter::row(const Row& cells) {
  if (cells.size() != columns_) return makeError("csv: row of " + std::to_string(cells.size()) + " cells for " +
                                                 std::to_string(columns_) + " columns");
  std::vector<std::string> fields;
  fields.reserve(cells.size());
  for (const Cell& cell : cells) {
    const bool text = std::holds_alternative<std::string>(cell);
    fields.push_back(text ? guardFormula(validUtf8(std::get<std::string>(cell))) : cellText(cell));
  }
  appendRecord(fields);
  return flushIfFull();
}

Status CsvExporter::finish() { return flush(); }

Status CsvExporter::flushIfFull() { return buffer_.size() >= kFlushBytes ? flush() : Status{}; }

Status CsvExporter::flush() {
  if (buffer_.empty()) return {};
  const bool written = sink_.write(buffer_);
  buffer_.clear();
  if (!written) return makeError("export: the reader has gone");
  return {};
}

}  // namespace parc::server::exports
