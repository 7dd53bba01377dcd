#include "server/export/xlsx_exporter.h"

#include <unistd.h>
#include <xlsxwriter.h>

#include <cstdio>
#include <limits>

#include "server/export/text_cleaning.h"

namespace parc::server::exports {
namespace {

constexpr std::size_t kChunkBytes = 64 * 1024;
constexpr std::size_t kMaxCellChars = 32767;  // the spreadsheet's own limit
constexpr std::uint32_t kMaxRows = 1048576;

std::string cellString(const std::string& text) {
  std::string out = xmlSafe(text);
  if (out.size() > kMaxCellChars) {
    out.resize(kMaxCellChars);
    out = validUtf8(out);  // the cut may have split a character
  }
  return out;
}

lxw_datetime toLxw(const DateTime& t) {
  return lxw_datetime{t.date.year, t.date.month, t.date.day, t.hour, t.minute, static_cast<double>(t.second)};
}

// A unique file name in `dir`, created empty (libxlsxwriter writes it by name).
Result<std::filesystem::path> makeTempFile(const std::filesystem::path& dir) {
  std::string pattern = (dir / "export-XXXXXX.xlsx").string();
  const int fd = ::mkstemps(pattern.data(), 5);
  if (fd < 0) return makeError("xlsx: cannot create a temporary file in " + dir.string());
  ::close(fd);
  return std::filesystem::path(pattern);
}

}  // namespace

struct XlsxExporter::Workbook {
  std::string tmpdir;  // outlives the options libxlsxwriter keeps a pointer to
  lxw_workbook* book = nullptr;
  lxw_worksheet* sheet = nullptr;
  lxw_format *header = nullptr, *date = nullptr, *datetime = nullptr;

  ~Workbook() {
    if (book) workbook_close(book);
  }
  lxw_error close() {
    lxw_workbook* closing = book;
    book = nullptr;
    return workbook_close(closing);
  }
};

XlsxExporter::XlsxExporter(ByteSink& sink, ExportOptions options) : sink_(sink), options_(std::move(options)) {}

XlsxExporter::~XlsxExporter() {
  workbook_.reset();
  if (!file_.empty()) {
    std::error_code ignored;
    std::filesystem::remove(file_, ignored);
  }
}

Status XlsxExporter::begin(const std::vector<Column>& columns) {
  const std::filesystem::path dir =
      options_.temp_dir.empty() ? std::filesystem::temp_directory_path() : options_.temp_dir;
  auto file = makeTempFile(dir);
  if (!file) return makeError(file.error());
  file_ = *file;
  workbook_ = std::make_unique<Workbook>();
  workbook_->tmpdir = dir.string();
  lxw_workbook_options settings{};
  settings.constant_memory = LXW_TRUE;
  settings.tmpdir = workbook_->tmpdir.data();
  settings.use_zip64 = LXW_TRUE;
  workbook_->book = workbook_new_opt(file_.c_str(), &settings);
  if (!workbook_->book) return makeError("xlsx: cannot create the workbook " + file_.string());
  workbook_->sheet = workbook_add_worksheet(workbook_->book, options_.sheet_name.c_str());
  workbook_->header = workbook_add_format(workbook_->book);
  format_set_bold(workbook_->header);
  workbook_->date = workbook_add_format(workbook_->book);
  format_set_num_format(workbook_->date, "yyyy-mm-dd");
  workbook_->datetime = workbook_add_format(workbook_->book);
  format_set_num_format(workbook_->datetime, "yyyy-mm-dd hh:mm:ss");

  columns_ = columns.size();
  for (std::size_t i = 0; i < columns.size(); ++i) {
    const auto col = static_cast<lxw_col_t>(i);
    worksheet_set_column(workbook_->sheet, col, col, columns[i].width, nullptr);
    const std::string name(columns[i].name);
    worksheet_write_string(workbook_->sheet, 0, col, name.c_str(), workbook_->header);
  }
  worksheet_freeze_panes(workbook_->sheet, 1, 0);
  next_row_ = 1;
  return {};
}

Status XlsxExporter::row(const Row& cells) {
  if (!workbook_ || !workbook_->book) return makeError("xlsx: row before begin");
  if (cells.size() != columns_) return makeError("xlsx: row of " + std::to_string(cells.size()) + " cells for " +
                                                 std::to_string(columns_) + " columns");
  if (next_row_ >= kMaxRows) return makeError("xlsx: more rows than a worksheet holds (1048576)");
  lxw_worksheet* sheet = workbook_->sheet;
  for (std::size_t i = 0; i < cells.size(); ++i) {
    const auto col = static_cast<lxw_col_t>(i);
    const Cell& cell = cells[i];
    lxw_error error = LXW_NO_ERROR;
    if (const auto* text = std::get_if<std::string>(&cell)) {
      error = worksheet_write_string(sheet, next_row_, col, cellString(*text).c_str(), nullptr);
    } else if (const auto* number = std::get_if<std::int64_t>(&cell)) {
      error = worksheet_write_number(sheet, next_row_, col, static_cast<double>(*number), nullptr);
    } else if (const auto* date = std::get_if<Date>(&cell)) {
      lxw_datetime value = toLxw(DateTime{*date, 0, 0, 0});
      error = worksheet_write_datetime(sheet, next_row_, col, &value, workbook_->date);
    } else if (const auto* time = std::get_if<DateTime>(&cell)) {
      lxw_datetime value = toLxw(*time);
      error = worksheet_write_datetime(sheet, next_row_, col, &value, workbook_->datetime);
    }
    if (error != LXW_NO_ERROR) return makeError(std::string("xlsx: ") + lxw_strerror(error));
  }
  ++next_row_;
  return {};
}

Status XlsxExporter::finish() {
  if (!workbook_ || !workbook_->book) return makeError("xlsx: finish before begin");
  if (columns_ > 0) {
    worksheet_autofilter(workbook_->sheet, 0, 0, next_row_ - 1, static_cast<lxw_col_t>(columns_ - 1));
  }
  if (const lxw_error error = workbook_->close(); error != LXW_NO_ERROR) {
    return makeError(std::string("xlsx: cannot write ") + file_.string() + ": " + lxw_strerror(error));
  }
  return sendFile();
}

Status XlsxExporter::sendFile() {
  std::FILE* file = std::fopen(file_.c_str(), "rb");
  if (!file) return makeError("xlsx: cannot read back " + file_.string());
  std::string chunk(kChunkBytes, '\0');
  Status status;
  while (status) {
    const std::size_t read = std::fread(chunk.data(), 1, chunk.size(), file);
    if (read == 0) break;
    if (!sink_.write(std::string_view(chunk.data(), read))) status = makeError("export: the reader has gone");
  }
  if (status && std::ferror(file)) status = makeError("xlsx: cannot read back " + file_.string());
  std::fclose(file);
  std::error_code ignored;
  std::filesystem::remove(file_, ignored);
  file_.clear();
  return status;
}

}  // namespace parc::server::exports
