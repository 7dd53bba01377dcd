#include "server/export/json_exporter.h"

#include <nlohmann/json.hpp>

namespace parc::server::exports {
namespace {

constexpr std::size_t kFlushBytes = 64 * 1024;

nlohmann::ordered_json cellJson(const Cell& cell) {
  if (std::holds_alternative<std::monostate>(cell)) return nullptr;
  if (const auto* number = std::get_if<std::int64_t>(&cell)) return *number;
  return cellText(cell);
}

}  // namespace

Status JsonExporter::begin(const std::vector<Column>& columns) {
  for (const Column& column : columns) names_.emplace_back(column.name);
  buffer_ = "[";
  return {};
}

Status JsonExporter::row(const Row& cells) {
  if (cells.size() != names_.size()) return makeError("json: row of " + std::to_string(cells.size()) +
                                                      " cells for " + std::to_string(names_.size()) + " columns");
  nlohmann::ordered_json object = nlohmann::ordered_json::object();
  for (std::size_t i = 0; i < cells.size(); ++i) object[names_[i]] = cellJson(cells[i]);
  buffer_.append(rows_++ == 0 ? "\n" : ",\n");
  // Invalid UTF-8 from a reporting machine becomes U+FFFD rather than a broken file.
  buffer_.append(object.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace));
  return flush(true);
}

Status JsonExporter::finish() {
  buffer_.append(rows_ == 0 ? "]\n" : "\n]\n");
  return flush(false);
}

Status JsonExporter::flush(bool when_full) {
  if (buffer_.empty() || (when_full && buffer_.size() < kFlushBytes)) return {};
  const bool written = sink_.write(buffer_);
  buffer_.clear();
  if (!written) return makeError("export: the reader has gone");
  return {};
}

}  // namespace parc::server::exports
