#pragma once
// XLSX through libxlsxwriter in constant-memory mode (each row goes to a temporary
// file as it is written): a bold header row, frozen below the header, an auto
// filter over every column, numbers as numbers and dates as dates. The workbook is
// built in a temporary file under ExportOptions::temp_dir, then streamed to the
// sink and deleted (also when the export fails half-way).

#include <filesystem>
#include <memory>

#include "server/export/exporter.h"

namespace parc::server::exports {

class XlsxExporter final : public Exporter {
 public:
  XlsxExporter(ByteSink& sink, ExportOptions options);
  ~XlsxExporter() override;
  XlsxExporter(const XlsxExporter&) = delete;
  XlsxExporter& operator=(const XlsxExporter&) = delete;

  Status begin(const std::vector<Column>& columns) override;
  Status row(const Row& cells) override;
  Status finish() override;

 private:
  struct Workbook;
  Status sendFile();

  ByteSink& sink_;
  ExportOptions options_;
  std::filesystem::path file_;
  std::unique_ptr<Workbook> workbook_;
  std::size_t columns_ = 0;
  std::uint32_t next_row_ = 0;
};

}  // namespace parc::server::exports
