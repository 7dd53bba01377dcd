#pragma once
// One interface for every export format: a header, rows in order, then finish().
// Each writes to a ByteSink, so the API's streamed body and the command line's
// file share the code. Memory stays bounded whatever the number of rows.

#include <filesystem>
#include <memory>
#include <optional>
#include <string_view>
#include <vector>

#include "server/export/byte_sink.h"
#include "server/export/cell.h"
#include "shared/result.h"

namespace parc::server::exports {

enum class Format { csv, xlsx, json };

std::optional<Format> parseFormat(std::string_view text);
std::string_view formatExtension(Format format);    // "csv"
std::string_view formatMediaType(Format format);    // "text/csv; charset=utf-8"

struct ExportOptions {
  Format format = Format::csv;
  char separator = ',';  // CSV: ',' or ';' (the French spreadsheet default)
  bool bom = false;      // CSV: a UTF-8 byte order mark, so spreadsheets read UTF-8
  std::filesystem::path temp_dir;  // XLSX: where the workbook is built before it is sent
  std::string sheet_name = "Inventaire";
};

class Exporter {
 public:
  virtual ~Exporter() = default;
  // Errors name the step: "export: client gone", "xlsx: cannot create …".
  virtual Status begin(const std::vector<Column>& columns) = 0;
  virtual Status row(const Row& cells) = 0;  // as many cells as columns
  virtual Status finish() = 0;
};

Result<std::unique_ptr<Exporter>> makeExporter(const ExportOptions& options, ByteSink& sink);

}  // namespace parc::server::exports
