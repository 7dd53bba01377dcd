#include "server/export/exporter.h"

#include "server/export/csv_exporter.h"
#include "server/export/json_exporter.h"
#include "server/export/xlsx_exporter.h"

namespace parc::server::exports {

std::optional<Format> parseFormat(std::string_view text) {
  if (text == "csv") return Format::csv;
  if (text == "xlsx") return Format::xlsx;
  if (text == "json") return Format::json;
  return std::nullopt;
}

std::string_view formatExtension(Format format) {
  switch (format) {
    case Format::csv: return "csv";
    case Format::xlsx: return "xlsx";
    case Format::json: return "json";
  }
  return "bin";
}

std::string_view formatMediaType(Format format) {
  switch (format) {
    case Format::csv: return "text/csv; charset=utf-8";
    case Format::xlsx: return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    case Format::json: return "application/json";
  }
  return "application/octet-stream";
}

Result<std::unique_ptr<Exporter>> makeExporter(const ExportOptions& options, ByteSink& sink) {
  switch (options.format) {
    case Format::csv:
      if (options.separator != ',' && options.separator != ';') {
        return makeError("csv: the separator must be ',' or ';'");
      }
      return std::unique_ptr<Exporter>(std::make_unique<CsvExporter>(sink, options.separator, options.bom));
    case Format::xlsx:
      return std::unique_ptr<Exporter>(std::make_unique<XlsxExporter>(sink, options));
    case Format::json:
      return std::unique_ptr<Exporter>(std::make_unique<JsonExporter>(sink));
  }
  return makeError("unknown export format");
}

}  // namespace parc::server::exports
