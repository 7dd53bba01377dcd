#include "server/export/inventory_columns.h"

namespace parc::server::exports {
namespace {

constexpr std::int64_t kMebibyte = 1024 * 1024;
constexpr std::int64_t kGigabyte = 1000 * 1000 * 1000;  // as disk makers count

Cell text(const OptString& value) {
  if (!value || value->empty()) return std::monostate{};
  return *value;
}

Cell integer(const OptInt& value) {
  if (!value) return std::monostate{};
  return *value;
}

// Rounded to the nearest unit.
Cell scaled(const OptInt& bytes, std::int64_t unit) {
  if (!bytes || *bytes < 0) return std::monostate{};
  return (*bytes + unit / 2) / unit;
}

// A date as a date when it is one; the text otherwise, so nothing is lost.
Cell dateCell(const OptString& value) {
  if (!value || value->empty()) return std::monostate{};
  if (auto date = parseDate(*value)) return *date;
  return *value;
}

Cell dateTimeCell(const OptString& value) {
  if (!value || value->empty()) return std::monostate{};
  if (auto time = parseDateTime(*value)) return *time;
  return *value;
}

Cell ageInYears(const OptString& date_text, const Date& today) {
  const auto date = date_text ? parseDate(*date_text) : std::nullopt;
  if (!date) return std::monostate{};
  std::int64_t years = today.year - date->year;
  if (today.month < date->month || (today.month == date->month && today.day < date->day)) --years;
  if (years < 0) return std::monostate{};
  return years;
}

}  // namespace

const std::vector<Column>& inventoryColumns() {
  static const std::vector<Column> kColumns = {
      {"id", ColumnType::text, 34},          {"site_id", ColumnType::text, 34},
      {"site", ColumnType::text, 30},        {"room", ColumnType::text, 12},
      {"kind", ColumnType::text, 12},        {"status", ColumnType::text, 12},
      {"hostname", ColumnType::text, 20},    {"manufacturer", ColumnType::text, 18},
      {"model", ColumnType::text, 24},       {"serial", ColumnType::text, 20},
      {"os", ColumnType::text, 24},          {"cpu", ColumnType::text, 36},
      {"cpu_threads", ColumnType::integer, 11}, {"memory_mib", ColumnType::integer, 11},
      {"disk_gb", ColumnType::integer, 9},   {"enrolled_at", ColumnType::datetime, 20},
      {"last_seen_at", ColumnType::datetime, 20}, {"bios_date", ColumnType::date, 12},
      {"bios_age_years", ColumnType::integer, 14},
  };
  return kColumns;
}

Row inventoryRow(const DeviceExportRow& device, const Date& today) {
  const DeviceSummary& d = device.summary;
  return Row{d.id,
             d.site_id,
             d.site_name,
             text(d.room),
             text(d.kind),
             text(d.status),
             text(d.hostname),
             text(d.manufacturer),
             text(d.model),
             text(d.serial),
             text(d.os),
             text(device.cpu),
             integer(device.cpu_threads),
             scaled(device.memory_bytes, kMebibyte),
             scaled(device.disk_bytes, kGigabyte),
             dateTimeCell(d.enrolled_at),
             dateTimeCell(d.last_seen_at),
             dateCell(device.bios_date),
             ageInYears(device.bios_date, today)};
}

}  // namespace parc::server::exports
